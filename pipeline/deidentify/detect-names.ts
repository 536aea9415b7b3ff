/**
 * Person names (patients, relatives, staff). French has no surname list worth the name, so the
 * detector reads context: a title ("Dr Martin", "Mme Le Gall"), a role ("l'infirmière Julie",
 * "ma fille Océane"), thanks ("merci à Pierre et Claire"), or a first name from the lexicon
 * followed by an optional surname ("Julie Martin"). Names that are also words (Rose, Claire,
 * France) need more context than names that are only names. The title or role stays outside
 * the span: "Dr Martin" → "Dr [NOM_1]".
 */

import {
  APPOSITION_DETERMINERS,
  COMPANY_CUES,
  CUE_PREPOSITIONS,
  DETERMINERS,
  NAME_STOPS,
  PARTICLES,
  PLACE_OPENERS,
  ROLE_ACRONYMS,
  ROLE_WORDS,
  THANKS_CUES,
  TITLES,
  VERB_CUES,
} from './name-cues.js';
import { firstNameKind, isFrenchWord } from './name-lexicon.js';
import type { Span } from './span.js';
import { tokenizeWords, type WordToken } from './tokenize-words.js';

/** Whole-text style: in ALL-CAPS or Title-Case text, capitals say nothing about names. */
interface TextStyle {
  allCaps: boolean;
  titleCase: boolean;
}

/** How strongly the context announces a name, i.e. which lexicon kinds it unlocks. */
type CueStrength = 'strong' | 'weak';

