/**
 * Public benchmark of the linear head on the pxtextmining FFT file (English NHS comments, v6
 * framework, one-hot labels): 5-fold cross-validation with identical texts kept in one fold,
 * printing micro/macro F1 and train/predict time per fold, then the time to train on the whole
 * file. The data is not in the repository:
 *
 *   node --import tsx bench/fft.ts /work/shared/datasets/pxtextmining-fft/v6framework_train.csv
 *
 * Options: `--folds N` (outer, default 5), `--inner-folds N` (threshold tuning inside each
 * training, default 3), `--seed N`, `--cost C`, `--class-weight balanced|sqrt|none`, `--json`.
 * Figures are also given without the rows whose text is empty or "Did not answer" (1,697 rows,
 * two giant groups of identical texts that each fall into one fold).
 */
import { parseArgs } from 'node:util';
import { readLabelledFile, TrainOptionsSchema } from '../cli/commands/train.js';
import { multilabelMetrics } from '../models/evaluation/multilabel-metrics.js';
import {
  assignGroupFolds,
  createLinearPredictor,
  type TrainingExample,
  TrainSettingsSchema,
  trainLinearHead,
} from '../models/linear/index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    folds: { type: 'string', default: '5' },
    'inner-folds': { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    cost: { type: 'string' },
    'class-weight': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const file = positionals[0];
if (file === undefined) {
  process.stderr.write('usage: bench/fft.ts FILE.csv [--folds 5] [--inner-folds 3] [--seed 1]\n');
  process.exit(1);
}

const { examples, labels } = await readLabelledFile(
  TrainOptionsSchema.parse({
    in: file,
    name: 'fft',
    textCol: 'FFT answer',
    fieldCol: 'FFT question',
    onehotFrom: 'Not assigned',
  }),
);
const settings = TrainSettingsSchema.parse({
  features: { lang: 'en' },
  folds: Number(values['inner-folds']),
  seed: Number(values.seed),
  cost: values.cost === undefined ? undefined : Number(values.cost),
  classWeight: values['class-weight'],
});
const folds = Number(values.folds);
const fold = assignGroupFolds(
  examples.map((e) => e.text),
  folds,
  settings.seed,
);
const informative = examples.map((e) => !['', 'did not answer'].includes(e.text.trim().toLowerCase()));

const seconds = (start: number): number => (performance.now() - start) / 1000;
const predicted: string[][] = examples.map(() => []);
const perFold: { fold: number; rows: number; micro: number; macro: number; trainS: number; predictS: number }[] = [];
for (let f = 0; f < folds; f++) {
  const train: TrainingExample[] = examples.filter((_, i) => fold[i] !== f);
  const test = [...examples.keys()].filter((i) => fold[i] === f);
  let start = performance.now();
  const head = trainLinearHead(train, labels, settings);
  const trainS = seconds(start);
  start = performance.now();
  const predictor = createLinearPredictor(head.model);
  for (const i of test) {
    const e = examples[i] as TrainingExample;
    predicted[i] = predictor.predict(e.text, e.prompt).labels.map((l) => l.label);
  }
  const predictS = seconds(start);
  const report = multilabelMetrics(
    test.map((i) => (examples[i] as TrainingExample).labels),
    test.map((i) => predicted[i] as string[]),
    labels,
  );
  perFold.push({ fold: f, rows: test.length, micro: report.micro.f1, macro: report.macroF1, trainS, predictS });
  process.stderr.write(
    `fold ${f}: ${test.length} rows, micro-F1 ${report.micro.f1.toFixed(3)}, macro-F1 ${report.macroF1.toFixed(3)}, train ${trainS.toFixed(1)} s, predict ${predictS.toFixed(2)} s\n`,
  );
}
const pooled = multilabelMetrics(
  examples.map((e) => e.labels),
  predicted,
  labels,
);
const keep = (i: number) => informative[i] === true;
const pooledInformative = multilabelMetrics(
  examples.filter((_, i) => keep(i)).map((e) => e.labels),
  predicted.filter((_, i) => keep(i)),
  labels,
);
const wholeStart = performance.now();
trainLinearHead(examples, labels, settings);
const wholeTrainS = seconds(wholeStart);

const result = {
  file,
  rows: examples.length,
  labels: labels.length,
  folds,
  innerFolds: settings.folds,
  micro_f1: pooled.micro.f1,
  macro_f1: pooled.macroF1,
  informative_rows: pooledInformative.items,
  informative_micro_f1: pooledInformative.micro.f1,
  informative_macro_f1: pooledInformative.macroF1,
  per_fold: perFold,
  whole_file_train_s: wholeTrainS,
};
if (values.json) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  process.stdout.write(
    [
      `${file}: ${examples.length} rows, ${labels.length} labels, ${folds}-fold CV (identical texts in one fold), thresholds tuned by ${settings.folds}-fold CV inside each training`,
      `all rows:          micro-F1 ${pooled.micro.f1.toFixed(3)} · macro-F1 ${pooled.macroF1.toFixed(3)} (${pooled.macroThemes} labels)`,
      `informative rows:  micro-F1 ${pooledInformative.micro.f1.toFixed(3)} · macro-F1 ${pooledInformative.macroF1.toFixed(3)} (${pooledInformative.items} rows)`,
      `train on the whole file: ${wholeTrainS.toFixed(1)} s`,
      '',
    ].join('\n'),
  );
}
