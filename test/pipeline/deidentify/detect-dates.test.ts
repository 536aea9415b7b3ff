import { describe, expect, it } from 'vitest';
import { detectDates } from '../../../pipeline/deidentify/detect-dates.js';

const found = (text: string): string[] => detectDates(text).map((span) => text.slice(span.start, span.end));

describe('detectDates', () => {
  it.each([
    ['entré le 12/05/2026 au soir', '12/05/2026'],
    ['le 12-05-26', '12-05-26'],
    ['naissance : 14.09.1948.', '14.09.1948'],
    ['opéré le 2026-03-18', '2026-03-18'],
    ['le 12 mai on m’a oublié', '12 mai'],
    ['sorti le 12 mai 2026 sans ordonnance', '12 mai 2026'],
    ['rendez-vous lundi 3 juin annulé', 'lundi 3 juin'],
    ['accouchement le 1er août', '1er août'],
    ['le 1er aout', '1er aout'],
    ['du 3 au 5 mai', '3 au 5 mai'],
    ['consultation du mardi 14 janvier 2025 :', 'mardi 14 janvier 2025'],
    ['le 25/12 encore hospitalisé', '25/12'],
    ['le 3 sept. au matin', '3 sept.'],
    ['LE 22 FEVRIER', '22 FEVRIER'],
  ])('finds the date in %j', (text, date) => {
    expect(found(text)).toEqual([date]);
  });

  it.each([
    ['en mai 2026 j’ai été opéré'],
    ['je reviens en mai'],
    ['hospitalisé en 2025 puis en 2026'],
    ['depuis 3 jours'],
    ['sortie à 14h, partie à 19h30'],
    ['j’ai 72 ans'],
    ['note de 8/10, tension 12/8'],
    ['24h/24 et 7j/7'],
    ['3 maisons de retraite'],
    ['revenir le 15 pour le pansement'],
    ['le 45/12'],
  ])('finds nothing in %j', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('keys numeric and written spellings of one date alike', () => {
    const [a, b] = detectDates('le 12/05/2026, oui le 12 mai 2026');
    expect(a?.key).toBe('12-5-2026');
    expect(b?.key).toBe('12-5-2026');
  });
});
