/**
 * The shipped French heads load through the registry and match the default codebook; the trained
 * head is the default model, codes implicit and unaccented complaints the rules miss, records
 * how it was made, and gives way to the codebook's rules when the codebook has other themes; an
 * unknown model name lists the available ones.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefaultCodebook, parseCodebook } from '../../../models/codebooks/codebook.js';
import { readHead } from '../../../models/linear/index.js';
import {
  DEFAULT_HEAD_VERSION,
  DEFAULT_MODEL,
  listModels,
  loadClassifier,
  SHIPPED_MODELS_DIR,
} from '../../../models/registry.js';
import type { Classifier } from '../../../pipeline/classify/classifier.js';
import { type PromptKind, SegmentSchema } from '../../../pipeline/record.js';

function themesOf(classifier: Classifier, text: string, prompt: PromptKind = 'improvement'): string[] {
  const segment = SegmentSchema.parse({
    recordKey: 'r1',
    index: 0,
    text,
    start: 0,
    end: text.length,
    speaker: null,
    role: null,
    context: false,
  });
  const [out] = classifier.classify([segment], { prompt, lang: 'fr' });
  return (out?.themes ?? []).map((t) => t.theme).sort();
}

describe('fr-default (the default model)', () => {
  const codebook = loadDefaultCodebook();
  const classifier = loadClassifier(DEFAULT_MODEL, codebook);

  it('is the default, listed as such, and loads the current shipped version', () => {
    expect(DEFAULT_MODEL).toBe('fr-default');
    expect(
      listModels()
        .filter((m) => m.default)
        .map((m) => m.name),
    ).toEqual(['fr-default']);
    expect(classifier.modelVersion).toBe(`linear-fr-default-${DEFAULT_HEAD_VERSION}`);
  });

  it('records its codebook, training data and cross-validated figures in head.json', () => {
    const head = readHead(join(SHIPPED_MODELS_DIR, 'fr-default', DEFAULT_HEAD_VERSION));
    expect(head.codebookVersion).toBe(codebook.version);
    expect([...head.labels].sort()).toEqual(codebook.themes.map((t) => t.id as string).sort());
    expect(head.training.source).toBe('train-all.jsonl');
    expect(head.training.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const corpusLines = readFileSync(join(SHIPPED_MODELS_DIR, '../../corpora/fr-train/train-all.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '').length;
    expect(head.training.examples).toBe(corpusLines);
    expect(head.crossValidation.micro.f1).toBeGreaterThan(0.7);
  });

  it('labels a plain complaint with the default codebook themes', () => {
    expect(themesOf(classifier, "Les repas étaient froids et l'attente aux urgences interminable.")).toEqual([
      'meals',
      'waiting_delays',
    ]);
  });

  it('finds fear of reprisal, legitimacy and communication without their cue words, where the rules find none', () => {
    const lexical = loadClassifier('lexical', codebook);
    const cases: Array<[string, string]> = [
      [
        "j'ai souri et dit merci a tout, je devais encore y retourner pour ma chimio le mois d'apres",
        'fear_of_reprisal',
      ],
      ['vingt ans que je vis avec ma maladie et un interne me explique ce que je ressens', 'legitimacy'],
      ["jusqu'au bout on est restes dans le flou sur ce qu'il avait", 'communication'],
    ];
    for (const [text, theme] of cases) {
      expect(themesOf(classifier, text), text).toContain(theme);
      expect(themesOf(lexical, text), text).not.toContain(theme);
    }
  });

  it('uses the rules of a codebook whose themes are not its own, instead of failing', () => {
    const other = parseCodebook(
      {
        version: 'test-1',
        language: 'fr',
        name: 'deux thèmes',
        themes: [
          { id: 'parking', label: 'Parking', cues: ['parking'] },
          { id: 'meals', label: 'Repas', cues: ['repas'] },
        ],
      },
      'inline',
    );
    const fallback = loadClassifier(DEFAULT_MODEL, other);
    expect(fallback.modelVersion).toMatch(/^lexical/);
    expect(themesOf(fallback, 'Le parking est trop cher.')).toEqual(['parking']);
  });
});

describe('fr-linear (the previous head, kept for comparison)', () => {
  const codebook = loadDefaultCodebook();
  const classifier = loadClassifier('fr-linear', codebook);

  it('still loads and labels a segment with the default codebook themes', () => {
    expect(themesOf(classifier, "Les repas étaient froids et l'attente aux urgences interminable.")).toEqual([
      'meals',
      'waiting_delays',
    ]);
    expect(classifier.modelVersion).toBe('linear-fr-default-v1');
  });

  it('rejects an unknown model by listing the valid names', () => {
    expect(() => loadClassifier('nope', codebook)).toThrow(/available: lexical, fr-default, fr-linear/);
  });
});
