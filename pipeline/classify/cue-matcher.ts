/**
 * Compiles cue patterns (see `cue-syntax.ts`) once into an index keyed by each pattern's first
 * word, then finds every pattern occurrence in a token list. Only patterns whose first word is
 * present are tried, so a segment costs about one map lookup per token, not one test per cue.
 */
import {
  type CueSpecialNode,
  CueSyntaxError,
  type CueWordNode,
  expandCueSequence,
  type FlatCueNode,
  parseCuePattern,
} from './cue-syntax.js';
import { type FrenchNormalizer, type FrenchToken, foldFrench } from './normalize-french.js';
import { SMS_LOWER_CASE_ONLY } from './sms-lexicon.js';

/** What the matcher needs from a cue: a caller-side key and the pattern text. */
export interface CueSource {
  /** Returned in matches; typically an index into the caller's cue table. */
  readonly key: number;
  readonly pattern: string;
}

/** One occurrence: tokens `start` (inclusive) to `end` (exclusive). */
export interface CueMatch {
  readonly key: number;
  readonly start: number;
  readonly end: number;
}

/** A compiled set of cues; immutable, safe to share between classifications. */
export interface CueMatcher {
  readonly size: number;
  match(tokens: readonly FrenchToken[]): CueMatch[];
}

/** One token test. */
type Atom =
  | { readonly kind: 'stem' | 'exact' | 'prefix'; readonly value: string }
  | { readonly kind: 'num' }
  | { readonly kind: 'end' };

type Step =
  | Atom
  | { readonly kind: 'alt'; readonly options: readonly Atom[] }
  | { readonly kind: 'gap'; readonly max: number };

interface Entry {
  readonly key: number;
  readonly rest: readonly Step[];
}

interface PrefixNode {
  readonly children: Map<number, PrefixNode>;
  entries?: Entry[];
}

function buildPrefixTrie(byPrefix: ReadonlyMap<string, Entry[]>): PrefixNode {
  const root: PrefixNode = { children: new Map() };
  for (const [prefix, entries] of byPrefix) {
    let node = root;
    for (let c = 0; c < prefix.length; c++) {
      const code = prefix.charCodeAt(c);
      let next = node.children.get(code);
      if (!next) {
        next = { children: new Map() };
        node.children.set(code, next);
      }
      node = next;
    }
    node.entries = entries;
  }
  return root;
}

const PLACEHOLDER_RE = /^\[([a-z]+)(_\d+)?\]$/i;

/** Compiles cues; throws CueSyntaxError naming the pattern when one is invalid. */
export function compileCueMatcher(cues: readonly CueSource[], normalizer: FrenchNormalizer): CueMatcher {
  const byStem = new Map<string, Entry[]>();
  const byExact = new Map<string, Entry[]>();
  const byPrefix = new Map<string, Entry[]>();
  const byNumber: Entry[] = [];

  const register = (first: Atom, entry: Entry, pattern: string): void => {
    if (first.kind === 'num') {
      byNumber.push(entry);
      return;
    }
    if (first.kind === 'end') throw new CueSyntaxError(`cue "${pattern}": must start with a word`);
    const index = first.kind === 'stem' ? byStem : first.kind === 'exact' ? byExact : byPrefix;
    const list = index.get(first.value);
    if (list) list.push(entry);
    else index.set(first.value, [entry]);
  };

  for (const cue of cues) {
    for (const flat of expandCueSequence(parseCuePattern(cue.pattern))) {
      for (const steps of compileSequence(flat, cue.pattern, normalizer)) {
        const [first, ...rest] = steps;
        const entry: Entry = { key: cue.key, rest };
        if (first === undefined || first.kind === 'gap')
          throw new CueSyntaxError(`cue "${cue.pattern}": must start with a word`);
        if (first.kind === 'alt') for (const option of first.options) register(option, entry, cue.pattern);
        else register(first, entry, cue.pattern);
      }
    }
  }
  const prefixTrie = buildPrefixTrie(byPrefix);

  /** Every entry whose first atom accepts this token: stem, exact form, prefixes, number. */
  const lookup = (t: FrenchToken): readonly Entry[] => {
    const found: Entry[] = [];
    if (byNumber.length > 0 && isNumber(t)) found.push(...byNumber);
    found.push(...(byStem.get(t.stem) ?? []), ...(byExact.get(t.norm) ?? []));
    let node: PrefixNode | undefined = prefixTrie;
    for (let c = 0; c < t.norm.length && node !== undefined; c++) {
      node = node.children.get(t.norm.charCodeAt(c));
      if (node?.entries) found.push(...node.entries);
    }
    return found;
  };
  // Words repeat across segments, so the candidates of each distinct token are memoized in this
  // matcher (bounded; a token's stem and kind follow from its normalized form and kind).
  const candidates = new Map<string, readonly Entry[]>();
  const candidatesFor = (t: FrenchToken): readonly Entry[] => {
    const id = t.kind === 'placeholder' ? `[${t.stem}` : t.norm;
    let found = candidates.get(id);
    if (found === undefined) {
      found = lookup(t);
      if (candidates.size >= CANDIDATE_CACHE_SIZE) candidates.clear();
      candidates.set(id, found);
    }
    return found;
  };

  const match = (tokens: readonly FrenchToken[]): CueMatch[] => {
    const out: CueMatch[] = [];
    let seen: Set<number> | undefined;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as FrenchToken;
      if (t.kind === 'boundary') continue;
      for (const entry of candidatesFor(t)) {
        const end = matchSteps(tokens, entry.rest, 0, i + 1);
        if (end < 0) continue;
        // One occurrence per cue and start token, whichever expansion matched.
        const id = entry.key * 65_536 + i;
        seen ??= new Set();
        if (seen.has(id)) continue;
        seen.add(id);
        out.push({ key: entry.key, start: i, end });
      }
    }
    return out;
  };

  return Object.freeze({ size: cues.length, match });
}

