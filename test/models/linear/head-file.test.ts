/**
 * A head survives the trip to JSON and back: same labels, settings and thresholds, and
 * predictions within the int16 quantization error.
 */
import { describe, expect, it } from 'vitest';
import {
  createLinearPredictor,
  fromHeadFile,
  HeadFileSchema,
  TrainSettingsSchema,
  toHeadFile,
  trainLinearHead,
} from '../../../models/linear/index.js';
import { TINY_LABELS, TINY_SET } from './tiny-set.js';

describe('head file', () => {
  const { model, crossValidation } = trainLinearHead(TINY_SET, TINY_LABELS, TrainSettingsSchema.parse({ folds: 3 }));
  const file = toHeadFile(model, crossValidation, {
    name: 'tiny',
    version: 'v1',
    createdAt: '2026-01-01T00:00:00.000Z',
    description: 'test',
    codebookVersion: '1.0.0',
    training: { fingerprint: 'a'.repeat(64), examples: TINY_SET.length, source: 'tiny' },
  });

  it('round-trips through JSON and the schema', () => {
    const parsed = HeadFileSchema.parse(JSON.parse(JSON.stringify(file)));
    const back = fromHeadFile(parsed);
    expect(back.labels).toEqual(model.labels);
    expect(back.settings).toEqual(model.settings);
    expect(back.vocabulary.buckets).toEqual(model.vocabulary.buckets);
    expect(back.thresholds).toEqual(model.thresholds);
    const before = createLinearPredictor(model).predict('repas froid et chambre sale', 'neutral');
    const after = createLinearPredictor(back).predict('repas froid et chambre sale', 'neutral');
    after.margins.forEach((m, l) => {
      expect(m).toBeCloseTo(before.margins[l] as number, 3);
    });
    expect(after.labels.map((l) => l.label)).toEqual(before.labels.map((l) => l.label));
  });

  it('records the cross-validated figures per label', () => {
    expect(file.crossValidation.perLabel.map((s) => s.label)).toEqual([...TINY_LABELS]);
    expect(file.crossValidation.folds).toBe(3);
  });

  it('writes format version 2 with the fallback gap', () => {
    expect(file.formatVersion).toBe(2);
    expect(file.fallbackGap).toBe(model.fallbackGap);
  });

  it('reads a version-1 file without the features it predates', () => {
    const { fallbackGap: _, ...rest } = JSON.parse(JSON.stringify(file)) as Record<string, unknown>;
    const legacy = HeadFileSchema.parse({ ...rest, formatVersion: 1 });
    const back = fromHeadFile(legacy);
    expect(back.fallbackGap).toBeNull();
    expect(back.settings.features.promptCrossWeight).toBe(0);
    expect(back.settings.features.stemEnglish).toBe(false);
  });

  it('rejects a file of another format', () => {
    expect(HeadFileSchema.safeParse({ ...file, format: 'other' }).success).toBe(false);
  });
});
