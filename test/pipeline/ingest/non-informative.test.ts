import { describe, expect, it } from 'vitest';
import { isNonInformative } from '../../../pipeline/ingest/non-informative.js';
import { parseScore } from '../../../pipeline/ingest/parse-score.js';

describe('isNonInformative', () => {
  it.each([
    '',
    '  ',
    'RAS',
    'r.a.s',
    'R A S',
    'Néant',
    'NEANT',
    '/',
    '-',
    '--',
    '.',
    '?',
    '...',
    'Rien',
    'rien à signaler',
    'Rien a dire',
    'aucun',
    'Aucune',
    'non',
    'NC',
    'n/a',
    'NA',
    'Sans objet',
    'x',
    'idem',
    'RAS.',
    ' rien  à   signaler! ',
  ])('%j says nothing', (answer) => expect(isNonInformative(answer)).toBe(true));

  it.each(['Rien à redire, parfait', 'Non merci pour la qualité', '👍', 'Bien', 'ras le bol des attentes'])(
    '%j is informative',
    (answer) => expect(isNonInformative(answer)).toBe(false),
  );
});

describe('parseScore', () => {
  it('reads decimal commas and refuses non-numbers', () => {
    expect(parseScore('4,5')).toBe(4.5);
    expect(parseScore(' 8 ')).toBe(8);
    expect(parseScore('7.25')).toBe(7.25);
    expect(parseScore('')).toBeNull();
    expect(parseScore('8/10')).toBeNull();
    expect(parseScore('bien')).toBeNull();
    expect(parseScore(null)).toBeNull();
    expect(parseScore(3)).toBe(3);
  });
});
