/** Comments (survey answers, documents) cut into remarks. */
import { describe, expect, it } from 'vitest';
import type { Segment } from '../../../pipeline/record.js';
import { SegmentSchema } from '../../../pipeline/record.js';
import { type SegmentOptions, SegmentOptionsSchema, segment } from '../../../pipeline/segment/segment.js';
import { makeRecord } from './make-record.js';

const DEFAULTS = SegmentOptionsSchema.parse({});

function texts(text: string, options: SegmentOptions = DEFAULTS): string[] {
  return segment(makeRecord(text), options).map((s) => s.text);
}

/** Every segment's offsets point at its text, in code points. */
function expectExactOffsets(text: string, segments: Segment[]): void {
  const codePoints = [...text];
  for (const s of segments) {
    expect(codePoints.slice(s.start, s.end).join('')).toBe(s.text);
    expect(s.text).toBe(s.text.trim());
  }
}

describe('segment — comments', () => {
  it('cuts "équipe adorable mais attente interminable" into two remarks, the connector opening the second', () => {
    const text = 'équipe adorable mais attente interminable';
    const segments = segment(makeRecord(text), DEFAULTS);
    expect(segments.map((s) => [s.text, s.start, s.end, s.index])).toEqual([
      ['équipe adorable', 0, 15, 0],
      ['mais attente interminable', 16, 41, 1],
    ]);
    for (const s of segments) {
      expect(SegmentSchema.parse(s)).toEqual(s);
      expect(s).toMatchObject({ recordKey: 'src1-1-commentaire', speaker: null, role: null, context: false });
      expect(s.timestamp).toBeNull();
    }
  });

  it('gives nothing for an empty or blank text', () => {
    expect(texts('')).toEqual([]);
    expect(texts('  \n\t ')).toEqual([]);
  });

  it('cuts sentences at . ! ? … and line breaks', () => {
    expect(texts('Accueil chaleureux. Chambre propre ! Repas froid ? Bref… Merci')).toEqual([
      'Accueil chaleureux.',
      'Chambre propre !',
      'Repas froid ?',
      'Bref…',
      'Merci',
    ]);
    expect(texts('accueil au top\r\nsortie mal organisée\n\nparking cher')).toEqual([
      'accueil au top',
      'sortie mal organisée',
      'parking cher',
    ]);
    // Dirty survey text: no capital after the period, or no space before the capital.
    expect(texts('attente trop longue. personnel gentil')).toEqual(['attente trop longue.', 'personnel gentil']);
    expect(texts('Très bien soignée.Le personnel est top')).toEqual(['Très bien soignée.', 'Le personnel est top']);
    expect(texts('Vraiment super!!! Merci à tous')).toEqual(['Vraiment super!!!', 'Merci à tous']);
  });

  it('does not cut after titles, abbreviations, initials, decimals or a mid-sentence "..."', () => {
    expect(texts('Le Dr. Morel et Mme. Garnier ont vu M. [NOM_1] puis J. [NOM_2].')).toEqual([
      'Le Dr. Morel et Mme. Garnier ont vu M. [NOM_1] puis J. [NOM_2].',
    ]);
    expect(texts('Repas, ménage, bruit etc. sont à revoir')).toEqual(['Repas, ménage, bruit etc. sont à revoir']);
    expect(texts('Repas, ménage, bruit, etc. Le reste est parfait')).toEqual([
      'Repas, ménage, bruit, etc.',
      'Le reste est parfait',
    ]);
    expect(texts('Note de 7,5 sur 10 et 8.5 pour le confort')).toEqual(['Note de 7,5 sur 10 et 8.5 pour le confort']);
    expect(texts("c'était... comment dire... long")).toEqual(["c'était... comment dire... long"]);
    expect(texts("J'ai attendu... Personne n'est venu")).toEqual(["J'ai attendu...", "Personne n'est venu"]);
  });

  it('ends a sentence after a placeholder and keeps placeholders whole', () => {
    const text = "J'ai vu [NOM_1]. Il était pressé ; l'infirmière [NOM_2] a tout expliqué le [DATE] au soir.";
    expect(texts(text)).toEqual([
      "J'ai vu [NOM_1].",
      'Il était pressé',
      "l'infirmière [NOM_2] a tout expliqué le [DATE] au soir.",
    ]);
  });

  it.each([
    ['mais', 'accueil très agréable mais attente beaucoup trop longue'],
    ['par contre', 'accueil très agréable, par contre attente beaucoup trop longue'],
    ['en revanche', 'accueil très agréable en revanche attente beaucoup trop longue'],
    ['cependant', 'accueil très agréable cependant attente beaucoup trop longue'],
    ['toutefois', 'accueil très agréable, toutefois attente beaucoup trop longue'],
    ['néanmoins', 'accueil très agréable néanmoins attente beaucoup trop longue'],
    ['sauf', 'tout était parfait sauf le repas du soir'],
    ['hormis', 'tout était parfait hormis le repas du soir'],
    ['malgré', "séjour agréable malgré l'attente aux urgences"],
  ])('cuts at "%s"', (connector, text) => {
    const pieces = texts(text);
    expect(pieces).toHaveLength(2);
    expect(pieces[1]?.toLowerCase().startsWith(connector)).toBe(true);
    expect(pieces[0]?.endsWith(',')).toBe(false);
  });

  it('cuts at connectors written without accents or in capitals', () => {
    expect(texts('ACCUEIL TRES BIEN MAIS ATTENTE TROP LONGUE')).toEqual([
      'ACCUEIL TRES BIEN',
      'MAIS ATTENTE TROP LONGUE',
    ]);
    expect(texts('personnel gentil neanmoins manque de personnel')).toEqual([
      'personnel gentil',
      'neanmoins manque de personnel',
    ]);
    expect(texts("bon sejour malgre l'attente interminable")).toEqual(['bon sejour', "malgre l'attente interminable"]);
    expect(texts('Chambre propre PAR  CONTRE repas immangeable')).toEqual([
      'Chambre propre',
      'PAR  CONTRE repas immangeable',
    ]);
    expect(texts('SOINS TOP NÉANMOINS SORTIE TROP RAPIDE')).toEqual(['SOINS TOP', 'NÉANMOINS SORTIE TROP RAPIDE']);
  });

  it('does not cut when a piece would be tiny', () => {
    expect(texts("c'est bien mais non")).toEqual(["c'est bien mais non"]);
    expect(texts('oui mais bon')).toEqual(['oui mais bon']);
    expect(texts('Mais non !')).toEqual(['Mais non !']);
    expect(texts('bien mais long')).toEqual(['bien mais long']);
    expect(texts('séjour parfait malgré tout')).toEqual(['séjour parfait malgré tout']);
  });

  it('does not cut inside fixed phrases or words', () => {
    expect(texts("non seulement l'équipe est gentille mais aussi très compétente")).toHaveLength(1);
    expect(texts('non seulement bien soigné mais également très bien informé')).toHaveLength(1);
    expect(texts('les soins étaient bons mais encore faut-il être reçu à temps')).toHaveLength(1);
    expect(texts("sauf erreur de ma part personne ne m'a prévenu")).toHaveLength(1);
    expect(texts('je suis ressorti sain et sauf de cette opération')).toHaveLength(1);
    expect(texts("l'équipe a cependant été très rassurante avec nous")).toHaveLength(1);
    expect(texts("c'est toutefois un service très bien organisé")).toHaveLength(1);
    expect(texts("je n'ai jamais attendu aussi longtemps aux urgences")).toHaveLength(1);
    // "mais aussi" without "non seulement" is a plain contrast.
    expect(texts('le médecin était pressé mais aussi très clair')).toEqual([
      'le médecin était pressé',
      'mais aussi très clair',
    ]);
  });

  it('cuts at several connectors in one sentence', () => {
    expect(texts('équipe adorable mais attente interminable sauf pour les examens urgents')).toEqual([
      'équipe adorable',
      'mais attente interminable',
      'sauf pour les examens urgents',
    ]);
  });

  it('cuts at a semicolon only between long enough clauses', () => {
    expect(texts('les repas étaient froids le soir ; la chambre était bruyante la nuit')).toEqual([
      'les repas étaient froids le soir',
      'la chambre était bruyante la nuit',
    ]);
    expect(texts('à revoir : repas ; chambre ; bruit')).toEqual(['à revoir : repas ; chambre ; bruit']);
  });

  it('cuts bullet lists, numbered lists and inline bullets, dropping the markers', () => {
    expect(texts('Points à améliorer :\n- repas froid\n- chambre sale et bruyante\n* wifi absent')).toEqual([
      'Points à améliorer',
      'repas froid',
      'chambre sale et bruyante',
      'wifi absent',
    ]);
    expect(texts('1. accueil rapide\n2) sortie trop tardive')).toEqual(['accueil rapide', 'sortie trop tardive']);
    expect(texts('• accueil rapide • personnel au top • parking trop cher')).toEqual([
      'accueil rapide',
      'personnel au top',
      'parking trop cher',
    ]);
    expect(texts('- repas froid - chambre sale')).toEqual(['repas froid', 'chambre sale']);
    // A hyphen inside an unmarked line is not a list.
    expect(texts('aide-soignante très gentille - vraiment')).toEqual(['aide-soignante très gentille - vraiment']);
  });

  it('keeps an emoji-only piece with the remark before it', () => {
    expect(texts('Super équipe ! 👍👍')).toEqual(['Super équipe ! 👍👍']);
    expect(texts('👍')).toEqual(['👍']);
  });

  it('gives code-point offsets, with emojis and placeholders before the segments', () => {
    const text = '😡😡 Attente de 5h 🙄 mais [NOM_1] très gentille 👍. Chambre 🛏️ sale, par contre repas OK 🍲 merci';
    const segments = segment(makeRecord(text), DEFAULTS);
    expect(segments.map((s) => s.text)).toEqual([
      '😡😡 Attente de 5h 🙄',
      'mais [NOM_1] très gentille 👍.',
      'Chambre 🛏️ sale',
      'par contre repas OK 🍲 merci',
    ]);
    expectExactOffsets(text, segments);
    expect(segments[1]?.start).toBe([...'😡😡 Attente de 5h 🙄 '].length);
  });

  it('splits a remark longer than maxSegmentChars near the limit, at a clause boundary', () => {
    const options = SegmentOptionsSchema.parse({ maxSegmentChars: 60 });
    const text =
      "Le personnel de nuit était débordé, on attendait longtemps quand on sonnait, les repas arrivaient froids, et personne n'expliquait les examens du lendemain";
    const segments = segment(makeRecord(text), options);
    expect(segments.length).toBeGreaterThan(2);
    for (const s of segments) expect([...s.text].length).toBeLessThanOrEqual(60);
    expect(segments[0]?.text.endsWith(',')).toBe(false);
    // Nothing is lost between pieces but the comma and space of each cut.
    const gaps = segments.slice(1).map((s, i) => [...text].slice(segments[i]?.end, s.start).join(''));
    for (const gap of gaps) expect(gap).toBe(', ');
    expectExactOffsets(text, segments);
    expect(segments.map((s) => s.index)).toEqual(segments.map((_, i) => i));
  });

  it('cuts a long remark at a sentence end before a comma, and hard-cuts a word that fills the window', () => {
    const options = SegmentOptionsSchema.parse({ maxSegmentChars: 40 });
    // A semicolon between short clauses keeps them together, so only the length limit cuts here.
    const text = 'attente trop longue ; et surtout aucune information donnée, rien du tout';
    const segments = segment(makeRecord(text), options);
    expect(segments.map((s) => s.text)).toEqual([
      'attente trop longue',
      'et surtout aucune information donnée',
      'rien du tout',
    ]);
    const word = 'x'.repeat(100);
    expect(texts(word, options).map((t) => t.length)).toEqual([40, 40, 20]);
  });

  it('treats document records like survey records', () => {
    const record = makeRecord('Lettre de réclamation. Accueil froid mais soins de qualité.', { kind: 'document' });
    expect(segment(record, DEFAULTS).map((s) => s.text)).toEqual([
      'Lettre de réclamation.',
      'Accueil froid',
      'mais soins de qualité.',
    ]);
  });

  it('takes the speaker of a single-speaker row from meta.speaker', () => {
    const record = makeRecord('Je me suis sentie écoutée.', { speaker: 'PP 4' });
    expect(segment(record, DEFAULTS)).toMatchObject([{ speaker: 'PP 4', role: 'Patient', context: false }]);
    const overridden = makeRecord('Rien à signaler de plus.', { speaker: 'M1' });
    const options = SegmentOptionsSchema.parse({ roleOverrides: { M: 'Médecin' } });
    expect(segment(overridden, options)).toMatchObject([{ speaker: 'M1', role: 'Médecin' }]);
  });
});
