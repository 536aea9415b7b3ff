/**
 * segment → classify for one pseudonymized record, with the record-level outcome (union of
 * segment themes, valence derived from the coded segments). The chunk processor, `classify` and
 * `eval` all go through here, so they cannot disagree.
 */
import type { Classifier } from './classify/classifier.js';
import { recordValence } from './classify/valence.js';
import type { ClassifiedSegment, DeidentifiedRecord, ThemeId, Valence } from './record.js';
import { type SegmentOptions, segment } from './segment/segment.js';

export interface AnalyseContext {
  classifier: Classifier;
  segmentOptions: SegmentOptions;
  lang: 'fr' | 'en';
  /** Optional per-stage timer (benchmarks). */
  time?: <T>(stage: 'segment' | 'classify', fn: () => T) => T;
}

export interface AnalysedRecord {
  segments: ClassifiedSegment[];
  /** Union of the themes of coded (non-context) segments, in first-seen order. */
  themes: ThemeId[];
  /** Best score per theme over the record's segments. */
  scores: Record<string, number>;
  valence: Valence;
}

export function analyseRecord(record: DeidentifiedRecord, ctx: AnalyseContext): AnalysedRecord {
  const time = ctx.time ?? (<T>(_stage: string, fn: () => T): T => fn());
  const segments = time('segment', () => segment(record, ctx.segmentOptions));
  const classified = time('classify', () =>
    ctx.classifier.classify(segments, { prompt: record.prompt, lang: ctx.lang }),
  );
  const scores: Record<string, number> = {};
  const themes: ThemeId[] = [];
  const valences: Valence[] = [];
  for (const s of classified) {
    if (s.context) continue;
    valences.push(s.valence);
    for (const t of s.themes) {
      if (!(t.theme in scores)) themes.push(t.theme);
      scores[t.theme] = Math.max(scores[t.theme] ?? 0, t.score);
    }
  }
  return { segments: classified, themes, scores, valence: recordValence(valences) };
}
