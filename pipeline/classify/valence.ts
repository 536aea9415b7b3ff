/**
 * Segment valence from a French polarity lexicon, with negation ("pas aimables" is negative, "pas
 * d'attente" positive), intensity ("très", "trop", "!!!", capitals), contrast ("gentils MAIS
 * débordés" weighs the second part) and the survey prompt as a prior: an answer to "Que
 * faudrait-il améliorer ?" leans negative, unless it says "rien à améliorer, tout était parfait".
 */
import type { PromptKind, Valence } from '../record.js';
import { type CueMatch, type CueMatcher, compileCueMatcher } from './cue-matcher.js';
import { isSpanNegated, type NegationScopes } from './negation.js';
import type { FrenchNormalizer, FrenchToken } from './normalize-french.js';
import {
  CONCESSION_MARKERS,
  CONTRAST_MARKERS,
  DIMINISHERS,
  EMPTY_ANSWERS,
  INTENSIFIERS,
  SYMBOL_POLARITY,
  VALENCE_LEXICON,
} from './valence-lexicon.js';

/** A segment's valence and its signed score in [-1, 1]. */
export interface ValenceResult {
  readonly valence: Valence;
  readonly score: number;
}

export interface ValenceScorerOptions {
  /**
   * Negative evidence added to answers to the improvement prompt: a plain "les repas" there is a
   * complaint. @defaultValue 1.3
   */
  improvementPrior?: number;
  /**
   * Positive evidence added to answers to the appreciation prompt; weaker, because complaints
   * slip into that box ("équipe adorable mais chambres vétustes"). @defaultValue 0.7
   */
  positivePrior?: number;
  /** Both sides need at least this much evidence (before contrast weighting) for `mixed`. @defaultValue 1.2 */
  mixedMin?: number;
  /** ...and the weaker side at least this share of the stronger. @defaultValue 0.5 */
  mixedRatio?: number;
}

/** Scores already-normalized tokens; one scorer per classifier, reused for every segment. */
export interface ValenceScorer {
  score(tokens: readonly FrenchToken[], negation: NegationScopes, prompt: PromptKind): ValenceResult;
}

/** A negated polar word counts for this share of its weight, with the opposite sign. */
export const NEGATION_FACTOR = 0.8;
/** The part of a sentence before "mais" counts for this share. */
export const BEFORE_CONTRAST_FACTOR = 0.6;
/** What follows "malgré" up to the clause end counts for this share. */
export const CONCESSION_FACTOR = 0.5;
const INTENSIFIER_FACTOR = 1.5;
const DIMINISHER_FACTOR = 0.5;
const CAPS_FACTOR = 1.3;
const EXCLAMATION_FACTOR = 1.25;

/** Builds a scorer; `normalizer` must be the one that produced the tokens. */
export function createValenceScorer(normalizer: FrenchNormalizer, options: ValenceScorerOptions = {}): ValenceScorer {
  const improvementPrior = options.improvementPrior ?? 1.3;
  const positivePrior = options.positivePrior ?? 0.7;
  const mixedMin = options.mixedMin ?? 1.2;
  const mixedRatio = options.mixedRatio ?? 0.5;
  const matcher: CueMatcher = compileCueMatcher(
    VALENCE_LEXICON.map(([pattern], key) => ({ key, pattern })),
    normalizer,
  );

  const score = (tokens: readonly FrenchToken[], negation: NegationScopes, prompt: PromptKind): ValenceResult => {
    let wordCount = 0;
    let capsCount = 0;
    for (const t of tokens) {
      if (t.kind !== 'word') continue;
      wordCount++;
      if (t.caps) capsCount++;
    }
    if (wordCount > 0 && wordCount <= MAX_EMPTY_ANSWER_WORDS && EMPTY_ANSWERS.has(joinWords(tokens))) {
      // "Rien" to "what should improve?" means nothing to improve; elsewhere it says nothing.
      return prompt === 'improvement' ? { valence: 'positive', score: 0.3 } : { valence: 'neutral', score: 0 };
    }
    const weights = positionWeights(tokens);
    // In a text typed all in capitals, capitals say nothing about intensity.
    const allCaps = wordCount > 0 && capsCount >= 0.6 * wordCount;
    let pos = 0;
    let neg = 0;
    let rawPos = 0;
    let rawNeg = 0;
    for (const m of resolveOverlaps(matcher.match(tokens))) {
      let w = VALENCE_LEXICON[m.key]?.[1] ?? 0;
      if (isSpanNegated(negation, m.start, m.end)) w = -w * NEGATION_FACTOR;
      w *= intensity(tokens, m, allCaps);
      if (w > 0) rawPos += w;
      else rawNeg -= w;
      w *= weights[m.start] ?? 1;
      if (w > 0) pos += w;
      else neg -= w;
    }
    for (const t of tokens) {
      if (t.kind !== 'symbol') continue;
      const s = SYMBOL_POLARITY.get(t.norm) ?? 0;
      if (s > 0) {
        pos += s;
        rawPos += s;
      } else {
        neg -= s;
        rawNeg -= s;
      }
    }
    if (rawPos >= mixedMin && rawNeg >= mixedMin && Math.min(rawPos, rawNeg) >= mixedRatio * Math.max(rawPos, rawNeg)) {
      return { valence: 'mixed', score: clampScore(pos - neg, pos + neg) };
    }
    if (prompt === 'improvement') neg += improvementPrior;
    else if (prompt === 'positive') pos += positivePrior;
    if (pos === 0 && neg === 0) return { valence: 'neutral', score: 0 };
    const s = clampScore(pos - neg, pos + neg);
    if (s === 0) return { valence: 'neutral', score: 0 };
    return { valence: s > 0 ? 'positive' : 'negative', score: s };
  };

  return Object.freeze({ score });
}

