/** `finalModel` / `refitBelow` (train.ts): the default fold average, deterministic, saved as plain weights. */
import { describe, expect, it } from 'vitest';
import {
  createLinearPredictor,
  fromHeadFile,
  TrainSettingsSchema,
  toHeadFile,
  trainLinearHead,
} from '../../../models/linear/index.js';
import { TINY_LABELS, TINY_SET } from './tiny-set.js';

describe('finalModel', () => {
  const refit = trainLinearHead(
    TINY_SET,
    TINY_LABELS,
    TrainSettingsSchema.parse({ folds: 3, seed: 7, finalModel: 'refit' }),
  );
  const settings = TrainSettingsSchema.parse({ folds: 3, seed: 7, finalModel: 'foldAverage', refitBelow: 0 });
  const averaged = trainLinearHead(TINY_SET, TINY_LABELS, settings);

  it('averages the fold models by default, refitting labels with fewer than 40 positives', () => {
    const defaults = TrainSettingsSchema.parse({});
    expect(defaults.finalModel).toBe('foldAverage');
    expect(defaults.refitBelow).toBe(40);
  });

  it('averages the fold models, deterministically, with the same cross-validation', () => {
    expect(averaged.model.weights).not.toEqual(refit.model.weights);
    expect(trainLinearHead(TINY_SET, TINY_LABELS, settings).model.weights).toEqual(averaged.model.weights);
    expect(averaged.crossValidation.report).toEqual(refit.crossValidation.report);
  });

  it('refits the labels with fewer positives than refitBelow, and only those', () => {
    // Every tiny label has 6–7 positives: 7 refits 'room_comfort' (6) and 'waiting_delays' (6).
    const mixed = trainLinearHead(TINY_SET, TINY_LABELS, { ...settings, refitBelow: 7 }).model;
    const d = mixed.dimension;
    const row = (w: Float32Array, l: number) => w.subarray(l * d, (l + 1) * d);
    const positives = TINY_LABELS.map((label) => TINY_SET.filter((e) => e.labels.includes(label)).length);
    TINY_LABELS.forEach((_, l) => {
      const from = (positives[l] as number) < 7 ? refit.model : averaged.model;
      expect(row(mixed.weights, l)).toEqual(row(from.weights, l));
    });
  });

  it('needs nothing more to predict, nor to be saved', () => {
    const file = toHeadFile(averaged.model, averaged.crossValidation, {
      name: 'tiny',
      version: 'v1',
      createdAt: '2026-01-01T00:00:00Z',
      description: '',
      codebookVersion: 'test',
      training: { fingerprint: '0'.repeat(64), examples: TINY_SET.length, source: 'tiny' },
    });
    const predictor = createLinearPredictor(fromHeadFile(file));
    expect(predictor.predict('le repas est froid', 'neutral').labels.map((l) => l.label)).toEqual(['meals']);
  });
});
