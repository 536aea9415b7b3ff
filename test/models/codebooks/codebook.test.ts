import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_CODEBOOK_PATH,
  loadCodebook,
  loadDefaultCodebook,
  parseCodebook,
  themeIdsForLabels,
} from '../../../models/codebooks/codebook.js';
import { VerbatimError } from '../../../pipeline/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'verbatim-codebook-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The error `fn` throws, so that its code and message can be checked. */
function caught(fn: () => unknown): VerbatimError {
  try {
    fn();
  } catch (error) {
    if (error instanceof VerbatimError) return error;
    throw error;
  }
  throw new Error('expected a VerbatimError');
}

const HEADLINE = ['communication', 'fear_of_reprisal', 'legitimacy'];

describe('the default codebook', () => {
  const codebook = loadDefaultCodebook();

  it('holds the 20 themes of domain.md §4 in two families', () => {
    expect(codebook.version).toBe('1.0.0');
    expect(codebook.language).toBe('fr');
    expect(codebook.themes.map((t) => t.id)).toEqual([
      'communication',
      'fear_of_reprisal',
      'legitimacy',
      'power_asymmetry',
      'autonomy_empowerment',
      'trust',
      'respect_dignity',
      'relatives_caregivers',
      'partnership_engagement',
      'institutional_support',
      'resources_time',
      'training',
      'reception_admission',
      'waiting_delays',
      'pain_management',
      'meals',
      'room_comfort',
      'discharge',
      'coordination',
      'care_quality',
    ]);
    expect(codebook.themes.slice(0, 12).every((t) => t.family === 'relational')).toBe(true);
    expect(codebook.themes.slice(12).every((t) => t.family === 'care_experience')).toBe(true);
    expect(DEFAULT_CODEBOOK_PATH).toMatch(/default-fr\.yaml$/);
  });

  it('documents every theme for coders and the action plan', () => {
    for (const theme of codebook.themes) {
      expect(theme.label, theme.id).not.toBe('');
      expect(theme.definition.length, theme.id).toBeGreaterThan(40);
      expect(theme.include.length, theme.id).toBeGreaterThan(0);
      expect(theme.examples.length, theme.id).toBeGreaterThanOrEqual(3);
      expect(theme.examples.length, theme.id).toBeLessThanOrEqual(6);
      expect(theme.actions.length, theme.id).toBeGreaterThanOrEqual(2);
      expect(theme.cues.length, theme.id).toBeGreaterThanOrEqual(5);
    }
  });

  it('has rich cue sets for the three headline themes', () => {
    for (const id of HEADLINE) {
      expect(codebook.themes.find((t) => t.id === id)?.cues.length, id).toBeGreaterThanOrEqual(30);
    }
  });
});

describe('loadCodebook', () => {
  it('reads JSON as well as YAML, with defaults filled in', () => {
    const path = write(
      'small.json',
      JSON.stringify({
        version: '2',
        themes: [{ id: 'meals', label: 'Repas', cues: ['repas', { pattern: 'menu*', weight: 0.5 }] }],
      }),
    );
    const codebook = loadCodebook(path);
    expect(codebook.themes[0]).toMatchObject({
      id: 'meals',
      definition: '',
      include: [],
      negation: 'keep',
      cues: [
        { pattern: 'repas', weight: 1 },
        { pattern: 'menu*', weight: 0.5 },
      ],
    });
  });

  it('loads a codebook without cues, and versions it by content when it has no version', () => {
    const path = write(
      'nocues.yaml',
      'themes:\n  - id: parking\n    label: Parking\n    examples: [Le parking est cher.]\n',
    );
    const codebook = loadCodebook(path);
    expect(codebook.themes[0]?.cues).toEqual([]);
    expect(codebook.version).toMatch(/^sha-[0-9a-f]{12}$/);
  });

  it('accepts a parent that exists', () => {
    const codebook = parseCodebook(
      {
        version: '1',
        themes: [
          { id: 'care', label: 'Soins' },
          { id: 'pain', label: 'Douleur', parent: 'care' },
        ],
      },
      'x',
    );
    expect(codebook.themes[1]?.parent).toBe('care');
  });

  it.each([
    ['missing id', 'themes:\n  - label: Repas\n', 'themes[0].id: '],
    ['bad id', 'themes:\n  - id: Repas Chauds\n    label: Repas\n', 'themes[0].id: '],
    [
      'duplicate id',
      'themes:\n  - { id: meals, label: Repas }\n  - { id: trust, label: Confiance }\n  - { id: meals, label: Encore }\n',
      'themes[2].id: duplicate id "meals" (see themes[0])',
    ],
    [
      'bad cue syntax',
      'themes:\n  - id: meals\n    label: Repas\n    cues:\n      - repas\n      - "(menu|plat"\n',
      'themes[0].cues[1].pattern: cue "(menu|plat": unclosed "("',
    ],
    [
      'cue weight out of range',
      'themes:\n  - id: meals\n    label: Repas\n    cues: [{ pattern: repas, weight: 9 }]\n',
      'themes[0].cues[0].weight: ',
    ],
    [
      'unknown parent',
      'themes:\n  - { id: pain, label: Douleur, parent: care }\n',
      'themes[0].parent: unknown parent "care"',
    ],
    [
      'parent cycle',
      'themes:\n  - { id: a, label: A, parent: b }\n  - { id: b, label: B, parent: a }\n',
      'themes[0].parent: parent cycle',
    ],
    ['no themes', 'version: "1"\nthemes: []\n', 'themes: '],
    ['not YAML', 'themes: [unclosed\n', 'not valid YAML/JSON'],
  ])('rejects a codebook with %s: CODEBOOK_INVALID naming the file and the path', (_, content, expected) => {
    const path = write('bad.yaml', content);
    const error = caught(() => loadCodebook(path));
    expect(error.code).toBe('CODEBOOK_INVALID');
    expect(error.message.startsWith(`${path}: `)).toBe(true);
    expect(error.message).toContain(expected);
    expect(error.message).not.toContain('\n');
    expect(error.details.file).toBe(path);
  });

  it('says how many more problems there are', () => {
    const error = caught(() => parseCodebook({ themes: [{ label: 'A' }, { label: 'B' }] }, 'two.yaml'));
    expect(error.message).toMatch(/^two\.yaml: themes\[0\]\.id: .* \(\+1 more\)$/);
  });

  it('reports a missing file as INPUT_MISSING', () => {
    const error = caught(() => loadCodebook(join(dir, 'nope.yaml')));
    expect(error.code).toBe('INPUT_MISSING');
  });
});

describe('themeIdsForLabels', () => {
  const codebook = parseCodebook(
    {
      themes: [
        { id: 'parking', label: 'Parking' },
        { id: 'staff_manner', label: 'Staff manner & personal attributes' },
      ],
    },
    'fft.yaml',
  );

  it('matches a file label by theme id or by theme label, in the file order', () => {
    expect(themeIdsForLabels(codebook, ['Staff manner & personal attributes', 'parking', 'Nope'])).toEqual([
      'staff_manner',
      'parking',
      undefined,
    ]);
  });
});
