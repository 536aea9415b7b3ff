/**
 * Cuts one sentence of a comment into remarks at contrastive connectors ("équipe adorable mais
 * attente interminable" → "équipe adorable" | "mais attente interminable") and at semicolons
 * between long clauses. The connector opens the new remark, because it carries the contrast.
 *
 * Decisions, each with its reason:
 * - Connectors: mais, par contre, en revanche, cependant, toutefois, néanmoins, sauf, hormis,
 *   malgré — matched in any case and without accents ("MAIS", "neanmoins", "malgre").
 * - A cut needs at least 2 words on each side, the connector not counted, so "c'est bien mais
 *   non" and "oui mais bon" stay whole: a one-word remark cannot be coded.
 * - "mais aussi / également / encore" after "non seulement" in the same sentence is additive,
 *   not contrastive: no cut. "mais encore" is additive everywhere ("but also"): never a cut.
 * - "sauf erreur", "sauf exception", "sauf avis contraire" and "sain(e) et sauf" are fixed
 *   phrases, not exceptions to a remark: no cut.
 * - The adverbs (cependant, toutefois, néanmoins, par contre, en revanche) after an auxiliary or
 *   a subject pronoun sit inside a clause ("l'équipe a cependant été rassurante"): no cut.
 * - A semicolon cuts only with at least 3 words on each side; shorter pieces are a list
 *   ("repas ; chambre ; bruit") that belongs together.
 */
import { countWords, type TextSpan, trimSpan } from './text-span.js';

const CONNECTOR =
  /(?<![\p{L}\p{N}_'’-])(?:mais|par\s+contre|en\s+revanche|cependant|toutefois|n[ée]anmoins|sauf|hormis|malgr[ée])(?![\p{L}\p{N}_])/giu;
const ADVERB = /^(?:par|en|cependant|toutefois|n[ée]anmoins)/iu;
const ADDITIVE_AFTER_MAIS = /\s+(?:aussi|[ée]galement|encore)(?![\p{L}\p{N}])/iuy;
const ENCORE_AFTER_MAIS = /\s+encore(?![\p{L}\p{N}])/iuy;
const NON_SEULEMENT = /non\s+seulement/iu;
const FIXED_AFTER_SAUF = /\s+(?:erreur|exception|avis\s+contraire)(?![\p{L}\p{N}])/iuy;
const SAIN_ET_BEFORE = /(?:^|[^\p{L}])saine?s?\s+et\s+$/iu;
const WORD_BEFORE = /([\p{L}]+)[\s]*$/u;

/** Words after which an adverbial connector is inside the clause, not opening a new one. */
// biome-ignore format: a word list reads better packed
const CLAUSE_INTERNAL_BEFORE = new Set([
  'a', 'ai', 'as', 'avons', 'avez', 'ont', 'avait', 'avaient', 'aurait', 'auraient',
  'est', 'es', 'sommes', 'êtes', 'etes', 'sont', 'était', 'etait', 'étaient', 'etaient',
  'sera', 'seront', 'serait', 'seraient', 'été', 'ete', 'fut', 'reste', 'restent',
  'faut', 'fallait', 'doit', 'doivent', 'devrait', 'peut', 'peuvent', 'pourrait', 'semble', 'semblent',
  'je', 'il', 'elle', 'on', 'nous', 'vous', 'ils', 'elles',
]);

const MIN_CONNECTOR_WORDS = 2;
const MIN_SEMICOLON_WORDS = 3;

interface Cut {
  /** Where the left remark ends. */
  leftEnd: number;
  /** Where the right remark starts (the connector itself, or just after the semicolon). */
  rightStart: number;
  /** Where the right remark's own words start (after the connector). */
  contentStart: number;
  minWords: number;
}

/** Splits one sentence span into remark spans (trimmed, non-empty, in order). */
export function splitClauses(text: string, sentence: TextSpan): TextSpan[] {
  const candidates = findCuts(text, sentence);
  const pieces: TextSpan[] = [];
  let pieceStart = sentence.start;
  let contentStart = sentence.start;
  for (let i = 0; i < candidates.length; i++) {
    const cut = candidates[i] as Cut;
    const rightLimit = candidates[i + 1]?.leftEnd ?? sentence.end;
    if (
      countWords(text, contentStart, cut.leftEnd) >= cut.minWords &&
      countWords(text, cut.contentStart, rightLimit) >= cut.minWords
    ) {
      pushTrimmed(text, pieces, pieceStart, cut.leftEnd);
      pieceStart = cut.rightStart;
      contentStart = cut.contentStart;
    }
  }
  pushTrimmed(text, pieces, pieceStart, sentence.end);
  return pieces;
}

function pushTrimmed(text: string, out: TextSpan[], start: number, end: number): void {
  const trimmed = trimSpan(text, start, end);
  if (trimmed.end > trimmed.start) out.push(trimmed);
}

/** Every possible cut in the sentence, fixed phrases and clause-internal adverbs left out. */
function findCuts(text: string, sentence: TextSpan): Cut[] {
  const cuts: Cut[] = [];
  for (let i = text.indexOf(';', sentence.start); i !== -1 && i < sentence.end; i = text.indexOf(';', i + 1)) {
    cuts.push({ leftEnd: i, rightStart: i + 1, contentStart: i + 1, minWords: MIN_SEMICOLON_WORDS });
  }
  CONNECTOR.lastIndex = sentence.start;
  for (let match = CONNECTOR.exec(text); match !== null; match = CONNECTOR.exec(text)) {
    const end = match.index + match[0].length;
    if (end > sentence.end) break;
    if (match.index === sentence.start || isFixedPhrase(text, sentence, match.index, match[0])) continue;
    cuts.push({ leftEnd: match.index, rightStart: match.index, contentStart: end, minWords: MIN_CONNECTOR_WORDS });
  }
  return cuts.sort((a, b) => a.leftEnd - b.leftEnd);
}

function isFixedPhrase(text: string, sentence: TextSpan, index: number, connector: string): boolean {
  const after = index + connector.length;
  const lower = connector.toLowerCase();
  if (lower === 'mais') {
    if (matchesAt(ENCORE_AFTER_MAIS, text, after)) return true;
    return matchesAt(ADDITIVE_AFTER_MAIS, text, after) && NON_SEULEMENT.test(text.slice(sentence.start, index));
  }
  if (lower === 'sauf') {
    return matchesAt(FIXED_AFTER_SAUF, text, after) || SAIN_ET_BEFORE.test(text.slice(sentence.start, index));
  }
  if (ADVERB.test(lower)) {
    const before = WORD_BEFORE.exec(text.slice(sentence.start, index));
    return before?.[1] !== undefined && CLAUSE_INTERNAL_BEFORE.has(before[1].toLowerCase());
  }
  return false;
}

function matchesAt(sticky: RegExp, text: string, index: number): boolean {
  sticky.lastIndex = index;
  return sticky.test(text);
}
