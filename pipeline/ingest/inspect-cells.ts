import type { QuarantineReasonCode } from '../record.js';

/** Why a row must be set aside; `reason` names the column and counts, never the content. */
export interface CellProblem {
  code: QuarantineReasonCode;
  reason: string;
  /** Label of the offending column, for the quarantine provenance. */
  column: string;
}

/**
 * Control characters other than tab, LF and CR, DEL, and U+FFFD (what a decoder puts in place of
 * bytes that are not valid in the file's encoding). A fast pre-check: most cells never match.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const SUSPICIOUS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/;

/**
 * More stray control characters than this in one cell means binary content; fewer is tolerated
 * (a lone form feed or Ctrl-Z is an old editor's artefact, not garbage).
 */
export const MAX_CONTROL_CHARS = 2;

function countGarbage(cell: string): { nul: number; replacement: number; control: number } {
  let nul = 0;
  let replacement = 0;
  let control = 0;
  for (let i = 0; i < cell.length; i++) {
    const code = cell.charCodeAt(i);
    if (code === 0) nul++;
    else if (code === 0xfffd) replacement++;
    else if ((code < 0x20 && code !== 9 && code !== 10 && code !== 13) || code === 0x7f) control++;
  }
  return { nul, replacement, control };
}

/**
 * Checks one row's cells, in column order, and reports the first problem:
 * - `CELL_TOO_LONG`: more than `maxCellChars` UTF-16 code units;
 * - `BINARY_GARBAGE`: any NUL, any U+FFFD (bytes that did not decode, e.g. a Windows-1252 line in
 *   a UTF-8 file), or more than `MAX_CONTROL_CHARS` other control characters.
 */
export function inspectCells(
  cells: readonly string[],
  labels: readonly string[],
  maxCellChars: number,
): CellProblem | null {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] ?? '';
    const column = labels[i] ?? `column ${i + 1}`;
    if (cell.length > maxCellChars) {
      return {
        code: 'CELL_TOO_LONG',
        column,
        reason: `column ${column} has ${cell.length} characters (limit ${maxCellChars})`,
      };
    }
    if (!SUSPICIOUS.test(cell)) continue;
    const { nul, replacement, control } = countGarbage(cell);
    if (nul > 0) return { code: 'BINARY_GARBAGE', column, reason: `column ${column} contains ${nul} NUL characters` };
    if (replacement > 0) {
      return {
        code: 'BINARY_GARBAGE',
        column,
        reason: `column ${column} has ${replacement} undecodable characters (U+FFFD; mixed encodings?)`,
      };
    }
    if (control > MAX_CONTROL_CHARS) {
      return { code: 'BINARY_GARBAGE', column, reason: `column ${column} contains ${control} control characters` };
    }
  }
  return null;
}
