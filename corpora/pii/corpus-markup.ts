/**
 * Turns the marked-up sources in `source/` into corpus lines, so that gold offsets are
 * computed, never hand-counted. `build-corpus.ts` writes them to `pii-corpus.jsonl`; a test
 * checks that the file is in sync with the sources.
 *
 * Source format: one text per line, `#` comments and blank lines ignored, `\n` for a newline
 * inside a text, gold PII written `{{TYPE:value}}`. Inside a value, `##` becomes the valid NIR
 * key of the digits before it and `!!` a wrong key (a mistyped NIR, labelled `ID`).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface GoldSpan {
  start: number;
  end: number;
  type: string;
}

const HERE = dirname(fileURLToPath(import.meta.url));
const SPLITS = [
  { file: 'dev.txt', prefix: 'P' },
  { file: 'test.txt', prefix: 'Q' },
] as const;
const MARKER = /\{\{([A-Z]+):(.*?)\}\}/g;
const TYPES = new Set(['NOM', 'TEL', 'EMAIL', 'NIR', 'DATE', 'LIEU', 'ID']);

/** The NIR key: 97 − (13-digit number mod 97), Corsica's 2A/2B counted as 19/18. */
function nirKey(value: string): number {
  const digits = value
    .replace(/[^0-9AB]/gi, '')
    .toUpperCase()
    .replace(/^(\d{5})2A/, '$119')
    .replace(/^(\d{5})2B/, '$118');
  if (!/^\d{13}$/.test(digits)) throw new Error(`NIR body must have 13 digits: ${value}`);
  return 97 - Number(BigInt(digits) % 97n);
}

function fillKeys(value: string): string {
  const at = value.search(/##|!!/);
  if (at < 0) return value;
  const key = nirKey(value.slice(0, at));
  const wrong = (key % 97) + 1;
  const shown = value.startsWith('##', at) ? key : wrong;
  return value.slice(0, at) + String(shown).padStart(2, '0') + value.slice(at + 2);
}

/** Parses one marked-up line into its text and gold spans (UTF-16 offsets). */
export function parseLine(line: string): { text: string; spans: GoldSpan[] } {
  const source = line.replaceAll('\\n', '\n');
  const spans: GoldSpan[] = [];
  let text = '';
  let last = 0;
  for (const match of source.matchAll(MARKER)) {
    const [whole, type = '', raw = ''] = match;
    if (!TYPES.has(type)) throw new Error(`unknown type ${type} in: ${line}`);
    text += source.slice(last, match.index);
    const value = fillKeys(raw);
    spans.push({ start: text.length, end: text.length + value.length, type });
    text += value;
    last = match.index + whole.length;
  }
  text += source.slice(last);
  if (text.includes('{{') || text.includes('}}')) throw new Error(`unbalanced marker in: ${line}`);
  return { text, spans };
}

/** The corpus as JSON lines, dev split (P…) then test split (Q…), from the sources on disk. */
export function buildCorpusLines(): string[] {
  const out: string[] = [];
  for (const split of SPLITS) {
    const raw = readFileSync(join(HERE, 'source', split.file), 'utf8');
    let n = 0;
    for (const line of raw.split('\n')) {
      if (line.trim() === '' || line.startsWith('#')) continue;
      n += 1;
      const id = `${split.prefix}${String(n).padStart(3, '0')}`;
      out.push(JSON.stringify({ id, ...parseLine(line) }));
    }
  }
  return out;
}
