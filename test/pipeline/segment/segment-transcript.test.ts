/** Transcripts cut into speaker turns, then sentences grouped up to maxSegmentChars. */
import { describe, expect, it } from 'vitest';
import type { Segment } from '../../../pipeline/record.js';
import { SegmentOptionsSchema, segment } from '../../../pipeline/segment/segment.js';
import { makeRecord } from './make-record.js';

const DEFAULTS = SegmentOptionsSchema.parse({});

function transcript(text: string, options = DEFAULTS): Segment[] {
  return segment(makeRecord(text, { kind: 'transcript', key: 'src2-1-transcript' }), options);
}

describe('segment — transcripts', () => {
  it.each([
    ['RU1', 'RU'],
    ['RU 2', 'RU'],
    ['IDE 3', 'IDE'],
    ['IDE3', 'IDE'],
    ['AS', 'AS'],
    ['Médecin 2', 'Médecin'],
    ['Medecin', 'Médecin'],
    ['Dr Morel', 'Médecin'],
    ['Dr [NOM_1]', 'Médecin'],
    ['P.3', 'Patient'],
    ['P3', 'Patient'],
    ['PP1', 'Patient'],
    ['Patient 4', 'Patient'],
    ['Patient partenaire 2', 'Patient'],
    ['CDS', 'Cadre'],
    ['CSS', 'Cadre'],
    ['Cadre', 'Cadre'],
    ['Cadre de santé', 'Cadre'],
    ['CGS', 'Direction des soins'],
    ['DS', 'Direction des soins'],
    ['DQ', 'Qualité'],
    ['RQ', 'Qualité'],
    ['IQ', 'Qualité'],
    ['AA', 'Administratif'],
    ['Enquêteur', 'Interviewer'],
    ['Enquêtrice', 'Interviewer'],
    ['Intervieweur', 'Interviewer'],
    ['E', 'Interviewer'],
    ['Q', 'Interviewer'],
    ['I', 'Interviewer'],
    ['Chercheur', 'Interviewer'],
    ['[NOM_1]', 'Other'],
    ['Mme Garnier', 'Other'],
    ['M1', 'Other'],
  ])('reads the label "%s" as role %s', (label, role) => {
    for (const separator of [' : ', ': ', '\u00a0: ']) {
      const segments = transcript(`${label}${separator}Je pense que oui.`);
      expect(segments).toHaveLength(1);
      expect(segments[0]).toMatchObject({ speaker: label, role, text: 'Je pense que oui.' });
    }
  });

  it('keeps the label and timestamp out of the segment text and gives code-point offsets', () => {
    const text = '[00:01:12] RU1 : 🙂 On nous écoute peu.\n[00:01:40] PP2 : Moi je me sentais illégitime.';
    const segments = transcript(text);
    expect(segments.map((s) => [s.speaker, s.timestamp, s.text])).toEqual([
      ['RU1', '00:01:12', '🙂 On nous écoute peu.'],
      ['PP2', '00:01:40', 'Moi je me sentais illégitime.'],
    ]);
    const codePoints = [...text];
    for (const s of segments) expect(codePoints.slice(s.start, s.end).join('')).toBe(s.text);
    expect(segments[1]?.start).toBe([...(text.split('PP2 : ')[0] as string)].length + 'PP2 : '.length);
  });

  it.each([
    ['[00:12:31] IDE 3 : oui.', '00:12:31'],
    ['(00:12:31) IDE 3 : oui.', '00:12:31'],
    ['00:12:31 IDE 3 : oui.', '00:12:31'],
    ['[12:31] IDE 3 : oui.', '00:12:31'],
    ['[1:02:03.500] IDE 3 : oui.', '01:02:03'],
    ['00:12:31 - IDE 3 : oui.', '00:12:31'],
    ['00:12:31\nIDE 3 : oui.', '00:12:31'],
    ['IDE 3 : oui.', null],
  ])('reads the timestamp of %j', (text, timestamp) => {
    expect(transcript(text)).toMatchObject([{ speaker: 'IDE 3', timestamp, text: 'oui.' }]);
  });

  it('continues the current turn on lines without a label, and on a timestamped line without one', () => {
    const text = [
      '[00:05:00] IDE 3 : On a essayé.',
      'Mais ça n’a pas marché.',
      '',
      'Voilà.',
      '[00:06:10] Et après on a arrêté.',
      'CDS 1 : Je confirme.',
    ].join('\n');
    const segments = transcript(text);
    expect(segments.map((s) => [s.speaker, s.role, s.timestamp, s.text])).toEqual([
      ['IDE 3', 'IDE', '00:05:00', 'On a essayé.\nMais ça n’a pas marché.\n\nVoilà.'],
      ['IDE 3', 'IDE', '00:06:10', 'Et après on a arrêté.'],
      ['CDS 1', 'Cadre', null, 'Je confirme.'],
    ]);
    expect(segments.map((s) => s.index)).toEqual([0, 1, 2]);
  });

  it('keeps interviewer turns as context unless interviewerCoded', () => {
    const text = 'Enquêteur : Vous pouvez vous présenter ?\nRU1 : Je suis RU depuis deux ans.';
    expect(transcript(text).map((s) => [s.role, s.context])).toEqual([
      ['Interviewer', true],
      ['RU', false],
    ]);
    const coded = SegmentOptionsSchema.parse({ interviewerCoded: true });
    expect(transcript(text, coded).map((s) => s.context)).toEqual([false, false]);
  });

  it('keeps a header before the first label as uncoded context, with no speaker and role Other', () => {
    const text = 'Entretien n°2, [LIEU], le [DATE]\nDurée : 45 min\nE : On commence ?\nIDE 3 : Oui.';
    expect(transcript(text).map((s) => [s.speaker, s.role, s.context, s.text])).toEqual([
      [null, 'Other', true, 'Entretien n°2, [LIEU], le [DATE]\nDurée : 45 min'],
      ['E', 'Interviewer', true, 'On commence ?'],
      ['IDE 3', 'IDE', false, 'Oui.'],
    ]);
  });

  it('codes a transcript that has no speaker label at all', () => {
    expect(transcript('Une longue note sans locuteur. Elle doit être codée.').every((s) => !s.context)).toBe(true);
  });

  it('does not take a colon in a sentence for a label', () => {
    const text = [
      "RU1 : Et le chef de service, il m'a dit : vous n'êtes pas soignant.",
      "Je lui ai dit : ce n'est pas la question.",
      'Il m’a dit : "revenez plus tard".',
      'Alors : on a attendu.',
      'Le médecin m’a dit : rien.',
    ].join('\n');
    const segments = transcript(text);
    expect(new Set(segments.map((s) => s.speaker))).toEqual(new Set(['RU1']));
    expect(segments.map((s) => s.text).join('\n')).toBe(text.slice('RU1 : '.length));
  });

  it('applies role overrides to labels, exact or by prefix, before the built-in mapping', () => {
    const options = SegmentOptionsSchema.parse({
      roleOverrides: { M: 'Médecin', 'Marie Curie': 'Patient', DS: 'Qualité', 'participant 12': 'RU' },
    });
    const text = 'M1 : Oui.\nM 2 : Non.\nMarie Curie : Peut-être.\nDS : Oui.\nparticipant 12 : Bien sûr.';
    expect(transcript(text, options).map((s) => [s.speaker, s.role])).toEqual([
      ['M1', 'Médecin'],
      ['M 2', 'Médecin'],
      ['Marie Curie', 'Patient'],
      ['DS', 'Qualité'],
      ['participant 12', 'RU'],
    ]);
  });

  it('cuts a long turn into sentence groups of at most maxSegmentChars that share speaker and timestamp', () => {
    const options = SegmentOptionsSchema.parse({ maxSegmentChars: 80 });
    const sentences = [
      'Au début je ne disais rien.',
      'J’avais peur de ne pas être légitime face aux médecins.',
      'Et puis on m’a proposé une formation.',
      'Ça m’a aidée.',
      'Maintenant je prends la parole en commission, même si ce n’est pas toujours facile pour moi de contredire le chef de pôle devant tout le monde.',
    ];
    const text = `[00:20:00] PP2 : ${sentences.join(' ')}\nE : Merci.`;
    const segments = transcript(text, options);
    const turn = segments.filter((s) => s.speaker === 'PP2');
    expect(turn.length).toBeGreaterThanOrEqual(4);
    for (const s of turn) {
      expect([...s.text].length).toBeLessThanOrEqual(80);
      expect(s).toMatchObject({ role: 'Patient', timestamp: '00:20:00', context: false });
    }
    expect(turn[0]?.text).toBe(sentences[0]);
    expect(turn[2]?.text).toBe(`${sentences[2]} ${sentences[3]}`);
    expect(segments.at(-1)).toMatchObject({ speaker: 'E', text: 'Merci.' });
    expect(segments.map((s) => s.index)).toEqual(segments.map((_, i) => i));
  });

  it('gives no segment for an empty turn', () => {
    expect(transcript('E :\nRU1 : Oui.').map((s) => s.speaker)).toEqual(['RU1']);
  });
});
