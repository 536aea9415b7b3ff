import { describe, expect, it } from 'vitest';
import { createFrenchNormalizer, foldFrench } from '../../../pipeline/classify/normalize-french.js';

const normalizer = createFrenchNormalizer();
const norms = (text: string) => normalizer.normalize(text).map((t) => t.norm);

describe('foldFrench', () => {
  it('lower-cases and folds accents and ligatures', () => {
    expect(foldFrench('Œdème Évalué À CÔTÉ ÆTHER')).toBe('oedeme evalue a cote aether');
  });
});

describe('normalizeFrench', () => {
  it('expands elisions with straight and curly apostrophes', () => {
    expect(norms("Personne ne m'a rien expliqué")).toEqual(['personne', 'ne', 'me', 'a', 'rien', 'explique']);
    expect(norms('l’attente qu’il jusqu’à lorsqu’on puisqu’elle')).toEqual([
      'le',
      'attente',
      'que',
      'il',
      'jusque',
      'a',
      'lorsque',
      'on',
      'puisque',
      'elle',
    ]);
    expect(norms("n'ose pas, j'ai, c'est, d'attente, t'as, s'il")).toEqual([
      'ne',
      'ose',
      'pas',
      ',',
      'je',
      'ai',
      ',',
      'ce',
      'est',
      ',',
      'de',
      'attente',
      ',',
      'te',
      'as',
      ',',
      'si',
      'il',
    ]);
  });

  it("keeps non-elided apostrophes inside a word (aujourd'hui)", () => {
    expect(norms("aujourd'hui")).toEqual(['aujourdhui']);
  });

  it('expands apostrophe-less elisions typed with a space', () => {
    expect(norms('j ai attendu, l hopital, c etait long, c bien')).toEqual([
      'je',
      'ai',
      'attendu',
      ',',
      'le',
      'hopital',
      ',',
      'ce',
      'etait',
      'long',
      ',',
      'ce',
      'est',
      'bien',
    ]);
  });

  it('expands frequent SMS forms', () => {
    expect(norms('tt était bien pr moi, bcp d attente, pk ? jsuis ds la chambre qd mm')).toEqual([
      'tout',
      'etait',
      'bien',
      'pour',
      'moi',
      ',',
      'beaucoup',
      'de',
      'attente',
      ',',
      'pourquoi',
      '?',
      'je',
      'suis',
      'dans',
      'la',
      'chambre',
      'quand',
      'meme',
    ]);
    expect(norms('rdv tjrs en retard, pb de wifi, ya personne')).toEqual([
      'rendez',
      'vous',
      'toujours',
      'en',
      'retard',
      ',',
      'probleme',
      'de',
      'wifi',
      ',',
      'il',
      'y',
      'a',
      'personne',
    ]);
  });

  it('leaves an acronym in capitals alone (AVC is a stroke, avc is "avec")', () => {
    expect(norms("l'AVC de mon mari")).toEqual(['le', 'avc', 'de', 'mon', 'mari']);
    expect(norms('avc ma fille')).toEqual(['avec', 'ma', 'fille']);
  });

  it('keeps a placeholder as one token whose stem is its type', () => {
    const tokens = normalizer.normalize('Merci au Dr. [NOM_1] et à [NOM_2] !');
    expect(tokens.map((t) => t.norm)).toEqual(['merci', 'au', 'docteur', '[nom_1]', 'et', 'a', '[nom_2]', '!']);
    expect(tokens[3]).toMatchObject({ kind: 'placeholder', stem: '[nom]' });
  });

  it('turns punctuation into sentence and clause boundaries', () => {
    const tokens = normalizer.normalize('Bien. Mais long, trop long !!! Pourquoi ?\nSortie\n- Repas');
    expect(tokens.filter((t) => t.kind === 'boundary').map((t) => t.norm)).toEqual(['.', ',', '!', '?', '.', ',']);
  });

  it('keeps offsets into the original text, also for expanded forms', () => {
    const text = "Jsuis là, l'attente";
    const tokens = normalizer.normalize(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['Jsuis', 'Jsuis', 'là', ',', "l'", 'attente']);
  });

  it('flags words written in capitals', () => {
    const tokens = normalizer.normalize('TRES long');
    expect(tokens.map((t) => t.caps)).toEqual([true, false]);
  });

  it('stems so that inflected forms meet', () => {
    const stem = (w: string) => normalizer.normalize(w)[0]?.stem;
    expect(stem('explications')).toBe(stem('expliqué'));
    expect(stem('infirmières')).toBe(stem('infirmier'));
    expect(stem('légitimité')).toBe(stem('legitime'));
    expect(stem('mauvaise')).toBe(stem('mauvais'));
  });

  it('can run without stemming', () => {
    const plain = createFrenchNormalizer({ stemmer: 'none' });
    expect(plain.normalize('explications')[0]?.stem).toBe('explications');
  });
});