/**
 * A record's valence from its segments' valences: neutral segments do not count; only positive →
 * positive; only negative → negative; both, or any mixed segment → mixed; nothing → neutral.
 */
export function recordValence(valences: readonly Valence[]): Valence {
  let positive = false;
  let negative = false;
  for (const v of valences) {
    if (v === 'mixed') return 'mixed';
    if (v === 'positive') positive = true;
    else if (v === 'negative') negative = true;
  }
  if (positive && negative) return 'mixed';
  if (positive) return 'positive';
  if (negative) return 'negative';
  return 'neutral';
}

const MAX_EMPTY_ANSWER_WORDS = 4;

function joinWords(tokens: readonly FrenchToken[]): string {
  return tokens
    .filter((t) => t.kind === 'word')
    .map((t) => t.norm)
    .join(' ');
}

function clampScore(diff: number, total: number): number {
  const s = diff / (total + 0.5);
  return Math.max(-1, Math.min(1, Math.round(s * 1000) / 1000));
}

/** Keeps the longest (then strongest) of overlapping matches: "pas mal" over "mal". */
function resolveOverlaps(matches: CueMatch[]): CueMatch[] {
  if (matches.length < 2) return matches;
  const sorted = [...matches].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      Math.abs(VALENCE_LEXICON[b.key]?.[1] ?? 0) - Math.abs(VALENCE_LEXICON[a.key]?.[1] ?? 0),
  );
  const taken: CueMatch[] = [];
  for (const m of sorted) {
    if (taken.every((t) => m.end <= t.start || m.start >= t.end)) taken.push(m);
  }
  return taken;
}

function intensity(tokens: readonly FrenchToken[], m: CueMatch, allCaps: boolean): number {
  let f = 1;
  const before = tokens[m.start - 1];
  const before2 = tokens[m.start - 2];
  if (before?.norm === 'peu' && before2?.norm === 'un') f *= DIMINISHER_FACTOR;
  else if (before && DIMINISHERS.has(before.norm)) f *= DIMINISHER_FACTOR;
  else if (before && INTENSIFIERS.has(before.norm)) f *= INTENSIFIER_FACTOR;
  else if (before?.kind === 'word' && before2 && INTENSIFIERS.has(before2.norm) && before.norm !== 'pas') f *= 1.2;
  if (tokens[m.end]?.norm === 'du' && tokens[m.end + 1]?.norm === 'tout') f *= INTENSIFIER_FACTOR;
  if (!allCaps) {
    for (let k = m.start; k < m.end; k++) {
      if (tokens[k]?.caps) {
        f *= CAPS_FACTOR;
        break;
      }
    }
  }
  for (let k = m.end; k < tokens.length; k++) {
    const t = tokens[k] as FrenchToken;
    if (t.kind !== 'boundary') continue;
    if (t.norm === '!') f *= EXCLAMATION_FACTOR;
    if (t.norm !== ',') break;
  }
  return f;
}

/** Per-token weight from contrast ("mais": before counts less) and concession ("malgré"). */
function positionWeights(tokens: readonly FrenchToken[]): Float32Array {
  const weights = new Float32Array(tokens.length).fill(1);
  let sentenceStart = 0;
  for (let i = 0; i <= tokens.length; i++) {
    const t = tokens[i];
    const isSentenceEnd = t === undefined || (t.kind === 'boundary' && t.norm !== ',');
    if (!isSentenceEnd) continue;
    let contrast = -1;
    for (let k = sentenceStart; k < i; k++) {
      const norm = tokens[k]?.norm ?? '';
      if (CONTRAST_MARKERS.has(norm) || (norm === 'par' && tokens[k + 1]?.norm === 'contre')) contrast = k;
      if (norm === 'en' && tokens[k + 1]?.norm === 'revanche') contrast = k;
    }
    for (let k = sentenceStart; k < contrast; k++) weights[k] = BEFORE_CONTRAST_FACTOR;
    for (let k = sentenceStart; k < i; k++) {
      const norm = tokens[k]?.norm ?? '';
      const pair = `${norm} ${tokens[k + 1]?.norm ?? ''}`;
      if (!CONCESSION_MARKERS.has(norm) && !CONCESSION_MARKERS.has(pair)) continue;
      for (let j = k; j < i && tokens[j]?.kind !== 'boundary'; j++) weights[j] = (weights[j] ?? 1) * CONCESSION_FACTOR;
    }
    sentenceStart = i + 1;
  }
  return weights;
}
