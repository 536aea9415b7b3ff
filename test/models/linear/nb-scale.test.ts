/** NB-SVM log-count-ratio scaling (one-vs-rest.ts): on by default, deterministic, still predicts. */
import { describe, expect, it } from 'vitest';
import { createLinearPredictor, TrainSettingsSchema, trainLinearHead } from '../../../models/linear/index.js';
import { TINY_LABELS, TINY_SET } from './tiny-set.js';

describe('nbScale', () => {
  const plain = trainLinearHead(TINY_SET, TINY_LABELS, TrainSettingsSchema.parse({ folds: 3, seed: 7, nbScale: 0 }));
  const settings = TrainSettingsSchema.parse({ folds: 3, seed: 7, nbScale: 0.5 });
  const scaled = trainLinearHead(TINY_SET, TINY_LABELS, settings);

  it('is 0.5 by default', () => {
    expect(TrainSettingsSchema.parse({}).nbScale).toBe(0.5);
  });

  it('changes the weights, deterministically for a seed', () => {
    expect(scaled.model.weights).not.toEqual(plain.model.weights);
    expect(trainLinearHead(TINY_SET, TINY_LABELS, settings).model.weights).toEqual(scaled.model.weights);
  });

  it('folds the ratios into the weights, so that prediction needs nothing else', () => {
    const predictor = createLinearPredictor(scaled.model);
    expect(predictor.predict('le repas est froid', 'neutral').labels.map((l) => l.label)).toEqual(['meals']);
    expect(predictor.predict('la chambre était sale', 'neutral').labels.map((l) => l.label)).toEqual(['room_comfort']);
    expect(scaled.crossValidation.report.micro.f1).toBeGreaterThan(0.5);
  });
});
