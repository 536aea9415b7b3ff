/**
 * French text → tokens that cue patterns and the valence lexicon can match, whatever the spelling:
 * lower case, accents folded (`é` → `e`, `œ` → `oe`), elisions expanded (`n'ose` → `ne ose`),
 * frequent SMS forms expanded (`pb` → `probleme`), placeholders such as `[NOM_1]` kept whole,
 * punctuation turned into boundary tokens (negation and cues stop there), and a stem per word.
 * Every token keeps its offsets in the original text so that evidence can quote it.
 */
import snowball from 'snowball-stemmers';
import { lightStemFrench } from './light-stemmer.js';
import { ELISIONS, SMS_FORMS, SMS_LOWER_CASE_ONLY } from './sms-lexicon.js';

/** `word`, a clause/sentence `boundary`, a pseudonymization `placeholder`, or an emoji/emoticon `symbol`. */
export type FrenchTokenKind = 'word' | 'boundary' | 'placeholder' | 'symbol';

/** One normalized token. Several tokens can share offsets when one written form expands (`jsuis`). */
export interface FrenchToken {
  /** Normalized form: `ne`, `attente`, `[nom_1]`; for boundaries `.` (sentence), `!`, `?` or `,` (clause). */
  readonly norm: string;
  /** Stem of `norm` for words; `[nom]` for placeholders (type only); `norm` otherwise. */
  readonly stem: string;
  readonly kind: FrenchTokenKind;
  /** UTF-16 offsets of the written form in the input text, `end` exclusive. */
  readonly start: number;
  readonly end: number;
  /** Written in capitals (two letters or more): an intensity signal for valence. */
  readonly caps: boolean;
}

/**
 * `light` (default): our folded-French light stemmer. `snowball`: Snowball French on the folded
 * word. `none`. On gold-tune (micro-F1, `bench/lexical-eval.ts --stemmer`): with the default
 * codebook's hand-written cues, mostly prefixes, light 86.9 / snowball 84.9 / none 87.0; with
 * cues derived from labels and examples (a user codebook without cues) light 43.3 / snowball
 * 42.7 / none 39.3 — stemming is what lets plain words match their inflections.
 */
export type FrenchStemmerName = 'light' | 'snowball' | 'none';

export interface FrenchNormalizerOptions {
  /** @defaultValue 'light' */
  stemmer?: FrenchStemmerName;
}

/** A normalizer is a value: it owns its stemmer, so there is no module-level state. */
export interface FrenchNormalizer {
  readonly stemmer: FrenchStemmerName;
  normalize(text: string): FrenchToken[];
  /** Stem of one already-normalized word, as `normalize` computes it. */
  stem(norm: string): string;
}

