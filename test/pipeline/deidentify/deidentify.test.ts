import { describe, expect, it } from 'vitest';
import { deidentify, pseudonymize } from '../../../pipeline/deidentify/deidentify.js';
import {
  DeidentifiedRecordSchema,
  type RecordKey,
  type SourceId,
  type SourceRecord,
} from '../../../pipeline/record.js';

function record(text: string): SourceRecord {
  return {
    key: 'src1-2-commentaire' as RecordKey,
    sourceId: 'src1' as SourceId,
    source: 'esatis.csv',
    kind: 'survey',
    recordId: '2',
    field: 'commentaire',
    prompt: 'improvement',
    text,
    meta: { date: null, department: null, survey: null, score: null, speaker: null },
    provenance: { file: 'esatis.csv', line: 3, row: 2 },
  };
}

/** The text a replacement points at, reading code points as the contract says. */
function atCodePoints(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

describe('pseudonymize', () => {
  it('replaces each kind with its typed placeholder', () => {
    const { text } = pseudonymize(
      'Dr Martin, tel 06 12 34 56 78, mail j.dupont@orange.fr, NIR 1 85 05 78 006 084 91, ' +
        'entré le 12/05/2026 chambre 214, IPP 00451236.',
    );
    expect(text).toBe(
      'Dr [NOM_1], tel [TEL_1], mail [EMAIL_1], NIR [NIR_1], entré le [DATE_1] chambre [LIEU_1], IPP [ID_1].',
    );
  });

  it('keeps titles and roles in the text', () => {
    expect(pseudonymize('Dr Martin et l’infirmière Julie').text).toBe('Dr [NOM_1] et l’infirmière [NOM_2]');
  });

  it('numbers entities per type in order of first mention', () => {
    const { text, pii } = pseudonymize('Merci à Julie, à Kevin et à Sophie. Appelez le 0612345678 ou le 0478123456.');
    expect(text).toBe('Merci à [NOM_1], à [NOM_2] et à [NOM_3]. Appelez le [TEL_1] ou le [TEL_2].');
    expect(pii.map((p) => p.placeholder)).toEqual(['[NOM_1]', '[NOM_2]', '[NOM_3]', '[TEL_1]', '[TEL_2]']);
  });

  it('gives the same index to the same person, case- and accent-insensitively, title or not', () => {
    const { text } = pseudonymize(
      'Le Dr Lefèvre est passé. Julie aussi. Puis le docteur LEFEVRE, et lefèvre encore ; Lefevre ne regarde pas.',
    );
    expect(text).toBe(
      'Le Dr [NOM_1] est passé. [NOM_2] aussi. Puis le docteur [NOM_1], et [NOM_1] encore ; [NOM_1] ne regarde pas.',
    );
  });

  it('joins a first name, a full name and a titled surname into one person', () => {
    const { text } = pseudonymize('Julie Martin est venue. Julie est gentille. Mme Martin aussi.');
    expect(text).toBe('[NOM_1] est venue. [NOM_1] est gentille. Mme [NOM_1] aussi.');
  });

  it('gives the same index to the same phone, date or room however written', () => {
    const { text } = pseudonymize(
      'au 06 12 34 56 78, oui le +33 6 12 34 56 78 ; le 12/05/2026 soit le 12 mai 2026 ; chambre 12 puis lit 12',
    );
    expect(text).toBe('au [TEL_1], oui le [TEL_1] ; le [DATE_1] soit le [DATE_1] ; chambre [LIEU_1] puis lit [LIEU_2]');
  });

  it('starts numbering afresh for each text', () => {
    expect(pseudonymize('Merci à Julie').text).toBe('Merci à [NOM_1]');
    expect(pseudonymize('Merci à Kevin').text).toBe('Merci à [NOM_1]');
  });

  it('gives offsets in code points of the new text, an emoji counting once', () => {
    const { text, pii } = pseudonymize('Très satisfait 😀👍 merci au Dr Roche, tel 06 12 34 56 78 !');
    expect(text).toBe('Très satisfait 😀👍 merci au Dr [NOM_1], tel [TEL_1] !');
    for (const replacement of pii) {
      expect(atCodePoints(text, replacement.start, replacement.end)).toBe(replacement.placeholder);
    }
    expect(pii[0]?.start).toBe(30); // 32 in UTF-16 units: each emoji takes two
  });

  it('lets the longest span win an overlap: an address over the name in it', () => {
    expect(pseudonymize('J’habite 3 bis avenue Jean Jaurès.').text).toBe('J’habite [LIEU_1].');
    expect(pseudonymize('écrire à Julie.Martin@chu-lyon.fr').text).toBe('écrire à [EMAIL_1]');
  });

  it('leaves a text without PII untouched', () => {
    const plain = 'Une rose sur la table, c’était clair : en France, à Noël, en mai 2026, depuis 3 jours.';
    expect(pseudonymize(plain)).toEqual({ text: plain, pii: [] });
  });
});

describe('deidentify', () => {
  const source = record(
    'Mme Dupont (06.45.78.12.90, jeanne.morel@orange.fr) née le 03/04/1956, 12 rue des Lilas, 69003 Lyon, IPP 00451236',
  );
  const result = deidentify(source);

  it('returns a valid DeidentifiedRecord with the other fields unchanged', () => {
    expect(DeidentifiedRecordSchema.parse(result)).toEqual(result);
    expect({ ...result, text: source.text, pii: undefined }).toEqual({ ...source, pii: undefined });
  });

  it('keeps no PII value anywhere in the record', () => {
    const serialised = JSON.stringify(result);
    for (const value of ['Dupont', '06.45.78.12.90', 'jeanne', '1956', 'Lilas', '69003', '00451236']) {
      expect(serialised).not.toContain(value);
    }
    expect(result.pii.map((p) => Object.keys(p).sort())).toEqual(
      result.pii.map(() => ['end', 'placeholder', 'start', 'type']),
    );
  });

  it('lists the replacements with their types', () => {
    expect(result.text).toBe('Mme [NOM_1] ([TEL_1], [EMAIL_1]) née le [DATE_1], [LIEU_1], IPP [ID_1]');
    expect(result.pii.map((p) => p.type)).toEqual(['NOM', 'TEL', 'EMAIL', 'DATE', 'LIEU', 'ID']);
  });
});
