import { describe, expect, it } from 'vitest';
import { cuesToTranscript } from '../../../pipeline/ingest/cues-to-turns.js';
import { parseSubtitles } from '../../../pipeline/ingest/parse-subtitles.js';
import { splitSpeakerLabel } from '../../../pipeline/ingest/speaker-label.js';

describe('splitSpeakerLabel', () => {
  it.each([
    ['RU1: Bonjour', 'RU1'],
    ['IDE 3 : oui', 'IDE 3'],
    ['Médecin 2 : non', 'Médecin 2'],
    ['P.3 : peut-être', 'P.3'],
    ['Enquêteur : et alors ?', 'Enquêteur'],
    ['E : merci', 'E'],
    ['Speaker 1: hello', 'Speaker 1'],
  ])('finds the speaker in %j', (line, speaker) => {
    expect(splitSpeakerLabel(line)?.speaker).toBe(speaker);
  });

  it.each(['Alors : je pense que oui', 'Bonjour tout le monde', 'Note: ceci est du texte'])(
    'leaves %j as text',
    (line) => expect(splitSpeakerLabel(line)).toBeNull(),
  );
});

describe('parseSubtitles + cuesToTranscript', () => {
  it('pads hours, drops cue ids and NOTE blocks, keeps unlabelled openings without a timestamp', () => {
    const vtt = [
      'WEBVTT',
      '',
      'NOTE une note',
      'sur deux lignes',
      '',
      'intro',
      '00:01.000 --> 00:02.000',
      'Bonjour à tous.',
      '',
      '00:03.000 --> 00:04.000',
      '<v Animatrice>On commence <c.yellow>maintenant</c>.',
      '',
      '00:05.000 --> 00:06.000',
      '<v RU1>Moi d’abord.</v><v RU2>Non, moi.</v>',
    ].join('\n');
    const cues = parseSubtitles(vtt);
    expect(cues.map((cue) => cue.start)).toEqual(['00:00:01', '00:00:03', '00:00:05']);
    expect(cuesToTranscript(cues)).toBe(
      'Bonjour à tous.\n\n' +
        '[00:00:03] Animatrice : On commence maintenant.\n\n' +
        '[00:00:05] RU1 : Moi d’abord.\n\n' +
        '[00:00:05] RU2 : Non, moi.',
    );
  });
});
