/** A subtitle cue: start time and the raw text lines (tags not yet removed). */
export interface Cue {
  /** `HH:MM:SS`, hours padded. */
  start: string;
  text: string;
}

/** `00:12:31.000`, `12:31.000` (VTT, hours optional) or `00:12:31,000` (SRT), then `-->`. */
const TIMING = /^\s*(?:(\d+):)?(\d{1,2}):(\d{2})[.,]\d{1,3}\s*-->/;

/** Blocks that are not cues in WebVTT. */
const NON_CUE_BLOCK = /^(?:WEBVTT|NOTE|STYLE|REGION)(?:\s|$)/;

function pad(value: string | undefined): string {
  return (value ?? '0').padStart(2, '0');
}

/**
 * Cues of a WebVTT or SRT file (LF line ends). Both are blocks separated by blank lines: an
 * optional id or number, a timing line, then text. Header, NOTE, STYLE and REGION blocks and
 * anything without a timing line are dropped; so are cue ids and settings.
 */
export function parseSubtitles(text: string): Cue[] {
  const cues: Cue[] = [];
  for (const block of text.split(/\n[ \t]*\n/)) {
    const lines = block.split('\n').filter((line, index) => index > 0 || line.trim() !== '');
    if (lines.length === 0 || NON_CUE_BLOCK.test(lines[0] ?? '')) continue;
    const timingAt = lines.findIndex((line) => TIMING.test(line));
    // The timing line is the first or second line (after an id); a later one is not a cue.
    if (timingAt < 0 || timingAt > 1) continue;
    const match = TIMING.exec(lines[timingAt] ?? '');
    if (match === null) continue;
    const start = `${pad(match[1])}:${pad(match[2])}:${pad(match[3])}`;
    const body = lines
      .slice(timingAt + 1)
      .join('\n')
      .trim();
    if (body !== '') cues.push({ start, text: body });
  }
  return cues;
}
