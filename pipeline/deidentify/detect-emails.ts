/**
 * E-mail addresses, including the obfuscated "prenom.nom(at)chu.fr" and "[at]" spellings that
 * people use to dodge spam filters.
 */
import type { Span } from './span.js';

const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*(?:@|[ \u00a0]?[([{]at[)\]}][ \u00a0]?)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])/g;

/** Finds e-mail addresses; the key is the lower-cased address. */
export function detectEmails(text: string): Span[] {
  // Cheap guard: most comments have neither "@" nor "at".
  if (!text.includes('@') && !/[([{]at[)\]}]/i.test(text)) return [];
  const spans: Span[] = [];
  for (const match of text.matchAll(EMAIL)) {
    spans.push({ start: match.index, end: match.index + match[0].length, type: 'EMAIL', key: match[0].toLowerCase() });
  }
  return spans;
}
