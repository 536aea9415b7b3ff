/**
 * Loading and scoring of the PII corpus, shared by `bench/pii-eval.ts` (the printed table) and
 * the regression test that holds the targets. Scores are span-level: a predicted span is right
 * when it overlaps a gold span of the same type, and a gold span is found when some predicted
 * span of its type overlaps it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type PiiType, PiiTypeSchema } from '../../pipeline/record.js';

const GoldSpanSchema = z.object({ start: z.number().int(), end: z.number().int(), type: PiiTypeSchema });
const CorpusLineSchema = z.object({ id: z.string(), text: z.string(), spans: z.array(GoldSpanSchema) });
export type CorpusLine = z.infer<typeof CorpusLineSchema>;
export type CorpusSpan = z.infer<typeof GoldSpanSchema>;

/** `dev` lines have ids P…, `test` lines Q…. */
export type CorpusSplit = 'dev' | 'test' | 'all';

export const CORPUS_PATH = join(dirname(fileURLToPath(import.meta.url)), 'pii-corpus.jsonl');

/** Reads and validates the corpus, keeping one split. */
export function loadPiiCorpus(split: CorpusSplit, path: string = CORPUS_PATH): CorpusLine[] {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const corpus = lines.map((line) => CorpusLineSchema.parse(JSON.parse(line)));
  if (split === 'all') return corpus;
  const prefix = split === 'dev' ? 'P' : 'Q';
  return corpus.filter((line) => line.id.startsWith(prefix));
}

/** Counts for one type. */
export interface TypeScore {
  type: PiiType;
  gold: number;
  predicted: number;
  /** Gold spans overlapped by a prediction of their type. */
  found: number;
  /** Predictions overlapping a gold span of their type. */
  correct: number;
  precision: number;
  recall: number;
  f1: number;
}

/** A gold span missed or a prediction with no gold span, for debugging the detectors. */
export interface ScoreError {
  id: string;
  kind: 'missed' | 'spurious';
  type: PiiType;
  value: string;
}

const overlaps = (a: CorpusSpan, b: CorpusSpan): boolean => a.type === b.type && a.start < b.end && b.start < a.end;

/** Scores predictions against the gold spans of each line, per PII type. */
export function scoreCorpus(
  corpus: readonly CorpusLine[],
  predict: (text: string) => readonly CorpusSpan[],
): { scores: TypeScore[]; errors: ScoreError[] } {
  const counts = new Map<PiiType, { gold: number; predicted: number; found: number; correct: number }>();
  for (const type of PiiTypeSchema.options) counts.set(type, { gold: 0, predicted: 0, found: 0, correct: 0 });
  const errors: ScoreError[] = [];
  for (const line of corpus) {
    const predicted = predict(line.text);
    for (const gold of line.spans) {
      const count = counts.get(gold.type);
      if (count === undefined) continue;
      count.gold += 1;
      if (predicted.some((span) => overlaps(span, gold))) count.found += 1;
      else errors.push({ id: line.id, kind: 'missed', type: gold.type, value: line.text.slice(gold.start, gold.end) });
    }
    for (const span of predicted) {
      const count = counts.get(span.type);
      if (count === undefined) continue;
      count.predicted += 1;
      if (line.spans.some((gold) => overlaps(span, gold))) count.correct += 1;
      else
        errors.push({ id: line.id, kind: 'spurious', type: span.type, value: line.text.slice(span.start, span.end) });
    }
  }
  const scores = [...counts].map(([type, count]): TypeScore => {
    // No prediction means no wrong prediction: precision 1 (and recall says the rest).
    const precision = count.predicted === 0 ? 1 : count.correct / count.predicted;
    const recall = count.gold === 0 ? 1 : count.found / count.gold;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { type, ...count, precision, recall, f1 };
  });
  return { scores, errors };
}
