import { describe, expect, it } from 'vitest';
import { detectIds } from '../../../pipeline/deidentify/detect-ids.js';

const found = (text: string): string[] => detectIds(text).map((span) => text.slice(span.start, span.end));

describe('detectIds', () => {
  it.each([
    ['Mon IPP est 00451236, merci', '00451236'],
    ['IPP : 78451236', '78451236'],
    ['IPP 123456 erroné', '123456'],
    ['Numéro de séjour 2026123456 :', '2026123456'],
    ['N° de dossier 2026004512', '2026004512'],
    ['NDA 26A004512 - facture', '26A004512'],
    ['Dossier n° 78452 perdu', '78452'],
    ['Ma référence patient est 8845123.', '8845123'],
    ['n° séjour : 2026-004512', '2026-004512'],
    ['le numéro 20260512345 est sur le bracelet', '20260512345'],
    ['le numéro 1 79 11 69 123 456 44 est faux', '1 79 11 69 123 456 44'],
  ])('finds the identifier in %j', (text, id) => {
    expect(found(text)).toEqual([id]);
  });

  it.each([
    ['le dossier médical est incomplet'],
    ['séjour 2026 correct'],
    ['IPP 1234 trop court'],
    ['payé 12 500 euros'],
    ['1 250 000 habitants'],
    ['numéro de chambre 12'],
  ])('finds nothing in %j', (text) => {
    expect(found(text)).toEqual([]);
  });
});