/** Distinct tokens whose candidate cues a matcher remembers. */
const CANDIDATE_CACHE_SIZE = 50_000;

/** Compiles one flat sequence; a choice whose options are several tokens long is expanded here. */
function compileSequence(flat: readonly FlatCueNode[], pattern: string, normalizer: FrenchNormalizer): Step[][] {
  let sequences: Step[][] = [[]];
  const atom = (node: CueWordNode | CueSpecialNode): Atom[] =>
    node.kind === 'special'
      ? [node.name === 'num' ? { kind: 'num' } : { kind: 'end' }]
      : compileWord(node, pattern, normalizer);
  for (const node of flat) {
    if (node.kind === 'gap') {
      for (const seq of sequences) seq.push(node);
    } else if (node.kind === 'choice') {
      const options = node.options.map(atom);
      if (options.every((o) => o.length === 1)) {
        const step: Step = { kind: 'alt', options: options.map((o) => o[0] as Atom) };
        for (const seq of sequences) seq.push(step);
      } else {
        sequences = sequences.flatMap((seq) => options.map((o) => [...seq, ...o]));
      }
    } else {
      const atoms = atom(node);
      for (const seq of sequences) seq.push(...atoms);
    }
  }
  return sequences;
}

function compileWord(node: CueWordNode, pattern: string, normalizer: FrenchNormalizer): Atom[] {
  const placeholder = PLACEHOLDER_RE.exec(node.text);
  if (placeholder) {
    const type = (placeholder[1] ?? '').toLowerCase();
    return placeholder[2] === undefined
      ? [{ kind: 'stem', value: `[${type}]` }]
      : [{ kind: 'exact', value: node.text.toLowerCase() }];
  }
  if (node.match === 'prefix') {
    // The prefix itself is only folded: `m*` must stay "m", not become the elision "me".
    const cut = Math.max(node.text.search(/['’-][^'’-]*$/), -1);
    const head =
      cut >= 0 ? compileWord({ ...node, text: node.text.slice(0, cut), match: 'stem' }, pattern, normalizer) : [];
    const prefix = foldFrench(node.text.slice(cut + 1));
    if (!/^[a-z0-9]+$/.test(prefix)) throw new CueSyntaxError(`cue "${pattern}": "${node.text}*" is not a word prefix`);
    return [...head, { kind: 'prefix', value: prefix }];
  }
  // Acronyms that are SMS forms only in lower case ("AVC") keep their letters in a cue.
  const folded = foldFrench(node.text);
  if (SMS_LOWER_CASE_ONLY.has(folded)) {
    return [
      node.match === 'exact' ? { kind: 'exact', value: folded } : { kind: 'stem', value: normalizer.stem(folded) },
    ];
  }
  const tokens = normalizer.normalize(node.text);
  if (tokens.length === 0 || tokens.some((t) => t.kind !== 'word')) {
    throw new CueSyntaxError(`cue "${pattern}": "${node.text}" is not a word`);
  }
  return tokens.map(
    (t): Atom => (node.match === 'exact' ? { kind: 'exact', value: t.norm } : { kind: 'stem', value: t.stem }),
  );
}

/** Matches `steps[k..]` at token `pos`; returns the end index or -1. Gaps try shortest first. */
function matchSteps(tokens: readonly FrenchToken[], steps: readonly Step[], k: number, pos: number): number {
  if (k === steps.length) return pos;
  const step = steps[k] as Step;
  if (step.kind === 'gap') {
    for (let g = 0; g <= step.max; g++) {
      const skipped = tokens[pos + g - 1];
      if (g > 0 && (skipped === undefined || skipped.kind === 'boundary')) return -1;
      const end = matchSteps(tokens, steps, k + 1, pos + g);
      if (end >= 0) return end;
    }
    return -1;
  }
  if (step.kind === 'alt') {
    for (const option of step.options) {
      const next = matchAtom(tokens, option, pos);
      if (next >= 0) {
        const end = matchSteps(tokens, steps, k + 1, next);
        if (end >= 0) return end;
      }
    }
    return -1;
  }
  const next = matchAtom(tokens, step, pos);
  return next >= 0 ? matchSteps(tokens, steps, k + 1, next) : -1;
}

/** Position after the token(s) `atom` consumes at `pos`, or -1. `<end>` at the very end consumes nothing. */
function matchAtom(tokens: readonly FrenchToken[], atom: Atom, pos: number): number {
  const t = tokens[pos];
  if (atom.kind === 'end') {
    if (t === undefined) return pos;
    return t.kind === 'boundary' ? pos + 1 : -1;
  }
  if (t === undefined || t.kind === 'boundary') return -1;
  let ok: boolean;
  if (atom.kind === 'num') ok = isNumber(t);
  else if (atom.kind === 'stem') ok = t.stem === atom.value;
  else if (atom.kind === 'exact') ok = t.norm === atom.value;
  else ok = t.norm.startsWith(atom.value);
  return ok ? pos + 1 : -1;
}

function isNumber(t: FrenchToken): boolean {
  const c = t.norm.charCodeAt(0);
  return t.kind === 'word' && c >= 48 && c <= 57;
}
