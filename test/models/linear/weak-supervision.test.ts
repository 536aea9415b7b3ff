/**
 * Weakly labelled examples (labelled by the codebook rules) are trained on with a lower weight
 * but never judged: the cross-validated figures and the thresholds come from gold rows only.
 */
import { describe, expect, it } from 'vitest';
import {
  createLinearPredictor,
  type TrainingExample,
  TrainSettingsSchema,
  trainLinearHead,
} from '../../../models/linear/index.js';
import { TINY_LABELS, TINY_SET } from './tiny-set.js';

const WEAK: TrainingExample[] = ['repas tiède', 'plateau froid', 'dessert fade', 'viande dure'].map((text) => ({
  text,
  prompt: 'neutral',
  // Deliberately wrong: if weak rows were judged, they would show up as errors.
  labels: ['room_comfort'],
  weak: true,
}));

describe('weak supervision', () => {
  const settings = TrainSettingsSchema.parse({ folds: 3, seed: 5 });
  const gold = trainLinearHead(TINY_SET, TINY_LABELS, settings);
  const mixed = trainLinearHead([...TINY_SET, ...WEAK], TINY_LABELS, settings);

  it('reports cross-validated figures on gold rows only', () => {
    expect(mixed.crossValidation.report.items).toBe(TINY_SET.length);
    expect(mixed.crossValidation.predicted).toHaveLength(TINY_SET.length + WEAK.length);
  });

  it('still learns from the weak rows', () => {
    expect(mixed.model.weights).not.toEqual(gold.model.weights);
    expect(mixed.model.vocabulary.buckets.length).toBeGreaterThan(gold.model.vocabulary.buckets.length);
  });

  it('weighs them less as weakWeight falls', () => {
    const light = trainLinearHead(
      [...TINY_SET, ...WEAK],
      TINY_LABELS,
      TrainSettingsSchema.parse({ folds: 3, seed: 5, weakWeight: 0.05 }),
    );
    const room = TINY_LABELS.indexOf('room_comfort');
    const margin = (model: typeof light.model) => {
      // Same text: compare the room_comfort margin the weak labels pushed up.
      return createLinearPredictor(model).predict('plateau froid', 'neutral').margins[room] as number;
    };
    expect(margin(light.model)).toBeLessThan(margin(mixed.model));
  });
});
