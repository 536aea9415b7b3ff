import { describe, expect, it } from 'vitest';
import {
  buildAgreementReport,
  type Code,
  cohenKappa,
  cohenKappaFromTable,
  fleissKappa,
  krippendorffAlphaNominal,
  landisKochBand,
  percentAgreement,
} from '../../../models/evaluation/agreement/index.js';

// Krippendorff (2011), "Computing Krippendorff's alpha-reliability", nominal example:
// 4 observers (rows) × 12 units (columns), '.' = missing.
const K2011 = [
  '1 2 3 3 2 1 4 1 2 . . .',
  '1 2 3 3 2 2 4 1 2 5 . 3',
  '. 3 3 3 2 3 4 2 2 5 1 .',
  '1 2 3 3 2 4 4 1 2 5 1 .',
];
const kUnits: Code[][] = Array.from({ length: 12 }, (_, u) =>
  K2011.map((line) => {
    const v = line.split(' ')[u] as string;
    return v === '.' ? null : v;
  }),
);

// Fleiss (1971) worked example (as on the Fleiss' kappa literature page): 10 subjects, 14 raters.
const FLEISS = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

describe('published vectors', () => {
  it('Krippendorff 2011 reliability data with missing values → nominal alpha 0.743', () => {
    expect(krippendorffAlphaNominal(kUnits)).toBeCloseTo(0.743, 3);
  });
  it('Cohen kappa of [[20, 5], [10, 15]] → 0.4', () => {
    expect(
      cohenKappaFromTable([
        [20, 5],
        [10, 15],
      ]),
    ).toBeCloseTo(0.4, 10);
  });
  it('Fleiss (1971) example → 0.2099', () => {
    expect(fleissKappa(FLEISS)).toBeCloseTo(0.2099, 4);
  });
});

describe('coefficients', () => {
  it('Cohen kappa from vectors equals the table form and drops missing pairs', () => {
    const a: Code[] = [
      ...Array(20).fill('y'),
      ...Array(5).fill('y'),
      ...Array(10).fill('n'),
      ...Array(15).fill('n'),
      null,
    ];
    const b: Code[] = [
      ...Array(20).fill('y'),
      ...Array(5).fill('n'),
      ...Array(10).fill('y'),
      ...Array(15).fill('n'),
      'y',
    ];
    expect(cohenKappa(a, b)).toBeCloseTo(0.4, 10);
  });
  it('alpha with two coders and no missing is close to Scott-like chance correction; perfect agreement is 1', () => {
    expect(
      krippendorffAlphaNominal([
        ['a', 'a'],
        ['b', 'b'],
        ['a', 'a'],
      ]),
    ).toBe(1);
    expect(
      krippendorffAlphaNominal([
        ['a', 'a'],
        ['a', 'a'],
      ]),
    ).toBeNull(); // no variation: undefined
    expect(
      krippendorffAlphaNominal([
        ['a', 'b'],
        ['b', 'a'],
      ]),
    ).toBeLessThan(0);
  });
  it('percent agreement counts pairs within units', () => {
    expect(
      percentAgreement([
        ['a', 'a', 'b'],
        ['a', null],
      ]),
    ).toBeCloseTo(1 / 3, 10);
    expect(percentAgreement([['a', null]])).toBeNull();
  });
  it('Fleiss refuses units with different numbers of coders', () => {
    expect(() =>
      fleissKappa([
        [1, 1],
        [3, 0],
      ]),
    ).toThrow(RangeError);
  });
  it('Landis & Koch bands in French', () => {
    expect(landisKochBand(0.3)).toBe('accord faible');
    expect(landisKochBand(0.5)).toBe('accord modéré');
    expect(landisKochBand(0.7)).toBe('accord substantiel');
    expect(landisKochBand(0.9)).toBe('accord presque parfait');
    expect(landisKochBand(null)).toMatch(/non calculable/);
  });
});

describe('agreement report', () => {
  it('compares humans with each other and with the machine, per theme and for valence', () => {
    const answers = [
      { segment: 's1', userId: 'u1', themes: ['food'], valence: 'negative', unsure: false },
      { segment: 's1', userId: 'u2', themes: ['food'], valence: 'negative', unsure: false },
      { segment: 's2', userId: 'u1', themes: [], valence: 'positive', unsure: false },
      { segment: 's2', userId: 'u2', themes: ['food'], valence: 'positive', unsure: false },
      { segment: 's3', userId: 'u1', themes: ['pain'], valence: null, unsure: false },
      { segment: 's3', userId: 'u2', themes: [], valence: null, unsure: true },
    ];
    const machine = new Map([
      ['s1', { themes: ['food'], valence: 'negative' }],
      ['s2', { themes: [], valence: 'negative' }],
      ['s3', { themes: ['pain'], valence: 'neutral' }],
    ]);
    const r = buildAgreementReport(answers, machine);
    expect(r).toMatchObject({ validatedSegments: 3, validators: 2, doubleCoded: 2 });
    const food = r.rows.find((x) => x.target === 'theme:food' && x.comparison === 'humans');
    expect(food).toMatchObject({ units: 2, percentAgreement: 0.5 });
    const foodMachine = r.rows.find((x) => x.target === 'theme:food' && x.comparison === 'machine-humans');
    // Pairs: s1 (oui,oui)×2, s2 (non,non) (non,oui), s3 (non,non) → 4 of 5 agree.
    expect(foodMachine).toMatchObject({ units: 5, percentAgreement: 0.8 });
    const valence = r.rows.find((x) => x.target === 'valence' && x.comparison === 'machine-humans');
    expect(valence).toMatchObject({ units: 4, percentAgreement: 0.5 });
    expect(r.rows.map((x) => x.target)).toEqual([
      'theme:food',
      'theme:food',
      'theme:pain',
      'theme:pain',
      'valence',
      'valence',
    ]);
    expect(food?.reading).toMatch(/^Sur 2 segments, les réponses concordent 50 % du temps/);
    expect(food?.reading).toMatch(/Trop peu de segments/);
  });
});
