import { formatTurn, TURN_SEPARATOR, type Turn } from './canonical-transcript.js';
import type { Cue } from './parse-subtitles.js';
import { splitSpeakerLabel } from './speaker-label.js';

/** `<v RU1>`, `<v.loud Médecin 2>`: the WebVTT voice span that names the speaker. */
const VOICE = /<v(?:\.[^\s>]*)?\s+([^>]+)>/g;

const ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&apos;': "'",
  '&nbsp;': ' ',
  '&lrm;': '',
  '&rlm;': '',
};

/** Removes styling (`<b>`, `<c.red>`, `<00:00:01.000>`, SRT `{\an8}`), decodes entities, joins lines. */
function plainText(markup: string): string {
  return markup
    .replace(/<[^>]*>/g, '')
    .replace(/\{\\[^}]*\}/g, '')
    .replace(/&(?:amp|lt|gt|quot|#39|apos|nbsp|lrm|rlm);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[ \t\u00a0]+/g, ' ')
    .trim();
}

/** A cue's pieces: one per voice span, or one with a "RU1: ..." label, or unattributed text. */
function cuePieces(cue: Cue): Turn[] {
  const voices = [...cue.text.matchAll(VOICE)];
  if (voices.length > 0) {
    const pieces: Turn[] = [];
    const before = plainText(cue.text.slice(0, voices[0]?.index ?? 0));
    if (before !== '') pieces.push({ timestamp: cue.start, speaker: null, text: before });
    voices.forEach((voice, i) => {
      const end = voices[i + 1]?.index ?? cue.text.length;
      const text = plainText(cue.text.slice((voice.index ?? 0) + voice[0].length, end));
      if (text !== '') pieces.push({ timestamp: cue.start, speaker: (voice[1] ?? '').trim(), text });
    });
    return pieces;
  }
  const text = plainText(cue.text);
  if (text === '') return [];
  const labelled = splitSpeakerLabel(text);
  return [labelled === null ? { timestamp: cue.start, speaker: null, text } : { timestamp: cue.start, ...labelled }];
}

/**
 * Subtitle cues → canonical transcript text. Consecutive cues of the same speaker merge into one
 * turn stamped with the first cue's start; a cue with no speaker continues the current turn
 * (transcription tools label only speaker changes). Text before any speaker stays unlabelled.
 */
export function cuesToTranscript(cues: readonly Cue[]): string {
  const turns: Turn[] = [];
  for (const piece of cues.flatMap(cuePieces)) {
    const last = turns.at(-1);
    if (last !== undefined && (piece.speaker === null || piece.speaker === last.speaker)) {
      last.text = `${last.text} ${piece.text}`;
    } else {
      // Unlabelled text opening the file has no speaker to attach a timestamp to.
      turns.push(piece.speaker === null ? { ...piece, timestamp: null } : piece);
    }
  }
  return turns.map(formatTurn).join(TURN_SEPARATOR);
}
