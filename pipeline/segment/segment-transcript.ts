/**
 * Cuts a transcript into segments: each speaker turn, its sentences grouped up to
 * `maxSegmentChars`, so that a segment is a readable unit of speech and never mixes speakers.
 */
import type { Role } from '../record.js';
import type { CodePointIndex } from './code-point-index.js';
import { parseTurns } from './parse-turns.js';
import { splitLong } from './split-long.js';
import { splitSentences } from './split-sentences.js';
import type { TextSpan } from './text-span.js';

/** A segment span with the turn it belongs to. */
export interface TurnSpan extends TextSpan {
  speaker: string | null;
  role: Role;
  timestamp: string | null;
}

/** Segment spans of a transcript, in order. */
export function segmentTranscript(
  text: string,
  options: { maxChars: number; overrides: Readonly<Record<string, Role>> },
  index: CodePointIndex,
): TurnSpan[] {
  const spans: TurnSpan[] = [];
  for (const turn of parseTurns(text, options.overrides)) {
    const sentences = turn.lines.flatMap((line) => splitSentences(text, line));
    for (const group of groupSentences(text, sentences, options.maxChars, index)) {
      spans.push({ ...group, speaker: turn.speaker, role: turn.role, timestamp: turn.timestamp });
    }
  }
  return spans;
}

/** Packs consecutive sentences into spans of at most `maxChars` code points; cuts longer sentences. */
function groupSentences(text: string, sentences: TextSpan[], maxChars: number, index: CodePointIndex): TextSpan[] {
  const groups: TextSpan[] = [];
  let group: TextSpan | null = null;
  for (const sentence of sentences) {
    if (group !== null && index.lengthOf(group.start, sentence.end) <= maxChars) {
      group.end = sentence.end;
      continue;
    }
    if (group !== null) groups.push(group);
    group = null;
    if (index.lengthOf(sentence.start, sentence.end) > maxChars) {
      groups.push(...splitLong(text, sentence, maxChars, index));
    } else {
      group = { ...sentence };
    }
  }
  if (group !== null) groups.push(group);
  return groups;
}
