/**
 * The cue pattern language of codebooks: small enough for a quality officer to write, compiled to
 * a token matcher (never to a user-written regex, so a pattern cannot backtrack catastrophically).
 *
 * Patterns match NORMALIZED text (see `normalize-french.ts`): lower case, no accents, elisions
 * expanded (`n'ose` → `ne ose`), SMS forms expanded (`pb` → `probleme`). Write them in plain
 * French; they go through the same normalizer, so `n'ose* pas` and `ne ose* pas` are the same cue.
 *
 * | syntax            | matches                                                                |
 * |-------------------|------------------------------------------------------------------------|
 * | `attente`         | a token with the same stem (`attente`, `attentes`)                     |
 * | `represaille*`    | a token starting with `represaille` (prefix on the folded surface form) |
 * | `=mal`            | exactly the token `mal` (no stemming)                                  |
 * | `(dit\|explique)` | one of the alternatives; an alternative may hold several words         |
 * | `(tres\|)`        | an empty alternative makes the group optional                          |
 * | `~3`              | a gap of 0 to 3 tokens (at most 9) inside the same clause              |
 * | `[nom]`           | a pseudonymization placeholder of that type (`[NOM_1]`, `[NOM_2]`...)  |
 * | `<num>`           | a number (`8 heures`, `20 min`)                                        |
 * | `<end>`           | a clause boundary or the end of the text (`j'avais mal.`); not first   |
 *
 * Tokens are separated by spaces; a cue never spans a clause boundary (`.`, `,`, `;`, `!`...).
 */

/** One word of a pattern, before normalization. */
export interface CueWordNode {
  readonly kind: 'word';
  /** As written, without the `=` and `*` markers. */
  readonly text: string;
  /** `stem` (default), `prefix` (`word*`) or `exact` (`=word`). */
  readonly match: 'stem' | 'prefix' | 'exact';
}

/** `<num>` a number token; `<end>` a clause boundary or the end of the text. */
export interface CueSpecialNode {
  readonly kind: 'special';
  readonly name: 'num' | 'end';
}

/** `~N`: up to N tokens of anything but a clause boundary. */
export interface CueGapNode {
  readonly kind: 'gap';
  readonly max: number;
}

/** `(a|b c|)`: alternatives, each a sequence; an empty one makes the group optional. */
export interface CueGroupNode {
  readonly kind: 'group';
  readonly alternatives: readonly CueSequence[];
}

export type CueNode = CueWordNode | CueSpecialNode | CueGapNode | CueGroupNode;
export type CueSequence = readonly CueNode[];

/** Largest gap a pattern may ask for: more would match across unrelated words. */
export const MAX_CUE_GAP = 9;

/** Largest number of flat sequences a pattern may expand to (product of its groups). */
export const MAX_CUE_EXPANSION = 256;

/** A pattern that cannot be parsed; `message` says where, without quoting patient text. */
export class CueSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CueSyntaxError';
  }
}

