import SSN from 'french-ssn';
import { describe, expect, it } from 'vitest';
import { detectNir, isValidNir } from '../../../pipeline/deidentify/detect-nir.js';

const found = (text: string): string[] => detectNir(text).map((span) => text.slice(span.start, span.end));

describe('isValidNir', () => {
  it.each([
    ['1 85 05 78 006 084 91', true],
    ['2 68 03 75 112 047 11', true],
    ['285072A00401252', true],
    ['1 60 12 2B 123 456 39', true],
    ['1 85 05 78 006 084 92', false],
    ['1 79 11 69 123 456 44', false],
    ['385057800608491', false],
    ['1 85 05 78 006 084', false],
  ])('%s → %s', (nir, valid) => {
    expect(isValidNir(nir)).toBe(valid);
  });

  it('agrees with french-ssn on generated numbers', () => {
    for (let i = 0; i < 200; i += 1) {
      const pad = (n: number, width: number): string => String(n % 10 ** width).padStart(width, '0');
      const body = `${1 + (i % 2)}${pad(40 + i, 2)}${pad(1 + (i % 12), 2)}${pad(10 + (i % 80), 2)}${pad(100 + i, 3)}${pad(7 * i, 3)}`;
      for (const key of [SSN.getControlKey(body), '01', '50']) {
        expect(isValidNir(body + key)).toBe(SSN.validate(body + key));
      }
    }
  });
});

describe('detectNir', () => {
  it.each([
    ['mon numéro de sécu est 1 85 05 78 006 084 91, merci', '1 85 05 78 006 084 91'],
    ['carte vitale 285072A00401252 à jour', '285072A00401252'],
    ['NIR 1.60.12.2B.123.456.39', '1.60.12.2B.123.456.39'],
    ['(2 68 03 75 112 047 11)', '2 68 03 75 112 047 11'],
  ])('finds the NIR in %j', (text, nir) => {
    expect(found(text)).toEqual([nir]);
  });

  it('leaves a NIR with a wrong key to the ID detector', () => {
    expect(found('numéro 1 79 11 69 123 456 44 faux')).toEqual([]);
  });

  it('does not read a NIR inside a longer number', () => {
    expect(found('référence 91850578006084911')).toEqual([]);
  });
});