// Alternatives, in order: emoticon, placeholder, number, word (with inner apostrophes), sentence
// punctuation, clause punctuation (a dash counts only when not inside a word), emoji.
const TOKEN_RE =
  /(?<![\p{L}\p{N}])([:;]-?[()])|(\[[A-Z]+(?:_\d+)?\])|(\p{N}+(?:[.,]\p{N}+)*)|([\p{L}\p{M}]+(?:['’ʼ`][\p{L}\p{M}]+)*['’ʼ`]?)|([.!?;…\n\r]+)|([,:()[\]]|(?<![\p{L}\p{N}])-|[–—])|(\p{Extended_Pictographic}(?:\uFE0F)?)/gu;
const APOSTROPHE_RE = /['’ʼ`]/;
const ASCII_LOWER_RE = /^[a-z0-9]*$/;
const MARKS_RE = /\p{M}+/gu;

// Titles before a (pseudonymized) name. `M.` and `Pr` are only titles when capitalized.
const TITLES = new Map(Object.entries({ dr: 'docteur', mme: 'madame', mlle: 'mademoiselle', mr: 'monsieur' }));
const CAPITALIZED_TITLES = new Map(Object.entries({ m: 'monsieur', pr: 'professeur' }));
const VOWEL_START_RE = /^[aeiouyh]/;
const DIGIT_START_RE = /^[0-9]/;

/** Lower-cases and folds accents and ligatures: `Œdème Évalué` → `oedeme evalue`. */
export function foldFrench(text: string): string {
  return foldLower(text.toLowerCase());
}

function foldLower(lower: string): string {
  if (ASCII_LOWER_RE.test(lower)) return lower;
  return lower.normalize('NFD').replace(MARKS_RE, '').replace(/œ/g, 'oe').replace(/æ/g, 'ae');
}

/** Builds a normalizer; cheap, but build it once per classifier rather than per text. */
export function createFrenchNormalizer(options: FrenchNormalizerOptions = {}): FrenchNormalizer {
  const stemmerName = options.stemmer ?? 'light';
  const stem = makeStemmer(stemmerName);
  return Object.freeze({
    stemmer: stemmerName,
    stem,
    normalize: (text: string) => tokenize(text, stem),
  });
}

/** Distinct words remembered per normalizer; survey vocabularies are far smaller. */
const STEM_CACHE_SIZE = 50_000;

function makeStemmer(name: FrenchStemmerName): (norm: string) => string {
  if (name === 'none') return (norm) => norm;
  let stemWord: (norm: string) => string = lightStemFrench;
  if (name === 'snowball') {
    const snow = snowball.newStemmer('french');
    stemWord = (norm) => snow.stem(norm);
  }
  // Stemming is most of the normalization cost and words repeat a lot, so each normalizer
  // memoizes its own stems (bounded: cleared when full, never shared between normalizers).
  const cache = new Map<string, string>();
  return (norm) => {
    let stem = cache.get(norm);
    if (stem === undefined) {
      stem = stemWord(norm);
      if (cache.size >= STEM_CACHE_SIZE) cache.clear();
      cache.set(norm, stem);
    }
    return stem;
  };
}

function tokenize(text: string, stem: (norm: string) => string): FrenchToken[] {
  const tokens: FrenchToken[] = [];
  // A standalone `c` ("c bien") is "c'est" unless a vowel follows ("c etait"): decided at the next token.
  let pendingC = -1;

  const flushPendingC = (nextNorm: string | undefined): void => {
    const c = tokens[pendingC];
    pendingC = -1;
    if (c === undefined || (nextNorm !== undefined && VOWEL_START_RE.test(nextNorm))) return;
    tokens.push({ norm: 'est', stem: stem('est'), kind: 'word', start: c.start, end: c.end, caps: c.caps });
  };

  const push = (norm: string, kind: FrenchTokenKind, start: number, end: number, caps: boolean): void => {
    if (pendingC >= 0) flushPendingC(kind === 'word' ? norm : undefined);
    let tokenStem = norm;
    if (kind === 'word' && !DIGIT_START_RE.test(norm)) tokenStem = stem(norm);
    else if (kind === 'placeholder') tokenStem = norm.replace(/_\d+\]$/, ']');
    tokens.push({ norm, stem: tokenStem, kind, start, end, caps });
  };

  const pushWord = (surface: string, start: number, end: number, nextChar: string | undefined): void => {
    const lower = surface.toLowerCase();
    const norm = foldLower(lower);
    const capitalized = surface.charCodeAt(0) !== lower.charCodeAt(0);
    const caps = capitalized && surface.length >= 2 && surface === surface.toUpperCase();
    const title = TITLES.get(norm) ?? (capitalized ? CAPITALIZED_TITLES.get(norm) : undefined);
    if (title !== undefined && (norm !== 'm' || nextChar === '.')) {
      push(title, 'word', start, end, false);
      return;
    }
    const elided = ELISIONS.get(norm);
    if (elided !== undefined) {
      push(elided, 'word', start, end, caps);
      if (norm === 'c') pendingC = tokens.length - 1;
      return;
    }
    const sms = caps && SMS_LOWER_CASE_ONLY.has(norm) ? undefined : SMS_FORMS.get(norm);
    if (sms !== undefined) {
      for (const word of sms) push(word, 'word', start, end, caps);
      return;
    }
    push(norm, 'word', start, end, caps);
  };

  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const start = m.index;
    const surface = m[0];
    const end = start + surface.length;
    if (m[1] !== undefined || m[7] !== undefined) {
      push(surface, 'symbol', start, end, false);
    } else if (m[2] !== undefined) {
      push(surface.toLowerCase(), 'placeholder', start, end, false);
    } else if (m[3] !== undefined) {
      push(surface.replace(',', '.'), 'word', start, end, false);
    } else if (m[4] !== undefined) {
      pushWordWithElisions(surface, start, text[end], pushWord);
    } else if (m[5] !== undefined) {
      // "Dr." / "M." before a name is not the end of a sentence.
      const prev = tokens[tokens.length - 1];
      const isTitleDot = surface === '.' && prev !== undefined && prev.end === start && isTitleNorm(prev.norm);
      if (!isTitleDot) {
        const norm = surface.includes('!') ? '!' : surface.includes('?') ? '?' : '.';
        push(norm, 'boundary', start, end, false);
      }
    } else {
      push(',', 'boundary', start, end, false);
    }
  }
  if (pendingC >= 0) flushPendingC(undefined);
  return tokens;
}

function isTitleNorm(norm: string): boolean {
  return (
    norm === 'docteur' || norm === 'monsieur' || norm === 'madame' || norm === 'mademoiselle' || norm === 'professeur'
  );
}

/** Splits `l'attente` / `qu'il` / `jusqu'à` at elisions; other apostrophes (`aujourd'hui`) are dropped. */
function pushWordWithElisions(
  surface: string,
  start: number,
  nextChar: string | undefined,
  pushWord: (surface: string, start: number, end: number, nextChar: string | undefined) => void,
): void {
  if (!APOSTROPHE_RE.test(surface)) {
    pushWord(surface, start, start + surface.length, nextChar);
    return;
  }
  const parts = surface.split(APOSTROPHE_RE);
  let offset = start;
  let carry = '';
  let carryStart = start;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const partStart = offset;
    offset += part.length + 1;
    if (part === '') continue;
    const isLast = i === parts.length - 1 || (i === parts.length - 2 && parts[parts.length - 1] === '');
    if (carry === '') carryStart = partStart;
    const word = carry + part;
    if (!isLast && carry === '' && ELISIONS.has(foldFrench(part))) {
      const next = foldFrench(parts[i + 1] ?? '');
      // "s'il" is "si il", not "se il".
      const elided = foldFrench(part) === 's' && (next === 'il' || next === 'ils') ? 'si' : undefined;
      if (elided !== undefined) pushWord('si', partStart, partStart + part.length + 1, undefined);
      else pushWord(part, partStart, partStart + part.length + 1, undefined);
      continue;
    }
    if (!isLast) {
      carry = word;
      continue;
    }
    pushWord(word, carryStart, partStart + part.length, nextChar);
    carry = '';
  }
}
