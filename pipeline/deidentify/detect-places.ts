/**
 * Places that locate a person: room, bed and box numbers ("chambre 214", "ch. 12", "lit 3",
 * "chambre 12 lit B", "box 4"), street addresses ("12 rue des Lilas", "3 bis avenue Jean
 * Jaurès", "rue Victor Hugo") and postcode + city ("69003 Lyon"). A city alone ("à Lyon") is
 * not a place here: it is too coarse to identify anyone. For rooms only the number is
 * replaced ("chambre [LIEU_1]"), so the reader still knows it was a room.
 */
import { fold } from './fold.js';
import type { Span } from './span.js';

// groups: 1 keyword, 2 number. "chambre 2 personnes" is excluded by UNIT_AFTER.
const ROOM =
  /(?<![\p{L}])(chambres?|chbre|ch\.|lits?|box)[ \u00a0]*(?:n[°º]|no\.?|num[ée]ro|num\.)?[ \u00a0]*(\d{1,4}[A-Za-z]?)(?![\p{L}\d])/giu;
// "lit B", "box A": a capital letter, never in ALL-CAPS text ("LE LIT A ETE CHANGE").
const BED_LETTER = /(?<![\p{L}])([Ll]it|LIT|[Bb]ox|BOX)[ \u00a0]+([A-F])(?![\p{L}\d'’])(?![ \u00a0]*\p{Lu})/gu;
const UNIT_AFTER =
  /^[ \u00a0]*(?:jours?|nuits?|personnes?|places?|lits|fois|heures?|h\b|min|minutes?|ans|semaines?|mois|euros?|€|%|patients?|étages?|m2|m²)/iu;
const STREET_TYPE =
  '(?:rue|avenue|av\\.|boulevard|bd|place|pl\\.|all[ée]e|chemin|impasse|route|quai|cours|square|voie|r[ée]sidence|lotissement|lieu-dit|rond-point|passage|chauss[ée]e|faubourg|sentier|hameau|cit[ée]|parvis|esplanade|promenade|mont[ée]e)';
// groups: 1 street type. A number (with bis/ter) is optional; the name is read by readStreetName.
const STREET = new RegExp(
  `(?<![\\p{L}\\d])(?:\\d{1,4}(?:[ \\u00a0]?(?:bis|ter|b|t))?,?[ \\u00a0]+)?(${STREET_TYPE})(?![\\p{L}])`,
  'giu',
);
// "69003 Lyon", "38400 Saint-Martin-d'Hères", "69570 Dardilly le Haut", "13005 Marseille Cedex 05".
const POSTCODE_CITY =
  /(?<![\d])(?:0[1-9]|[1-8]\d|9[0-5]|97|98|2[AB])\d{3}[ \u00a0]+\p{Lu}[\p{L}\p{M}'’-]*(?:(?:[ \u00a0-](?:sur|sous|en|lès|les|le|la|de|du|au|aux))*[ \u00a0-](?!CEDEX|Cedex)\p{Lu}[\p{L}\p{M}'’-]*)*(?:[ \u00a0]+(?:CEDEX|Cedex)(?:[ \u00a0]+\d{1,2})?)?/gu;
// groups: 1 particle, 2 capitalised word or number, 3 lower-case word.
const STREET_WORD =
  /^[ \u00a0]*(?:(d['’]|l['’]|(?:de|du|des|la|le|les|à|aux|en|sur|sous)(?![\p{L}]))|(\p{Lu}[\p{L}\p{M}'’-]*|\d+(?:e|er|ème)?(?![\p{L}\d]))|(\p{Ll}[\p{L}\p{M}-]*))/u;
const ADDRESS_GLUE = /^[ \u00a0]*,?[ \u00a0]*$/;
const MAX_STREET_WORDS = 6;
const MAX_LOWER_WORDS = 2;
const UNNUMBERED_OPENERS = /^(?:de|du|des|d['’])$/i;
const ACRONYM = /^\p{Lu}{2,6}$/u;
/** Lower-case words that end a lower-case street name: "12 rue des lilas et le courrier". */
const NOT_STREET_WORDS = new Set([
  'au',
  'aux',
  'et',
  'ou',
  'est',
  'qui',
  'que',
  'pour',
  'par',
  'mais',
  'avec',
  'sans',
  'chez',
  'dans',
  'puis',
  'donc',
]);

/**
 * Reads the name of a street after its type: capitalised words, numbers and particles, at most
 * six; trailing particles are dropped. A numbered address may be written in lower case ("12 rue
 * de la paix"), but lower-case words stop the name once a capital has been read ("27 bd
 * Gambetta mais personne"); without a number a capital is required, so "la route de
 * l'hôpital" is no address. Returns the end offset, or -1 when there is no name.
 */
function readStreetName(text: string, from: number, numbered: boolean): number {
  let end = -1;
  let cursor = from;
  let lowerWords = 0;
  let capitalised = false;
  for (let words = 0; words < MAX_STREET_WORDS; words += 1) {
    const word = STREET_WORD.exec(text.slice(cursor, cursor + 40));
    if (word === null) break;
    const lower = word[3];
    // Without a number, "place en SMR" and "route à suivre" are no addresses.
    if (!numbered && words === 0 && word[1] !== undefined && !UNNUMBERED_OPENERS.test(word[1])) break;
    if (!numbered && word[2] !== undefined && ACRONYM.test(word[2])) break;
    if (lower !== undefined) {
      if (!numbered || capitalised || lowerWords >= MAX_LOWER_WORDS || NOT_STREET_WORDS.has(lower)) break;
      lowerWords += 1;
    }
    if (word[2] !== undefined) capitalised = true;
    cursor += word[0].length;
    if (word[1] === undefined) end = cursor;
  }
  return end;
}

function roomKey(keyword: string, value: string): string {
  const kind = fold(keyword).startsWith('ch') ? 'chambre' : fold(keyword).replace(/s$/, '');
  return `${kind} ${value.toUpperCase()}`;
}

/** Finds rooms, beds, boxes, street addresses and postcodes with their city. */
export function detectPlaces(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(ROOM)) {
    const value = match[2] ?? '';
    const end = match.index + match[0].length;
    if (UNIT_AFTER.test(text.slice(end, end + 12))) continue;
    spans.push({ start: end - value.length, end, type: 'LIEU', key: roomKey(match[1] ?? '', value) });
  }
  for (const match of text.matchAll(BED_LETTER)) {
    const end = match.index + match[0].length;
    spans.push({ start: end - 1, end, type: 'LIEU', key: roomKey(match[1] ?? '', match[2] ?? '') });
  }
  const addresses: Span[] = [];
  for (const match of text.matchAll(STREET)) {
    const numbered = /^\d/.test(match[0]);
    const end = readStreetName(text, match.index + match[0].length, numbered);
    if (end < 0) continue;
    addresses.push({ start: match.index, end, type: 'LIEU' });
  }
  for (const match of text.matchAll(POSTCODE_CITY)) {
    addresses.push({ start: match.index, end: match.index + match[0].length, type: 'LIEU' });
  }
  return [...spans, ...mergeAddresses(addresses, text)].sort((a, b) => a.start - b.start);
}

/** "12 rue des Lilas, 69003 Lyon" is one address: joins parts separated by a comma or space. */
function mergeAddresses(parts: Span[], text: string): Span[] {
  parts.sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (last !== undefined && part.start <= last.end) {
      last.end = Math.max(last.end, part.end);
    } else if (last !== undefined && ADDRESS_GLUE.test(text.slice(last.end, part.start))) {
      last.end = part.end;
    } else {
      merged.push({ ...part });
    }
  }
  for (const span of merged) span.key = fold(text.slice(span.start, span.end)).replace(/\W+/g, ' ');
  return merged;
}
