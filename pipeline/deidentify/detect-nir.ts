/**
 * NIR, the French social-security number ("numéro de sécu", carte Vitale): sex digit, birth
 * year and month, department (2A/2B for Corsica), commune, order number and a 2-digit key,
 * with or without spaces: "1 85 05 78 006 084 36". Only numbers whose key checks are NIR; a
 * mistyped one is left to `detect-ids.ts`.
 */
import type { Span } from './span.js';

// 15 characters once separators are dropped; the shape is checked by NIR_SHAPE.
const CANDIDATE = /(?<![\p{L}\d])[1-478](?:[ \u00a0.-]?[\dAaBb]){14}(?![\p{L}\d])/gu;
const NIR_SHAPE = /^[1-478]\d{4}(?:\d{2}|2[AB])\d{8}$/;
const SEPARATORS = /[ \u00a0.-]/g;

/**
 * True when the 13-character body has the 2-digit key `97 − (body mod 97)`, Corsica's 2A and
 * 2B counted as 19 and 18 (the official rule).
 */
export function isValidNir(value: string): boolean {
  const compact = value.replace(SEPARATORS, '').toUpperCase();
  if (!NIR_SHAPE.test(compact)) return false;
  const body = compact
    .slice(0, 13)
    .replace(/^(\d{5})2A/, '$119')
    .replace(/^(\d{5})2B/, '$118');
  // Horner's rule in plain numbers: 13 digits would overflow 2^53 only after the product.
  let remainder = 0;
  for (const digit of body) remainder = (remainder * 10 + Number(digit)) % 97;
  return 97 - remainder === Number(compact.slice(13));
}

/** Finds NIRs with a valid key; the key of the span is the compact number. */
export function detectNir(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    if (!isValidNir(match[0])) continue;
    const key = match[0].replace(SEPARATORS, '').toUpperCase();
    spans.push({ start: match.index, end: match.index + match[0].length, type: 'NIR', key });
  }
  return spans;
}
