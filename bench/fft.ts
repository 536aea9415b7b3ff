/**
 * Public benchmark of the linear head on the pxtextmining FFT file (English NHS comments, v6
 * framework, one-hot labels): 5-fold cross-validation with identical texts kept in one fold,
 * printing micro/macro F1 and train/predict time per fold, then the time to train on the whole
 * file. The data is not in the repository:
 *
 *   node --import tsx bench/fft.ts /work/shared/datasets/pxtextmining-fft/v6framework_train.csv
 *
 * Options: `--folds N` (outer, default 5), `--inner-folds N` (threshold tuning inside each
 * training, default 3), `--seed N`, `--cost C`, `--class-weight balanced|sqrt|none`, `--json`,
 * and `--set path=value` (repeatable) for any training setting, e.g. `--set
 * features.promptCrossWeight=0` or `--set atLeastOne=false`, to measure one change at a time.
 * `--codebook FILE [--rules-weight W]`: the codebook's cues as features, as `verbatim train`
 * does (labels matched to themes by label); the headline figures use
 * `--codebook models/codebooks/fft-v6-en.yaml --rules-weight 0.5`.
 * Figures are also given without the rows whose text is empty or "Did not answer" (1,697 rows,
 * two giant groups of identical texts that each fall into one fold).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { readLabelledFile, TrainOptionsSchema } from '../cli/commands/train.js';
import { loadCodebook, themeIdsForLabels } from '../models/codebooks/codebook.js';
import { multilabelMetrics } from '../models/evaluation/multilabel-metrics.js';
import { valenceMetrics } from '../models/evaluation/valence-metrics.js';
import {
  assignGroupFolds,
  createLexicalFeatureScorer,
  createLinearPredictor,
  type TrainingExample,
  TrainSettingsSchema,
  trainLinearHead,
} from '../models/linear/index.js';
import { seededRandom } from '../models/linear/seeded-random.js';
import type { PromptKind, Valence } from '../pipeline/record.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    folds: { type: 'string', default: '5' },
    'inner-folds': { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    cost: { type: 'string' },
    'class-weight': { type: 'string' },
    json: { type: 'boolean', default: false },
    set: { type: 'string', multiple: true, default: [] },
    'per-label': { type: 'boolean', default: false },
    'skip-whole': { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    split: { type: 'string', default: 'grouped' },
    peers: { type: 'boolean', default: false },
    codebook: { type: 'string' },
    'rules-weight': { type: 'string', default: '1' },
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
    valenceCol: 'Comment sentiment',
    valenceMap: '1=positive,2=positive,3=mixed,4=negative,5=negative',
  }),
);
// `--codebook FILE`: its cues become features (weight --rules-weight); the file's label names are
// matched to the codebook's themes by label or id.
const codebook = values.codebook === undefined ? undefined : loadCodebook(values.codebook);
const rules = codebook ? createLexicalFeatureScorer(codebook, themeIdsForLabels(codebook, labels)) : undefined;
const lexicalFeatures = rules ? (text: string, prompt: PromptKind) => rules.score(text, prompt).scores : undefined;
const rawSettings: Record<string, unknown> = {
  features: { lang: 'en', lexicalWeight: rules ? Number(values['rules-weight']) : 0 },
  folds: Number(values['inner-folds']),
  seed: Number(values.seed),
  cost: values.cost === undefined ? undefined : Number(values.cost),
  classWeight: values['class-weight'],
};
for (const assignment of values.set) {
  const [path = '', value = ''] = assignment.split('=');
  const keys = path.split('.');
  let target = rawSettings;
  for (const key of keys.slice(0, -1)) {
    target[key] ??= {};
    target = target[key] as Record<string, unknown>;
  }
  target[keys.at(-1) as string] = JSON.parse(value);
}
const settings = TrainSettingsSchema.parse(rawSettings);
for (const assignment of values.set) {
  // zod drops unknown keys: a typo would silently measure the defaults.
  const path = (assignment.split('=')[0] ?? '').split('.');
  let node: unknown = settings;
  for (const key of path)
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  if (node === undefined) throw new Error(`--set ${assignment}: no such setting`);
}
const folds = Number(values.folds);
const split = z.enum(['grouped', 'random']).parse(values.split);
// `grouped`: identical texts in one fold (the honest split); `random`: rows dealt at random, as a
// plain held-out split does, so that figures can be set beside ones measured that way.
const fold =
  split === 'grouped'
    ? assignGroupFolds(
        examples.map((e) => e.text),
        folds,
        settings.seed,
      )
    : randomFolds(examples.length, folds, settings.seed);
const informative = examples.map((e) => !['', 'did not answer'].includes(e.text.trim().toLowerCase()));

function randomFolds(n: number, k: number, seed: number): Int32Array {
  const order = Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const out = new Int32Array(n);
  order.forEach((row, position) => {
    out[row] = position % k;
  });
  return out;
}

if (values.peers) {
  // The scikit-learn peers on the very same rows and folds (bench/fft_peers.py; Debian's
  // python3-sklearn). Their figures print first; ours follow.
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-fft-peers-'));
  const rowsFile = join(dir, 'rows.jsonl');
  writeFileSync(
    rowsFile,
    examples
      .map((e, i) =>
        JSON.stringify({
          text: e.text,
          prompt: e.prompt,
          labels: e.labels,
          fold: fold[i],
          informative: informative[i],
          ...(i === 0 ? { label_order: labels } : {}),
        }),
      )
      .join('\n'),
  );
  const script = fileURLToPath(new URL('./fft_peers.py', import.meta.url));
  // Debian's interpreter, where python3-sklearn installs (a user-level python3 may come first on PATH).
  const python = process.env.VERBATIM_PYTHON ?? '/usr/bin/python3';
  const peers = spawnSync(python, [script, rowsFile], { stdio: ['ignore', 'inherit', 'inherit'] });
  rmSync(dir, { recursive: true, force: true });
  if (peers.status !== 0) throw new Error(`bench/fft_peers.py exited with ${peers.status}`);
}

if (values.quick) {
  // One training with --folds-fold CV inside it (thresholds of each fold tuned on the other folds'
  // out-of-fold margins): about a quarter of the nested run's time, to compare variants. The
  // reported figures come from the nested run.
  const start = process.cpuUsage();
  const { crossValidation } = trainLinearHead(
    examples,
    labels,
    { ...settings, folds: Number(values.folds) },
    lexicalFeatures,
  );
  const used = process.cpuUsage(start);
  const rows = [...examples.keys()].filter((i) => informative[i]);
  const report = multilabelMetrics(
    rows.map((i) => (examples[i] as TrainingExample).labels),
    rows.map((i) => crossValidation.predicted[i] as readonly string[]),
    labels,
  );
  const out = {
    quick: true,
    micro_f1: crossValidation.report.micro.f1,
    macro_f1: crossValidation.report.macroF1,
    informative_micro_f1: report.micro.f1,
    informative_macro_f1: report.macroF1,
    cpu_s: (used.user + used.system) / 1e6,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
}

const seconds = (start: number): number => (performance.now() - start) / 1000;
// CPU seconds of this process: on a shared machine they move less than wall time.
const cpuSeconds = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};
const predicted: string[][] = examples.map(() => []);
const predictedValence: (Valence | undefined)[] = examples.map(() => undefined);
const perFold: { fold: number; rows: number; micro: number; macro: number; trainS: number; predictS: number }[] = [];
let predictRows = 0;
let predictSeconds = 0;
for (let f = 0; f < folds; f++) {
  const train: TrainingExample[] = examples.filter((_, i) => fold[i] !== f);
  const test = [...examples.keys()].filter((i) => fold[i] === f);
  let start = performance.now();
  const head = trainLinearHead(train, labels, settings, lexicalFeatures);
  const trainS = seconds(start);
  start = performance.now();
  const predictor = createLinearPredictor(head.model);
  for (const i of test) {
    const e = examples[i] as TrainingExample;
    const p = predictor.predict(e.text, e.prompt, lexicalFeatures?.(e.text, e.prompt));
    predicted[i] = p.labels.map((l) => l.label);
    predictedValence[i] = p.valence?.valence;
  }
  const predictS = seconds(start);
  predictRows += test.length;
  predictSeconds += predictS;
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
let wholeTrainS = Number.NaN;
let wholeTrainCpuS = Number.NaN;
if (!values['skip-whole']) {
  const wholeStart = performance.now();
  const cpuStart = process.cpuUsage();
  trainLinearHead(examples, labels, settings, lexicalFeatures);
  wholeTrainS = seconds(wholeStart);
  wholeTrainCpuS = cpuSeconds(cpuStart);
}
const valenceRows = [...examples.keys()].filter((i) => examples[i]?.valence !== undefined && informative[i]);
const valence = valenceMetrics(
  valenceRows.map((i) => examples[i]?.valence as Valence),
  valenceRows.map((i) => predictedValence[i] ?? 'neutral'),
);
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const predictRowsPerS = predictRows / predictSeconds;

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
  whole_file_train_cpu_s: wholeTrainCpuS,
  predict_rows_per_s: predictRowsPerS,
  peak_rss_mb: peakRssMb,
  valence_rows: valence.items,
  valence_accuracy: valence.accuracy,
  valence_macro_f1: valence.macroF1,
  per_label_informative: pooledInformative.perTheme.map((t) => ({
    label: t.theme,
    support: t.support,
    precision: t.precision,
    recall: t.recall,
    f1: t.f1,
  })),
};
if (values.json) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  process.stdout.write(
    [
      `${file}: ${examples.length} rows, ${labels.length} labels, ${folds}-fold CV (${split === 'grouped' ? 'identical texts in one fold' : 'rows dealt at random'}), thresholds tuned by ${settings.folds}-fold CV inside each training`,
      `all rows:          micro-F1 ${pooled.micro.f1.toFixed(3)} · macro-F1 ${pooled.macroF1.toFixed(3)} (${pooled.macroThemes} labels)`,
      `informative rows:  micro-F1 ${pooledInformative.micro.f1.toFixed(3)} · macro-F1 ${pooledInformative.macroF1.toFixed(3)} (${pooledInformative.items} rows)`,
      `valence (1–2 positive, 3 mixed, 4–5 negative; ${valence.items} informative rows with a sentiment): accuracy ${valence.accuracy.toFixed(3)} · macro-F1 ${valence.macroF1.toFixed(3)}`,
      `train on the whole file: ${wholeTrainS.toFixed(1)} s wall, ${wholeTrainCpuS.toFixed(1)} s CPU · predict ${Math.round(predictRowsPerS)} rows/s (featurize + score, one thread) · peak RSS ${Math.round(peakRssMb)} MB`,
      '',
    ].join('\n'),
  );
  if (values['per-label']) {
    const width = Math.max(...labels.map((l) => l.length));
    process.stdout.write(`per label, informative rows:\n${'label'.padEnd(width)}  support  precision  recall     f1\n`);
    for (const t of pooledInformative.perTheme) {
      if (t.support === 0 && t.predicted === 0) continue;
      process.stdout.write(
        `${t.theme.padEnd(width)}  ${String(t.support).padStart(7)}  ${t.precision.toFixed(3).padStart(9)}  ${t.recall.toFixed(3).padStart(6)}  ${t.f1.toFixed(3).padStart(5)}\n`,
      );
    }
  }
}