const FREE = 0;
const NAME = 1;
const BLOCKED = 2;
const MAX_NAME_WORDS = 3;
const BLANK = /^[ \t\u00a0]+$/;
const TITLE_GAP = /^\.?[ \t\u00a0]+$/;
const ELISION_GAP = /^['’]$/;
const APPOSITION_GAP = /^[ \t\u00a0]*,?[ \t\u00a0]+$/;
const LIST_GAP = /^[ \t\u00a0]*[,&/][ \t\u00a0]*$/;

function styleOf(tokens: readonly WordToken[]): TextStyle {
  let long = 0;
  let upper = 0;
  let capitalised = 0;
  for (const token of tokens) {
    if (token.text.length < 4) continue;
    long += 1;
    if (token.shape === 'upper') upper += 1;
    else if (token.shape === 'capitalised') capitalised += 1;
  }
  return { allCaps: long >= 2 && upper >= 0.6 * long, titleCase: long >= 3 && capitalised >= 0.6 * long };
}

const isCapital = (token: WordToken): boolean => token.shape !== 'lower' && token.text.length >= 2;

function isTitle(tokens: readonly WordToken[], i: number): boolean {
  const token = tokens[i];
  const next = tokens[i + 1];
  if (token === undefined || next === undefined) return false;
  if (token.text === 'M' || token.text === 'Me') return TITLE_GAP.test(next.gapBefore) && isCapital(next);
  return TITLES.has(token.folded) && TITLE_GAP.test(next.gapBefore);
}

function isRole(token: WordToken): boolean {
  return ROLE_WORDS.has(token.folded) || ROLE_ACRONYMS.has(token.text);
}

/** A word that may continue a name: "Martin" after "Julie", "Le" before "Gall". */
function continuesName(tokens: readonly WordToken[], j: number, style: TextStyle): boolean {
  const token = tokens[j];
  if (token === undefined || !isCapital(token) || NAME_STOPS.has(token.folded)) return false;
  // In ALL-CAPS text "JULIE MARTIN" continues, "JULIE GENTILLE" does not.
  if (style.allCaps && isFrenchWord(token.folded) && firstNameKind(token.folded) === 'none') return false;
  return true;
}

/**
 * Extends a name from its first word `j` over further name words and particles on the same
 * line ("Jean-Luc Garnier", "de La Tour"). Returns the index of the last word.
 */
function extendName(tokens: readonly WordToken[], j: number, style: TextStyle, claimed: Uint8Array): number {
  let last = j;
  let words = 1;
  let k = j + 1;
  while (words < MAX_NAME_WORDS && k < tokens.length && claimed[k] === FREE) {
    const token = tokens[k] as WordToken;
    if (!BLANK.test(token.gapBefore) && !(k > last + 1 && ELISION_GAP.test(token.gapBefore))) break;
    if (PARTICLES.has(token.folded) && token.shape !== 'upper' && k <= last + 2) {
      k += 1; // a particle counts only if a name word follows it
      continue;
    }
    if (!continuesName(tokens, k, style)) break;
    last = k;
    words += 1;
    k += 1;
  }
  return last;
}

/**
 * The name after a title: leading particles, then any capitalised word that is not a stop word,
 * or an unknown lower-case word ("madame dupont"). Returns [first, last] word indexes, or null.
 */
function readAfterTitle(
  tokens: readonly WordToken[],
  j: number,
  style: TextStyle,
  claimed: Uint8Array,
): [number, number] | null {
  let k = j;
  // "Mme de Villiers", "Mme Le Gall", "Me d'Ornano": up to two leading particles.
  while (k < tokens.length && k - j < 2 && PARTICLES.has((tokens[k] as WordToken).folded)) k += 1;
  const token = tokens[k];
  if (token === undefined || claimed[k] !== FREE || NAME_STOPS.has(token.folded)) return null;
  if (k > j && !isCapital(token)) return null;
  const lowerSurname = token.shape === 'lower' && token.text.length >= 3 && !isFrenchWord(token.folded);
  if (!isCapital(token) && !lowerSurname) return null;
  return [j, extendName(tokens, k, style, claimed)];
}

/** Does the context unlock this word as a first name? */
function acceptsFirstName(token: WordToken, strength: CueStrength): boolean {
  if (token.text.length < 2) return false;
  const kind = firstNameKind(token.folded);
  // Lower-case names only from the names that are never ordinary words ("merci a julie").
  if (token.shape === 'lower') return kind === 'name';
  if (kind === 'name' || kind === 'ambiguous') return true;
  return kind === 'cue-only' && strength === 'strong';
}

/** After a role: a first name, or a capitalised word that is not French ("le brancardier Dupont"). */
function acceptsAfterRole(token: WordToken): boolean {
  if (acceptsFirstName(token, 'strong')) return true;
  return isCapital(token) && !isFrenchWord(token.folded) && !NAME_STOPS.has(token.folded);
}

/** "Pierre Martin": a following capitalised word that is not a French word. */
function followedBySurname(tokens: readonly WordToken[], i: number): boolean {
  const next = tokens[i + 1];
  if (next === undefined || !BLANK.test(next.gapBefore) || !isCapital(next)) return false;
  return !isFrenchWord(next.folded) && !NAME_STOPS.has(next.folded) && firstNameKind(next.folded) !== 'cue-only';
}

/** "Olive l'infirmière", "sarah l aide soignante", "Pierre, notre kiné": a name in apposition to a role. */
function followedByRole(tokens: readonly WordToken[], i: number): boolean {
  const next = tokens[i + 1];
  if (next === undefined || !APPOSITION_GAP.test(next.gapBefore)) return false;
  const role = APPOSITION_DETERMINERS.has(next.folded) ? tokens[i + 2] : next;
  return role !== undefined && isRole(role);
}

/** "Rose a été adorable", "Pierre m'a", "Claire et Julie": a sentence-initial name acting. */
function followedByVerb(tokens: readonly WordToken[], i: number): boolean {
  const next = tokens[i + 1];
  if (next === undefined || !BLANK.test(next.gapBefore)) return false;
  if (VERB_CUES.has(next.folded)) return true;
  const after = tokens[i + 2];
  return next.folded === 'et' && after !== undefined && isCapital(after) && firstNameKind(after.folded) === 'name';
}

/** A first name with no cue before it. */
function isStandaloneName(tokens: readonly WordToken[], i: number, style: TextStyle): boolean {
  const token = tokens[i] as WordToken;
  if (token.text.length < 3) return false;
  const kind = firstNameKind(token.folded);
  if (kind === 'none') return false;
  // Lower case: only a name that is never a word, with a role after it ("sarah l aide soignante").
  if (token.shape === 'lower') return kind === 'name' && followedByRole(tokens, i);
  if (token.shape === 'upper' && !style.allCaps && token.text.length < 4) return false;
  if (style.allCaps || token.shape === 'upper') {
    // Short caps are acronyms (IDE, TOM?) unless a cue says otherwise.
    return (kind === 'name' && token.text.length >= 4) || followedBySurname(tokens, i);
  }
  if (kind === 'name') return true;
  if (kind === 'cue-only') {
    // "France Dubois" is a person, "France Assos Santé" an association.
    const third = tokens[i + 2];
    const longer = third !== undefined && BLANK.test(third.gapBefore) && isCapital(third);
    return followedBySurname(tokens, i) && !longer;
  }
  if (followedBySurname(tokens, i)) return true;
  // "la Marine nationale", "une Rose": a determiner makes the word a noun.
  const previous = tokens[i - 1];
  if (previous !== undefined && BLANK.test(token.gapBefore) && DETERMINERS.has(previous.folded)) return false;
  if (!token.sentenceStart && !style.titleCase) return true;
  return followedByVerb(tokens, i) || followedByRole(tokens, i);
}

/** Blocks the capitalised words after "hôpital", "rue"...: "hôpital Édouard Herriot" is a place. */
function blockPlaceNames(tokens: readonly WordToken[], claimed: Uint8Array): void {
  for (let i = 0; i < tokens.length - 1; i += 1) {
    if (!PLACE_OPENERS.has((tokens[i] as WordToken).folded)) continue;
    let k = i + 1;
    while (k < tokens.length && k - i <= 4) {
      const token = tokens[k] as WordToken;
      if (!BLANK.test(token.gapBefore) && !ELISION_GAP.test(token.gapBefore)) break;
      if (!isCapital(token) && !PARTICLES.has(token.folded)) break;
      claimed[k] = BLOCKED;
      k += 1;
    }
  }
}

/** The folded words of a name, the entity key: "Le Gall" → "le gall". */
function nameKey(tokens: readonly WordToken[], first: number, last: number): string {
  const words: string[] = [];
  for (let k = first; k <= last; k += 1) words.push((tokens[k] as WordToken).folded);
  return words.join(' ');
}

/** Finds person names; spans cover the name only, never the title or role. */
export function detectNames(text: string): Span[] {
  const tokens = tokenizeWords(text);
  if (tokens.length === 0) return [];
  const style = styleOf(tokens);
  const claimed = new Uint8Array(tokens.length);
  blockPlaceNames(tokens, claimed);
  const spans: Span[] = [];
  const add = (first: number, last: number): number => {
    claimed.fill(NAME, first, last + 1);
    const start = (tokens[first] as WordToken).start;
    spans.push({ start, end: (tokens[last] as WordToken).end, type: 'NOM', key: nameKey(tokens, first, last) });
    return last;
  };

  for (let i = 0; i < tokens.length; i += 1) {
    if (claimed[i] !== FREE) continue;
    const token = tokens[i] as WordToken;
    const next = tokens[i + 1];
    if (isTitle(tokens, i)) {
      const name = readAfterTitle(tokens, i + 1, style, claimed);
      if (name !== null) i = add(name[0], name[1]);
      continue;
    }
    // A title after a role is the title's business: "le cadre Mr Diallo".
    if (
      isRole(token) &&
      next !== undefined &&
      claimed[i + 1] === FREE &&
      BLANK.test(next.gapBefore) &&
      !isTitle(tokens, i + 1)
    ) {
      if (acceptsAfterRole(next)) i = add(i + 1, extendName(tokens, i + 1, style, claimed));
      continue;
    }
    if (THANKS_CUES.has(token.folded) || COMPANY_CUES.has(token.folded)) {
      const strength: CueStrength = THANKS_CUES.has(token.folded) ? 'strong' : 'weak';
      i = readNameList(tokens, i + 1, strength, style, claimed, add) - 1;
      continue;
    }
    if (isStandaloneName(tokens, i, style)) i = add(i, extendName(tokens, i, style, claimed));
  }
  propagate(tokens, claimed, spans);
  return spans;
}

/**
 * Reads "à Pierre, Claire et à Marine" after a cue. Returns the index of the first word not
 * read. A title met on the way is left to the main loop ("merci au Dr Roche").
 */
function readNameList(
  tokens: readonly WordToken[],
  from: number,
  strength: CueStrength,
  style: TextStyle,
  claimed: Uint8Array,
  add: (first: number, last: number) => number,
): number {
  let k = from;
  let afterName = false;
  while (k < tokens.length) {
    let token = tokens[k] as WordToken;
    const joined = BLANK.test(token.gapBefore) || (afterName && LIST_GAP.test(token.gapBefore));
    if (!joined || claimed[k] !== FREE) return k;
    if (afterName && token.folded === 'et') k += 1;
    if (CUE_PREPOSITIONS.has((tokens[k] as WordToken | undefined)?.folded ?? '')) k += 1;
    token = tokens[k] as WordToken;
    if (token === undefined || isTitle(tokens, k) || claimed[k] !== FREE) return k;
    if (!acceptsFirstName(token, strength)) return k;
    k = add(k, extendName(tokens, k, style, claimed)) + 1;
    afterName = true;
  }
  return k;
}

/**
 * Tags later mentions of a name already found ("Mme Dupont ... Dupont a dit"), when
 * capitalised, or lower-case and not a French word.
 */
function propagate(tokens: readonly WordToken[], claimed: Uint8Array, spans: Span[]): void {
  if (spans.length === 0) return;
  const known = new Set<string>();
  for (const span of spans) {
    for (const word of (span.key ?? '').split(' ')) {
      if (word.length >= 3 && !PARTICLES.has(word)) known.add(word);
    }
  }
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as WordToken;
    if (claimed[i] !== FREE || !known.has(token.folded)) continue;
    if (token.shape === 'lower' && isFrenchWord(token.folded)) continue;
    claimed[i] = NAME;
    spans.push({ start: token.start, end: token.end, type: 'NOM', key: token.folded });
  }
  spans.sort((a, b) => a.start - b.start);
}
