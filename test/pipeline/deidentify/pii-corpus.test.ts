import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCorpusLines } from '../../../corpora/pii/corpus-markup.js';
import { CORPUS_PATH, loadPiiCorpus, scoreCorpus } from '../../../corpora/pii/score-corpus.js';
import { detectPii } from '../../../pipeline/deidentify/deidentify.js';
import type { PiiType } from '../../../pipeline/record.js';

/** Targets on the held-out test split (corpora/pii/README.md); a regression below fails CI. */
const MIN_RECALL: Partial<Record<PiiType, number>> = { TEL: 0.98, EMAIL: 0.98, NIR: 0.98, NOM: 0.95 };
const MIN_PRECISION = 0.9;

describe('PII corpus', () => {
  it('is in sync with its marked-up sources (run corpora/pii/build-corpus.ts)', () => {
    const onDisk = readFileSync(CORPUS_PATH, 'utf8').trim().split('\n');
    expect(onDisk).toEqual(buildCorpusLines());
  });

  it('has at least 300 texts, 40% of them in the test split, with spans inside their text', () => {
    const all = loadPiiCorpus('all');
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(loadPiiCorpus('test').length / all.length).toBeGreaterThanOrEqual(0.38);
    for (const line of all) {
      for (const span of line.spans) {
        expect(0 <= span.start && span.start < span.end && span.end <= line.text.length).toBe(true);
        expect(line.text.slice(span.start, span.end).trim()).toBe(line.text.slice(span.start, span.end));
      }
    }
  });

  describe('test split scores', () => {
    const { scores } = scoreCorpus(loadPiiCorpus('test'), detectPii);

    it.each(scores.map((score) => [score.type, score] as const))('%s precision ≥ 0.9', (_, score) => {
      expect(score.precision).toBeGreaterThanOrEqual(MIN_PRECISION);
    });

    it.each(Object.entries(MIN_RECALL))('%s recall ≥ %s', (type, minimum) => {
      const score = scores.find((s) => s.type === type);
      expect(score?.gold).toBeGreaterThan(0);
      expect(score?.recall).toBeGreaterThanOrEqual(minimum ?? 1);
    });
  });
});
