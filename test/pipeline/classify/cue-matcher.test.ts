import { describe, expect, it } from 'vitest';
import { compileCueMatcher } from '../../../pipeline/classify/cue-matcher.js';
import { CueSyntaxError } from '../../../pipeline/classify/cue-syntax.js';
import { createFrenchNormalizer } from '../../../pipeline/classify/normalize-french.js';

const normalizer = createFrenchNormalizer();

/** Surface text of each match of `pattern` in `text`. */
function find(pattern: string, text: string): string[] {
  const matcher = compileCueMatcher([{ key: 0, pattern }], normalizer);
  const tokens = normalizer.normalize(text);
  return matcher.match(tokens).map((m) => text.slice(tokens[m.start]?.start, tokens[m.end - 1]?.end));
}

describe('compileCueMatcher', () => {
  it('matches a plain word by stem, whatever the accents and inflection', () => {
    expect(find('explication', "Personne ne m'a EXPLIQUÉ, aucune explications")).toEqual(['EXPLIQUÉ', 'explications']);
  });

  it('matches word* as a prefix of the folded form', () => {
    expect(find('represaille*', 'peur des Représailles')).toEqual(['Représailles']);
    expect(find('impose*', 'imposée mais impossible')).toEqual(['imposée']);
  });

  it('matches =word exactly', () => {
    expect(find('=mal', 'mal, malade, maux')).toEqual(['mal']);
  });

  it('is written in plain French: elisions in a cue are normalized like the text', () => {
    expect(find("n'ose* pas", 'je n’ose pas demander')).toEqual(['n’ose pas']);
    expect(find('ne (ose*|osai*) pas', 'je n’osais pas demander')).toEqual(['n’osais pas']);
    expect(find('personne ne m* a (explique|dit)', "Personne ne m'a dit")).toEqual(["Personne ne m'a dit"]);
  });

  it('allows gaps inside a clause only', () => {
    expect(find('peur ~3 retourne*', 'peur que ça se retourne contre moi')).toEqual(['peur que ça se retourne']);
    expect(find('peur ~3 retourne*', 'peur. Ça se retourne')).toEqual([]);
    expect(find('peur ~1 retourne*', 'peur que ça se retourne')).toEqual([]);
  });

  it('handles optional groups and multi-word alternatives', () => {
    // Each start token reports its own match: "long" inside "très long" too.
    expect(find('(tres|) long', 'très long, long')).toEqual(['très long', 'long', 'long']);
    expect(find('(tenu compte|pris en compte) de', 'pris en compte de')).toEqual(['pris en compte de']);
  });

  it('matches numbers, clause ends and placeholders', () => {
    expect(find('<num> (h|heures)', 'après 8 heures et 11H')).toEqual(['8 heures', '11H']);
    expect(find('=mal <end>', "j'avais mal, et mal au dos")).toEqual(['mal,']);
    expect(find('=mal <end>', 'jamais eu mal')).toEqual(['mal']);
    expect(find('merci (a|au) [nom]', 'Merci au [NOM_2]')).toEqual(['Merci au [NOM_2]']);
  });

  it('reports one match per cue and start token', () => {
    const matcher = compileCueMatcher(
      [
        { key: 7, pattern: '(attente|attendre)' },
        { key: 9, pattern: 'attente* (interminable|longue)' },
      ],
      normalizer,
    );
    const matches = matcher.match(normalizer.normalize('attente interminable'));
    expect(matches).toEqual([
      { key: 7, start: 0, end: 1 },
      { key: 9, start: 0, end: 2 },
    ]);
  });

  it('throws CueSyntaxError naming the pattern', () => {
    expect(() => compileCueMatcher([{ key: 0, pattern: 'peur (de' }], normalizer)).toThrow(CueSyntaxError);
    expect(() => compileCueMatcher([{ key: 0, pattern: 'peur (de' }], normalizer)).toThrow('cue "peur (de"');
  });
});
