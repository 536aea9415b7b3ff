/**
 * Span-level precision / recall / F1 of the de-identification detectors on the PII corpus,
 * per type, printed as a table. Writes nothing.
 *
 *   node --import tsx bench/pii-eval.ts [--split dev|test|all] [--errors]
 *
 * `--errors` also lists missed and spurious spans (the corpus is synthetic: no real PII).
 */
import { parseArgs } from 'node:util';
import { type CorpusSplit, loadPiiCorpus, scoreCorpus } from '../corpora/pii/score-corpus.js';
import { detectPii } from '../pipeline/deidentify/index.js';

const { values } = parseArgs({
  options: { split: { type: 'string', default: 'dev' }, errors: { type: 'boolean', default: false } },
});
const split = values.split as CorpusSplit;
if (!['dev', 'test', 'all'].includes(split)) {
  console.error(`--split must be dev, test or all, not ${split}`);
  process.exit(1);
}

const corpus = loadPiiCorpus(split);
const { scores, errors } = scoreCorpus(corpus, detectPii);
const fixed = (n: number): string => n.toFixed(3);
const rows = scores.map((s) => [
  s.type,
  s.gold,
  s.predicted,
  s.found,
  s.correct,
  fixed(s.precision),
  fixed(s.recall),
  fixed(s.f1),
]);
const totals = scores.reduce(
  (t, s) => ({
    gold: t.gold + s.gold,
    predicted: t.predicted + s.predicted,
    found: t.found + s.found,
    correct: t.correct + s.correct,
  }),
  {
    gold: 0,
    predicted: 0,
    found: 0,
    correct: 0,
  },
);
const microP = totals.predicted === 0 ? 1 : totals.correct / totals.predicted;
const microR = totals.gold === 0 ? 1 : totals.found / totals.gold;
rows.push([
  'all',
  totals.gold,
  totals.predicted,
  totals.found,
  totals.correct,
  fixed(microP),
  fixed(microR),
  fixed((2 * microP * microR) / (microP + microR || 1)),
]);

console.log(`PII corpus, split ${split}: ${corpus.length} texts`);
const header = ['type', 'gold', 'pred', 'found', 'correct', 'P', 'R', 'F1'];
const table = [header, ...rows].map((row) =>
  row.map((cell, i) => (i === 0 ? String(cell).padEnd(6) : String(cell).padStart(7))).join(' '),
);
console.log(table.join('\n'));
if (values.errors) {
  for (const error of errors)
    console.log(`${error.id} ${error.kind.padEnd(8)} ${error.type.padEnd(5)} ${JSON.stringify(error.value)}`);
}
