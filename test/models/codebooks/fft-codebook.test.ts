/**
 * The shipped English codebook of the NHS QDC framework v6 labels (models/codebooks/fft-v6-en.yaml):
 * one theme per FFT one-hot column, and cues that fire on plain English comments (the normalizer
 * is the French one, so the cues are written for it: "couldn't" → "couldnt", prefixes for
 * English inflections).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCodebook, themeIdsForLabels } from '../../../models/codebooks/codebook.js';
import { createLexicalFeatureScorer } from '../../../models/linear/index.js';
import { createLexicalClassifier } from '../../../pipeline/classify/lexical-classifier.js';

const codebook = loadCodebook(fileURLToPath(new URL('../../../models/codebooks/fft-v6-en.yaml', import.meta.url)));
const lexical = createLexicalClassifier(codebook);
const themesOf = (text: string) => lexical.analyze(text, 'improvement').themes.map((t) => t.theme as string);

describe('fft-v6-en codebook', () => {
  it('has the 50 v6 labels, English, with cues on every theme', () => {
    expect(codebook.language).toBe('en');
    expect(codebook.themes).toHaveLength(50);
    expect(codebook.themes.map((t) => t.label)).toContain('Staff listening, understanding & involving patients');
    expect(codebook.themes.every((t) => t.cues.length > 0)).toBe(true);
  });

  it.each([
    ["Couldn't find anywhere to park", 'parking'],
    ["Sat on hold for an hour and couldn't get through", 'contacting_services'],
    ['I was sectioned and never got any escorted leave', 'mental_health_act'],
    ['Too noisy at night to sleep, and no wifi or TV', 'electronic_entertainment'],
  ])('finds the theme of %j', (text, theme) => {
    expect(themesOf(text)).toContain(theme);
  });

  it('keeps a false friend out: a caesarean section is not the Mental Health Act', () => {
    expect(themesOf('Had a c section, the midwives were lovely')).not.toContain('mental_health_act');
  });
});

describe('createLexicalFeatureScorer over FFT column names', () => {
  it('scores each column through its theme, and gives 0 to a column no theme has', () => {
    const columns = ['Parking', 'Not a framework label', 'Mental Health Act'];
    const scorer = createLexicalFeatureScorer(codebook, themeIdsForLabels(codebook, columns));
    const { scores } = scorer.score("Couldn't find anywhere to park", 'improvement');
    expect(scores).toHaveLength(3);
    expect(scores[0]).toBeGreaterThan(0.5);
    expect(scores[1]).toBe(0);
    expect(scores[2]).toBe(0);
  });
});
