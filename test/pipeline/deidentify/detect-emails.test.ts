import { describe, expect, it } from 'vitest';
import { detectEmails } from '../../../pipeline/deidentify/detect-emails.js';

const found = (text: string): string[] => detectEmails(text).map((span) => text.slice(span.start, span.end));

describe('detectEmails', () => {
  it.each([
    ['écrivez à jeanne.morel@orange.fr.', 'jeanne.morel@orange.fr'],
    ['(qualite@ch-valence.fr)', 'qualite@ch-valence.fr'],
    ['mail: JULIEN.ROUX@WANADOO.FR', 'JULIEN.ROUX@WANADOO.FR'],
    ['contact rose_b75@yahoo.fr ou', 'rose_b75@yahoo.fr'],
    ['m.durand+hopital@gmail.com', 'm.durand+hopital@gmail.com'],
    ['marc.durand(at)hotmail.fr si besoin', 'marc.durand(at)hotmail.fr'],
    ['julie [at] chu-lyon.fr', 'julie [at] chu-lyon.fr'],
  ])('finds the address in %j', (text, email) => {
    expect(found(text)).toEqual([email]);
  });

  it('keys an address case-insensitively', () => {
    const [a, b] = detectEmails('A.B@X.FR puis a.b@x.fr');
    expect(a?.key).toBe(b?.key);
  });

  it.each([['rendez-vous @ 14h'], ['note: 8/10 @ l’accueil'], ['le site chu-lyon.fr'], ['at the hospital']])(
    'finds nothing in %j',
    (text) => {
      expect(found(text)).toEqual([]);
    },
  );
});
