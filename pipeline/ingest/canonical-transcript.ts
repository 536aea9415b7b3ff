/**
 * The canonical transcript text that ingest hands to the segmenter, whatever the file format:
 *
 * ```
 * [00:12:31] RU1 : Bonjour, je suis représentante des usagers depuis 2019.
 *
 * [00:12:40] Enquêteur : Et comment ça se passe ?
 * ```
 *
 * One turn per paragraph (turns separated by a blank line), `[HH:MM:SS] SPEAKER : text` or
 * `SPEAKER : text`; a line without a speaker label continues the previous turn. Line ends are LF.
 */

/** One speaker turn; `timestamp` is `HH:MM:SS` or null, `speaker` null for unattributed text. */
export interface Turn {
  timestamp: string | null;
  speaker: string | null;
  text: string;
}

/** Separates turns: one paragraph each. */
export const TURN_SEPARATOR = '\n\n';

/** A turn as one canonical paragraph. */
export function formatTurn(turn: Turn): string {
  const time = turn.timestamp === null ? '' : `[${turn.timestamp}] `;
  return turn.speaker === null ? `${time}${turn.text}` : `${time}${turn.speaker} : ${turn.text}`;
}

/** Normalizes free transcript text (TXT, DOCX) as it is: LF line ends, no trailing spaces or blank edges. */
export function normalizeTranscriptText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+$/gm, '')
    .replace(/^\n+|\n+$/g, '');
}
