import { describe, expect, it } from 'vitest';
import { detectPhones } from '../../../pipeline/deidentify/detect-phones.js';

const found = (text: string): string[] => detectPhones(text).map((span) => text.slice(span.start, span.end));

describe('detectPhones', () => {
  it.each([
    ['appelez le 06 12 34 56 78 svp', '06 12 34 56 78'],
    ['tel 06.12.34.56.78.', '06.12.34.56.78'],
    ['mon numéro 0612345678', '0612345678'],
    ['depuis l’étranger +33 6 12 34 56 78', '+33 6 12 34 56 78'],
    ['joignable au +33 (0)6 55 44 33 22 le soir', '+33 (0)6 55 44 33 22'],
    ['ma fille : 0033 6 11 22 33 44', '0033 6 11 22 33 44'],
    ['service : 01-23-45-67-89', '01-23-45-67-89'],
    ['standard 04 72 11 23 45', '04 72 11 23 45'],
    ['fixe 06/12/34/56/78', '06/12/34/56/78'],
    ['numéro vert 0 800 123 456', '0 800 123 456'],
    ['mobile 0612 345 678', '0612 345 678'],
  ])('finds a French number in %j', (text, phone) => {
    expect(found(text)).toEqual([phone]);
  });

  it('finds a foreign number written with its prefix', () => {
    expect(found('mon frère en Suisse : +41 22 345 67 89.')).toEqual(['+41 22 345 67 89']);
  });

  it('stops a foreign number at a list separator', () => {
    expect(found('+44 20 7946 0958, 06 12 34 56 78')).toEqual(['+44 20 7946 0958', '06 12 34 56 78']);
  });

  it('finds an internal extension, leaving the keyword in the text', () => {
    expect(found('transféré au poste 4521 sans réponse')).toEqual(['4521']);
    expect(found('le bip 312 du médecin de garde')).toEqual(['312']);
  });

  it('gives the same key to the national and international spellings', () => {
    const [a, b] = detectPhones('06 12 34 56 78 ou +33 6 12 34 56 78');
    expect(a?.key).toBe(b?.key);
  });

  it.each([
    ['IPP 123456789 erroné'],
    ['séjour 2026123456'],
    ['entré le 01/05/2026 12h30'],
    ['NIR 1 85 05 78 006 084 91'],
    ['il y a 3 jours, vers 14h'],
    ['le poste de soins était vide'],
    ['06 12 34 56 7'],
  ])('finds nothing in %j', (text) => {
    expect(found(text)).toEqual([]);
  });
});
