/**
 * The valence head: trained on the rows that carry a valence, decided by the largest margin,
 * cross-validated, saved in head.json and read back; absent when the data has no valence.
 */
import { describe, expect, it } from 'vitest';
import {
  createLinearPredictor,
  fromHeadFile,
  HeadFileSchema,
  type TrainingExample,
  TrainSettingsSchema,
  toHeadFile,
  trainLinearHead,
} from '../../../models/linear/index.js';
import { decideValence, valenceScoreOf } from '../../../models/linear/valence-head.js';
import { TINY_LABELS, TINY_SET } from './tiny-set.js';

const POSITIVE = ['repas excellent', 'chambre agréable', 'personnel très gentil', 'bon accueil', 'merci pour tout'];
const NEGATIVE = [
  'repas immangeable',
  'chambre sale',
  'personnel désagréable',
  'accueil horrible',
  'attente scandaleuse',
];
const WITH_VALENCE: TrainingExample[] = [
  ...TINY_SET,
  ...[0, 1].flatMap((k) => [
    ...POSITIVE.map((text) => ({
      text: `${text} ${k}`,
      prompt: 'neutral' as const,
      labels: [],
      valence: 'positive' as const,
    })),
    ...NEGATIVE.map((text) => ({
      text: `${text} ${k}`,
      prompt: 'neutral' as const,
      labels: [],
      valence: 'negative' as const,
    })),
  ]),
];

describe('valence head', () => {
  const settings = TrainSettingsSchema.parse({ folds: 3, seed: 3 });
  const { model, crossValidation } = trainLinearHead(WITH_VALENCE, TINY_LABELS, settings);

  it('learns positive against negative and reports out-of-fold figures on valence rows only', () => {
    expect(model.valence?.labels).toEqual(['positive', 'negative']);
    expect(crossValidation.valence?.rows).toBe(20);
    expect(crossValidation.valence?.report.accuracy).toBeGreaterThan(0.6);
    const predictor = createLinearPredictor(model);
    expect(predictor.predict('personnel très gentil et repas excellent', 'neutral').valence?.valence).toBe('positive');
    expect(predictor.predict('chambre sale, accueil horrible', 'neutral').valence?.valence).toBe('negative');
  });

  it('survives head.json', () => {
    const file = toHeadFile(model, crossValidation, {
      name: 'v',
      version: 'v1',
      createdAt: '2026-01-01T00:00:00.000Z',
      description: '',
      codebookVersion: '1',
      training: { fingerprint: 'b'.repeat(64), examples: WITH_VALENCE.length, source: 'test' },
    });
    const back = fromHeadFile(HeadFileSchema.parse(JSON.parse(JSON.stringify(file))));
    expect(back.valence?.labels).toEqual(['positive', 'negative']);
    expect(file.valence?.crossValidation?.rows).toBe(20);
    const p = createLinearPredictor(back).predict('accueil horrible', 'neutral');
    expect(p.valence?.valence).toBe('negative');
    expect(p.valence?.score).toBeLessThan(0);
  });

  it('is absent without valence labels', () => {
    const plain = trainLinearHead(TINY_SET, TINY_LABELS, settings);
    expect(plain.model.valence).toBeNull();
    expect(plain.crossValidation.valence).toBeNull();
    expect(createLinearPredictor(plain.model).predict('repas froid', 'neutral').valence).toBeNull();
  });

  it('decides by the largest margin and scores P(positive) − P(negative)', () => {
    expect(decideValence([0.1, 0.5, -1], ['positive', 'negative', 'neutral'])).toBe('negative');
    expect(valenceScoreOf([5, -5], ['positive', 'negative'], 4)).toBeCloseTo(1, 5);
    expect(valenceScoreOf([0, 0, 0], ['positive', 'negative', 'neutral'], 4)).toBeCloseTo(0, 5);
  });
});
