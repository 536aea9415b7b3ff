/**
 * Phone numbers: French numbers in every common spelling (06 12 34 56 78, 06.12.34.56.78,
 * 0612345678, +33 6 12 34 56 78, +33 (0)6..., 0033 6..., 01-23-45-67-89), foreign numbers
 * written with a `+`/`00` prefix (through libphonenumber-js), and internal extensions
 * ("poste 4521"). The keyword of an extension stays in the text: "poste [TEL_1]".
 */
import { findPhoneNumbersInText } from 'libphonenumber-js/max';
import type { Span } from './span.js';

// Pairs with one consistent separator (\1), so "01/05/2026 12" is not read as a phone.
const FRENCH_PAIRS =
  /(?<![\d+]|\d[ .\-/])(?:(?:\+|00)[ \u00a0]?33[ \u00a0.-]?(?:\(0\)[ \u00a0]?)?[1-9]|0[ \u00a0]?[1-9])([ \u00a0.\-/]?)\d{2}(?:\1\d{2}){3}(?![\d]|[ .\-/]\d)/g;
// "0612 345 678", "0 800 123 456": the 4-3-3 and 1-3-3-3 spellings.
const FRENCH_GROUPS =
  /(?<![\d+]|\d[ .\-/])0(?:[1-9]\d{2}[ .]\d{3}[ .]\d{3}|[ .][1-9]\d{2}[ .]\d{3}[ .]\d{3})(?![\d]|[ .\-/]\d)/g;
const EXTENSION =
  /\b(?:postes?|ext\.?|extension|bip|dect)[ \u00a0]*(?:n°|no|:)?[ \u00a0]*(\d{3,5}|\d{2} \d{2})(?!\d)/giu;
const INTERNATIONAL_HINT = /(?:\+|\b00)[ \u00a0]?[1-9]/;
const DIGITS = /\d/g;

function digitsOf(value: string): string {
  return value.match(DIGITS)?.join('') ?? '';
}

/** "+33 6 12..." and "06 12..." share a key: the national number. */
function phoneKey(value: string): string {
  const digits = digitsOf(value);
  if (digits.startsWith('0033')) return `0${digits.slice(4).replace(/^0/, '')}`;
  if (value.trimStart().startsWith('+33')) return `0${digits.slice(2).replace(/^0/, '')}`;
  return digits;
}

function overlapsAny(spans: readonly Span[], start: number, end: number): boolean {
  return spans.some((span) => span.start < end && start < span.end);
}

/** Finds phone numbers and extensions; spans cover the number only. */
export function detectPhones(text: string): Span[] {
  const spans: Span[] = [];
  for (const pattern of [FRENCH_PAIRS, FRENCH_GROUPS]) {
    for (const match of text.matchAll(pattern)) {
      const end = match.index + match[0].length;
      if (!overlapsAny(spans, match.index, end)) {
        spans.push({ start: match.index, end, type: 'TEL', key: phoneKey(match[0]) });
      }
    }
  }
  for (const match of text.matchAll(EXTENSION)) {
    const value = match[1] ?? '';
    const start = match.index + match[0].length - value.length;
    spans.push({ start, end: start + value.length, type: 'TEL', key: `poste ${digitsOf(value)}` });
  }
  // libphonenumber costs ~0.1 ms a call: only for a prefix that may start a foreign number.
  if (INTERNATIONAL_HINT.test(text)) {
    for (const found of findPhoneNumbersInText(text, 'FR')) {
      const raw = text.slice(found.startsAt, found.endsAt);
      if (!/^(?:\+|00)/.test(raw)) continue; // national numbers are the regexes' job (IPP 123456789 is not a phone)
      // It may run over a following number ("+33 6 12 34 56 78, 01"): cut at the list separator.
      const cut = raw.search(/[,;]/);
      const value = (cut < 0 ? raw : raw.slice(0, cut)).replace(/\D+$/, '');
      const end = found.startsAt + value.length;
      if (!overlapsAny(spans, found.startsAt, end)) {
        spans.push({ start: found.startsAt, end, type: 'TEL', key: found.number.number });
      }
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}
