"""Peers of bench/fft.ts on exactly the same rows and folds (never run by the tests).

Reads the JSON lines bench/fft.ts --peers writes (text, prompt, labels, fold, informative) and
runs the two scikit-learn baselines the issue quotes, each trained per outer fold:
  - LinearSVC on TF-IDF word 1-2-grams + char_wb 3-5-grams (sublinear tf), one-vs-rest, C=1;
  - class-weighted logistic regression on the same features, per-label thresholds tuned by
    3-fold cross-validation inside the training folds.
Prints one JSON line per peer: micro/macro F1 on all rows and on informative rows, and the time
to train on the whole file. Needs Debian's python3-sklearn.
"""
import json
import sys
import time

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import KFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.svm import LinearSVC

rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
labels = rows[0]["label_order"]
texts = [(r["prompt"] + " " + r["text"]) for r in rows]
Y = np.array([[1 if l in r["labels"] else 0 for l in labels] for r in rows], dtype=np.int8)
fold = np.array([r["fold"] for r in rows])
informative = np.array([r["informative"] for r in rows])


def features():
    word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=1)
    return word, char


def fit_transform(train_texts, test_texts):
    word, char = features()
    Xtr = hstack([word.fit_transform(train_texts), char.fit_transform(train_texts)]).tocsr()
    Xte = hstack([word.transform(test_texts), char.transform(test_texts)]).tocsr()
    return Xtr, Xte


def svc_predict(Xtr, ytr, Xte):
    model = OneVsRestClassifier(LinearSVC(C=1.0, dual=True, max_iter=5000))
    keep = ytr.sum(axis=0) > 0
    out = np.zeros((Xte.shape[0], ytr.shape[1]), dtype=np.int8)
    model.fit(Xtr, ytr[:, keep])
    out[:, keep] = model.predict(Xte)
    return out


def lr_scores(Xtr, ytr, Xte):
    out = np.full((Xte.shape[0], ytr.shape[1]), -1e9)
    for l in range(ytr.shape[1]):
        if ytr[:, l].sum() == 0 or ytr[:, l].sum() == len(ytr):
            continue
        m = LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000, solver="liblinear")
        m.fit(Xtr, ytr[:, l])
        out[:, l] = m.decision_function(Xte)
    return out


def lr_predict(train_texts, ytr, test_texts):
    # Thresholds per label from 3-fold out-of-fold scores inside the training rows.
    oof = np.zeros(ytr.shape)
    for a, b in KFold(3, shuffle=True, random_state=1).split(train_texts):
        Xa, Xb = fit_transform([train_texts[i] for i in a], [train_texts[i] for i in b])
        oof[b] = lr_scores(Xa, ytr[a], Xb)
    cuts = np.zeros(ytr.shape[1])
    for l in range(ytr.shape[1]):
        best, cut = -1.0, 0.0
        for t in np.unique(np.quantile(oof[:, l], np.linspace(0.5, 0.999, 120))):
            f = f1_score(ytr[:, l], oof[:, l] > t, zero_division=0)
            if f > best:
                best, cut = f, t
        cuts[l] = cut
    Xtr, Xte = fit_transform(train_texts, test_texts)
    return (lr_scores(Xtr, ytr, Xte) > cuts).astype(np.int8)


def report(name, predicted, whole_s):
    def scores(mask):
        yt, yp = Y[mask], predicted[mask]
        present = (yt.sum(axis=0) + yp.sum(axis=0)) > 0
        return (f1_score(yt, yp, average="micro", zero_division=0),
                f1_score(yt[:, present], yp[:, present], average="macro", zero_division=0))
    micro, macro = scores(np.ones(len(Y), dtype=bool))
    imicro, imacro = scores(informative)
    print(json.dumps({"peer": name, "micro_f1": round(micro, 3), "macro_f1": round(macro, 3),
                      "informative_micro_f1": round(imicro, 3), "informative_macro_f1": round(imacro, 3),
                      "whole_file_train_s": round(whole_s, 1)}), flush=True)


for name in sys.argv[2:] or ["svc", "lr"]:
    predicted = np.zeros(Y.shape, dtype=np.int8)
    for f in sorted(set(fold)):
        tr, te = np.where(fold != f)[0], np.where(fold == f)[0]
        trt, tet = [texts[i] for i in tr], [texts[i] for i in te]
        if name == "svc":
            Xtr, Xte = fit_transform(trt, tet)
            predicted[te] = svc_predict(Xtr, Y[tr], Xte)
        else:
            predicted[te] = lr_predict(trt, Y[tr], tet)
    t0 = time.perf_counter()
    if name == "svc":
        Xall, _ = fit_transform(texts, texts[:1])
        svc_predict(Xall, Y, Xall[:1])
    else:
        lr_predict(texts, Y, texts[:1])
    report(name, predicted, time.perf_counter() - t0)
