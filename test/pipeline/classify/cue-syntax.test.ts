import { describe, expect, it } from 'vitest';
import { CueSyntaxError, expandCueSequence, parseCuePattern } from '../../../pipeline/classify/cue-syntax.js';

describe('parseCuePattern', () => {
  it('parses words, prefixes, exact words, groups, gaps and specials', () => {
    expect(parseCuePattern('peur* de =mal ~2 (dit|expli*|) <num> <end>')).toEqual([
      { kind: 'word', text: 'peur', match: 'prefix' },
      { kind: 'word', text: 'de', match: 'stem' },
      { kind: 'word', text: 'mal', match: 'exact' },
      { kind: 'gap', max: 2 },
      {
        kind: 'group',
        alternatives: [
          [{ kind: 'word', text: 'dit', match: 'stem' }],
          [{ kind: 'word', text: 'expli', match: 'prefix' }],
          [],
        ],
      },
      { kind: 'special', name: 'num' },
      { kind: 'special', name: 'end' },
    ]);
  });

  it.each([
    ['(dit|explique', 'unclosed "("'],
    ['dit)', 'unmatched ")"'],
    ['dit|explique', '"|" outside a group'],
    ['peur ~0 de', 'gap must be'],
    ['peur ~12 de', 'gap must be'],
    ['~2 peur', 'gap must sit between two words'],
    ['peur ~2', 'gap must sit between two words'],
    ['=peur*', 'cannot be combined'],
    ['(|)', 'can match nothing'],
    ['<end> peur', 'cannot start'],
    ['<foo>', 'expected <num> or <end>'],
    ['peur (de)?', 'unexpected "?"'],
    ['- -', 'is not a word'],
  ])('rejects %s', (pattern, reason) => {
    expect(() => parseCuePattern(pattern)).toThrow(CueSyntaxError);
    expect(() => parseCuePattern(pattern)).toThrow(reason);
  });

  it('refuses patterns that expand to too many alternatives', () => {
    const group = '(a b|c d|e f|g h)';
    expect(() => parseCuePattern(`${group} ${group} ${group} ${group} ${group}`)).toThrow('expands to more than');
  });
});

describe('expandCueSequence', () => {
  it('keeps single-word groups as one choice and expands the others', () => {
    const flats = expandCueSequence(parseCuePattern('(pas|jamais) ~2 (tenu compte|ecoute)'));
    expect(flats).toHaveLength(2);
    expect(flats[0]?.[0]).toMatchObject({ kind: 'choice' });
    expect(flats.map((f) => f.length)).toEqual([4, 3]);
  });

  it('drops optional groups and merges gaps', () => {
    const flats = expandCueSequence(parseCuePattern('peur ~2 (tres|) ~1 mal'));
    expect(flats[0]).toEqual([
      { kind: 'word', text: 'peur', match: 'stem' },
      { kind: 'gap', max: 2 },
      { kind: 'word', text: 'tres', match: 'stem' },
      { kind: 'gap', max: 1 },
      { kind: 'word', text: 'mal', match: 'stem' },
    ]);
    expect(flats[1]).toEqual([
      { kind: 'word', text: 'peur', match: 'stem' },
      { kind: 'gap', max: 3 },
      { kind: 'word', text: 'mal', match: 'stem' },
    ]);
  });
});