// Letters (any script, for accents), digits, apostrophes, hyphens and the placeholder brackets.
const WORD_CHAR = /[\p{L}\p{M}\p{N}'’_[\]-]/u;
const HAS_LETTER = /[\p{L}\p{N}]/u;

/** Parses a cue pattern into a tree; throws CueSyntaxError with a short reason. */
export function parseCuePattern(pattern: string): CueSequence {
  let pos = 0;

  const fail = (reason: string): never => {
    throw new CueSyntaxError(`cue "${pattern}": ${reason} at column ${pos + 1}`);
  };

  const skipSpaces = (): void => {
    while (pos < pattern.length && pattern[pos] === ' ') pos++;
  };

  const parseSequence = (depth: number): CueNode[] => {
    const nodes: CueNode[] = [];
    for (;;) {
      skipSpaces();
      const ch = pattern[pos];
      if (ch === undefined || ch === ')' || ch === '|') return nodes;
      if (ch === '(') {
        pos++;
        const alternatives: CueNode[][] = [parseSequence(depth + 1)];
        while (pattern[pos] === '|') {
          pos++;
          alternatives.push(parseSequence(depth + 1));
        }
        if (pattern[pos] !== ')') fail('unclosed "("');
        pos++;
        nodes.push({ kind: 'group', alternatives });
      } else if (ch === '<') {
        const close = pattern.indexOf('>', pos);
        const name = close < 0 ? '' : pattern.slice(pos + 1, close);
        if (name !== 'num' && name !== 'end') fail('expected <num> or <end>');
        pos = close + 1;
        nodes.push({ kind: 'special', name: name as CueSpecialNode['name'] });
      } else if (ch === '~') {
        pos++;
        const start = pos;
        while (pos < pattern.length && /[0-9]/.test(pattern[pos] ?? '')) pos++;
        const max = Number(pattern.slice(start, pos));
        if (start === pos || max < 1 || max > MAX_CUE_GAP) fail(`gap must be ~1 to ~${MAX_CUE_GAP}`);
        nodes.push({ kind: 'gap', max });
      } else {
        let match: CueWordNode['match'] = 'stem';
        if (ch === '=') {
          match = 'exact';
          pos++;
        }
        const start = pos;
        while (pos < pattern.length && WORD_CHAR.test(pattern[pos] ?? '')) pos++;
        const text = pattern.slice(start, pos);
        if (text === '') fail(`unexpected "${pattern[pos] ?? 'end'}"`);
        if (!HAS_LETTER.test(text)) fail(`"${text}" is not a word`);
        if (pattern[pos] === '*') {
          if (match === 'exact') fail('"=" and "*" cannot be combined');
          match = 'prefix';
          pos++;
        }
        const next = pattern[pos];
        if (next !== undefined && next !== ' ' && next !== ')' && next !== '|') fail(`unexpected "${next}"`);
        nodes.push({ kind: 'word', text, match });
      }
    }
  };

  const sequence = parseSequence(0);
  if (pos < pattern.length) fail(pattern[pos] === ')' ? 'unmatched ")"' : '"|" outside a group');
  const flats = expandCueSequence(sequence);
  if (flats.length > MAX_CUE_EXPANSION) {
    throw new CueSyntaxError(`cue "${pattern}": expands to more than ${MAX_CUE_EXPANSION} alternatives`);
  }
  for (const flat of flats) {
    if (flat.length === 0) throw new CueSyntaxError(`cue "${pattern}": can match nothing`);
    if (flat[0]?.kind === 'gap' || flat[flat.length - 1]?.kind === 'gap') {
      throw new CueSyntaxError(`cue "${pattern}": a gap must sit between two words`);
    }
    const first = flat[0];
    const startsWithEnd =
      (first?.kind === 'special' && first.name === 'end') ||
      (first?.kind === 'choice' && first.options.some((o) => o.kind === 'special' && o.name === 'end'));
    if (startsWithEnd) {
      throw new CueSyntaxError(`cue "${pattern}": <end> cannot start a cue`);
    }
  }
  return sequence;
}

/** A group whose alternatives are all single words: matched as one token, never expanded. */
export interface CueChoiceNode {
  readonly kind: 'choice';
  readonly options: readonly (CueWordNode | CueSpecialNode)[];
}

/** A pattern with its multi-word or optional groups expanded: words, choices and gaps. */
export type FlatCueNode = CueWordNode | CueSpecialNode | CueChoiceNode | CueGapNode;

/**
 * Expands groups into the flat sequences they stand for (cartesian product), merging adjacent
 * gaps. A group of single words stays one `choice` node, so "(a|b|c) (d|e|f)" is one sequence,
 * not nine. Stops early past MAX_CUE_EXPANSION + 1 so that a hostile pattern stays cheap.
 */
export function expandCueSequence(sequence: CueSequence): FlatCueNode[][] {
  let results: FlatCueNode[][] = [[]];
  for (const node of sequence) {
    if (node.kind !== 'group') {
      for (const r of results) r.push(node);
      continue;
    }
    const single = node.alternatives.every(
      (alt) => alt.length === 1 && (alt[0]?.kind === 'word' || alt[0]?.kind === 'special'),
    );
    if (single) {
      const options = node.alternatives.map((alt) => alt[0] as CueWordNode | CueSpecialNode);
      for (const r of results) r.push({ kind: 'choice', options });
      continue;
    }
    const options = node.alternatives.flatMap((alt) => expandCueSequence(alt));
    const next: FlatCueNode[][] = [];
    for (const r of results) {
      for (const o of options) {
        next.push([...r, ...o]);
        if (next.length > MAX_CUE_EXPANSION) return next;
      }
    }
    results = next;
  }
  return results.map(mergeGaps);
}

function mergeGaps(flat: FlatCueNode[]): FlatCueNode[] {
  const out: FlatCueNode[] = [];
  for (const node of flat) {
    const last = out[out.length - 1];
    if (node.kind === 'gap' && last?.kind === 'gap') {
      out[out.length - 1] = { kind: 'gap', max: Math.min(MAX_CUE_GAP, last.max + node.max) };
    } else {
      out.push(node);
    }
  }
  return out;
}
