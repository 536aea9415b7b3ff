/**
 * Training is deterministic for a seed and learns the tiny set; pinned margins catch any change
 * of features, solver or thresholds.
 */
import { describe, expect, it } from 'vitest';
import { createLinearPredictor, TrainSettingsSchema, trainLinearHead } from '../../../models/linear/index.js';
import { TINY_LABELS, TINY_SET } from './tiny-set.js';

const SETTINGS = TrainSettingsSchema.parse({ folds: 3, seed: 7 });

describe('trainLinearHead', () => {
  const { model, crossValidation } = trainLinearHead(TINY_SET, TINY_LABELS, SETTINGS);
  const predictor = createLinearPredictor(model);

  it('predicts the themes of unseen phrasings', () => {
    expect(predictor.predict('le repas est froid', 'neutral').labels.map((l) => l.label)).toEqual(['meals']);
    expect(predictor.predict('une attente trop longue', 'improvement').labels.map((l) => l.label)).toEqual([
      'waiting_delays',
    ]);
    expect(predictor.predict('la chambre était sale', 'neutral').labels.map((l) => l.label)).toEqual(['room_comfort']);
  });

  it('pins margins and scores to 4 decimals', () => {
    const p = predictor.predict('repas froid, chambre bruyante', 'neutral');
    expect(Array.from(p.margins, (m) => Number(m.toFixed(4)))).toMatchInlineSnapshot(`
      [
        0.4827,
        -0.7923,
        0.4957,
      ]
    `);
    expect(p.labels.map((l) => [l.label, Number(l.score.toFixed(4))])).toMatchInlineSnapshot(`
      [
        [
          "meals",
          0.9408,
        ],
        [
          "room_comfort",
          0.8897,
        ],
      ]
    `);
  });

  it('is deterministic for a seed', () => {
    const again = trainLinearHead(TINY_SET, TINY_LABELS, SETTINGS);
    expect(again.model.weights).toEqual(model.weights);
    expect(again.model.thresholds).toEqual(model.thresholds);
  });

  it('reports cross-validated figures for every label', () => {
    expect(crossValidation.folds).toBe(3);
    expect(crossValidation.report.perTheme.map((s) => s.theme)).toEqual([...TINY_LABELS]);
    expect(crossValidation.predicted).toHaveLength(TINY_SET.length);
    expect(crossValidation.report.micro.f1).toBeGreaterThan(0.5);
  });

  it('uses rule scores as features when given', () => {
    const withRules = trainLinearHead(
      TINY_SET,
      TINY_LABELS,
      TrainSettingsSchema.parse({ folds: 3, features: { lexicalWeight: 1 } }),
      (text) => [text.includes('plateau') ? 1 : 0, 0, 0],
    );
    expect(withRules.model.lexicalFeatures).toBe(true);
    expect(withRules.model.dimension).toBe(model.dimension + TINY_LABELS.length);
  });
});
