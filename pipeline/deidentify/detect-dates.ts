/**
 * Precise dates, which can date a stay or a birth: "12/05/2026", "12-05-26", "12.05.2026",
 * "2026-05-12", "le 12/05", "12 mai 2026", "lundi 3 juin", "1er août", "du 3 au 5 mai".
 * Not dates here: a month or year alone ("en mai", "2026"), durations, ages, times ("à 14h"),
 * scores ("8/10"): they identify no one.
 */
import { fold } from './fold.js';
import type { Span } from './span.js';

const MONTHS: Readonly<Record<string, number>> = Object.freeze({
  janvier: 1,
  janv: 1,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  mars: 3,
  avril: 4,
  avr: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  juil: 7,
  aout: 8,
  septembre: 9,
  sept: 9,
  octobre: 10,
  oct: 10,
  novembre: 11,
  nov: 11,
  decembre: 12,
  dec: 12,
});

const DAY_NAME = '(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)';
const MONTH_NAME =
  '(?:janvier|janv\\.?|f[ée]vrier|f[ée]vr?\\.?|mars|avril|avr\\.?|mai|juin|juillet|juil\\.?|ao[uû]t|septembre|sept\\.?|octobre|oct\\.?|novembre|nov\\.?|d[ée]cembre|d[ée]c\\.?)';
const DAY = '(?:1er|premier|[0-3]?\\d)';
// "lundi 3 juin", "du 3 au 5 mai", "12 mai 2026"; groups: 1 first day, 2 last day, 3 month, 4 year.
const TEXTUAL = new RegExp(
  `(?<![\\p{L}\\d])(?:${DAY_NAME}[ \\u00a0]+)?(${DAY})(?:[ \\u00a0]*(?:au|et|-)[ \\u00a0]*(${DAY}))?[ \\u00a0]+(${MONTH_NAME})(?![\\p{L}])(?:[ \\u00a0]+((?:19|20)\\d{2})(?!\\d))?`,
  'giu',
);
// groups: 1 day, 2 month, 3 year. One separator, used twice (\2 in the source is group 2 below).
const NUMERIC = /(?<![\d/.-])(0?[1-9]|[12]\d|3[01])([/.-])(0?[1-9]|1[0-2])\2((?:19|20)?\d{2})(?!\d|[/.-]\d)/g;
const ISO = /(?<![\d/.-])((?:19|20)\d{2})-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])(?!\d|[/.-]\d)/g;
// "le 12/05": day and month without a year, only after a word that introduces a date.
const SHORT =
  /(?<=\b(?:le|du|au|depuis le|jusqu'au|avant le|après le)[ \u00a0])(0?[1-9]|[12]\d|3[01])\/(0?[1-9]|1[0-2])(?![\d/])/giu;

function dayNumber(day: string): number {
  const folded = day.toLowerCase();
  return folded === '1er' || folded === 'premier' ? 1 : Number(day);
}

/** Canonical "d-m[-y]" so that "12/05/2026" and "12 mai 2026" share a placeholder. */
function dateKey(day: number, month: number, year: string | undefined): string {
  const fullYear = year === undefined ? '' : year.length === 2 ? `-20${year}` : `-${year}`;
  return `${day}-${month}${fullYear}`;
}

/** Finds precise dates (day and month at least). */
export function detectDates(text: string): Span[] {
  const spans: Span[] = [];
  const push = (start: number, length: number, key: string): void => {
    const end = start + length;
    if (spans.some((span) => span.start < end && start < span.end)) return;
    spans.push({ start, end, type: 'DATE', key });
  };
  for (const match of text.matchAll(ISO)) {
    push(match.index, match[0].length, dateKey(Number(match[3]), Number(match[2]), match[1]));
  }
  for (const match of text.matchAll(NUMERIC)) {
    push(match.index, match[0].length, dateKey(Number(match[1]), Number(match[3]), match[4]));
  }
  for (const match of text.matchAll(SHORT)) {
    push(match.index, match[0].length, dateKey(Number(match[1]), Number(match[2]), undefined));
  }
  for (const match of text.matchAll(TEXTUAL)) {
    const day = dayNumber(match[1] ?? '');
    const lastDay = match[2] === undefined ? day : dayNumber(match[2]);
    if (day < 1 || day > 31 || lastDay < 1 || lastDay > 31) continue;
    const month = MONTHS[fold(match[3] ?? '').replace('.', '')] ?? 0;
    push(match.index, match[0].length, dateKey(day, month, match[4]));
  }
  return spans.sort((a, b) => a.start - b.start);
}
