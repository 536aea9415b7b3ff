/**
 * Patient and stay identifiers: IPP, NDA, numéro de séjour / de dossier / patient, référence,
 * followed by a value with at least 5 digits ("IPP 00451236", "NDA 26A004512"); and any run of
 * 7+ digits, or of spaced digit groups (a mistyped NIR "1 79 11 69 123 456 44"), that no more
 * specific detector claims. Phones, NIRs and dates win over these in `deidentify.ts`.
 */
import type { Span } from './span.js';

// group 1: the value. The keyword and connector stay in the text: "IPP [ID_1]".
const KEYWORD_ID =
  /(?<![\p{L}])(?:IPP|NDA|NIP|IEP|(?:n[°º]|no\.?|num[ée]ro|num\.)[ \u00a0]*(?:de[ \u00a0]+|d['’])?(?:dossier|s[ée]jour|patient|IPP|admission|facture|venue|client|adh[ée]rent|passage|hospitalisation|ordonnance)|dossier|r[ée]f[ée]rence(?:[ \u00a0]+(?:patient|dossier|client))?|r[ée]f\.|identifiant(?:[ \u00a0]+patient)?|matricule|s[ée]jour[ \u00a0]+n[°º])[ \u00a0]*(?:n[°º]|no\.?|num[ée]ro)?[ \u00a0]*(?:[:=#-][ \u00a0]*|est[ \u00a0]+(?:le[ \u00a0]+)?)?([A-Za-z0-9][A-Za-z0-9/-]*\d[A-Za-z0-9/-]*)/giu;
const LONG_RUN = /(?<![\d\p{L}])\d{7,}(?![\d\p{L}])/gu;
const SPACED_GROUPS = /(?<![\d\p{L}])[1-9]\d{0,2}(?:[ \u00a0]\d{2,3}){4,}(?![\d\p{L}])/gu;
const MIN_ID_DIGITS = 5;
const MIN_SPACED_DIGITS = 11;
const NON_DIGITS = /\D/g;

/** Finds identifiers; the key is the value without separators. */
export function detectIds(text: string): Span[] {
  const spans: Span[] = [];
  const push = (start: number, value: string): void => {
    const end = start + value.length;
    if (spans.some((span) => span.start < end && start < span.end)) return;
    spans.push({ start, end, type: 'ID', key: value.replace(/[^0-9A-Za-z]/g, '').toUpperCase() });
  };
  for (const match of text.matchAll(KEYWORD_ID)) {
    const value = (match[1] ?? '').replace(/[/-]+$/, '');
    if (value.replace(NON_DIGITS, '').length < MIN_ID_DIGITS) continue;
    push(match.index + match[0].length - (match[1] ?? '').length, value);
  }
  for (const match of text.matchAll(LONG_RUN)) push(match.index, match[0]);
  for (const match of text.matchAll(SPACED_GROUPS)) {
    if (match[0].replace(NON_DIGITS, '').length >= MIN_SPACED_DIGITS) push(match.index, match[0]);
  }
  return spans.sort((a, b) => a.start - b.start);
}
