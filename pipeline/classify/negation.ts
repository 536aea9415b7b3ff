/**
 * Where a French negation applies, so that "pas d'attente" is not read as a waiting complaint and
 * "aucune explication" not as praise for explanations.
 *
 * Constructions: `ne … pas/plus/jamais/rien/aucun/personne/guère/point/ni` (the verb between the
 * two parts is in scope too), colloquial `pas` without `ne`, `jamais`, `sans`, `aucun(e)`, `ni`,
 * `non`, and the quantity negators `peu` (not `un peu`) and `manque (de)`. A scope runs from the
 * negator to the next clause boundary, contrastive or coordinating conjunction (`mais`, `et`,
 * `car`, `que`...) or a few tokens (SCOPE_WINDOW after the last particle), whichever comes first.
 * `ne … que` is a restriction ("je n'ai attendu que 5 minutes"), not a negation.
 */
import type { FrenchToken } from './normalize-french.js';

/** Tokens after the closing particle (or after a standalone negator) that stay in scope. */
export const SCOPE_WINDOW = 5;

/** The result for one token list; arrays are indexed like the tokens. */
export interface NegationScopes {
  /** Index of the token that opened the negation covering this token (`ne`, `pas`, `sans`...), or -1. */
  readonly negatedBy: Int32Array;
  /** 1 for tokens that are themselves part of a negation (`ne`, `pas`, `aucune`...). */
  readonly isNegator: Uint8Array;
}

// Second part of `ne … X`.
const PARTICLES = new Set([
  'pas',
  'plus',
  'jamais',
  'rien',
  'aucun',
  'aucune',
  'personne',
  'guere',
  'point',
  'ni',
  'nul',
  'nulle',
]);
// Negators that work alone, with how far their scope reaches.
const STANDALONE: ReadonlyMap<string, number> = new Map([
  ['pas', SCOPE_WINDOW],
  ['jamais', SCOPE_WINDOW],
  ['sans', 4],
  ['aucun', 3],
  ['aucune', 3],
  ['rien', 3],
  ['ni', 2],
  ['non', 2],
  ['peu', 3],
  ['manque', 3],
  ['manquent', 3],
  ['manquait', 3],
]);
const TERMINATORS = new Set([
  'mais',
  'et',
  'car',
  'donc',
  'puis',
  'cependant',
  'pourtant',
  'toutefois',
  'sauf',
  'alors',
  'parce',
  'quand',
  'lorsque',
  'puisque',
  'si',
  'que',
  'qui',
  'ou',
  'sinon',
  'neanmoins',
  'tandis',
]);

/** Computes negation scopes over normalized tokens in one left-to-right pass. */
export function findNegationScopes(tokens: readonly FrenchToken[]): NegationScopes {
  const n = tokens.length;
  const negatedBy = new Int32Array(n).fill(-1);
  const isNegator = new Uint8Array(n);

  const mark = (opener: number, from: number, to: number): void => {
    for (let k = from; k < to; k++) if (negatedBy[k] === -1) negatedBy[k] = opener;
  };
  const endsScope = (t: FrenchToken | undefined): boolean =>
    t === undefined || t.kind === 'boundary' || TERMINATORS.has(t.norm);

  for (let i = 0; i < n; i++) {
    const t = tokens[i] as FrenchToken;
    if (t.kind !== 'word') continue;

    if (t.norm === 'ne' && tokens[i + 1]?.norm !== 'importe') {
      // Look for the closing particle within the clause; `que` first means a restriction.
      let particle = -1;
      let restrictive = false;
      for (let j = i + 1; j < n && j <= i + 8; j++) {
        const u = tokens[j] as FrenchToken;
        if (u.kind === 'boundary') break;
        if (PARTICLES.has(u.norm)) {
          particle = j;
          break;
        }
        // "quoi que ce soit" is an indefinite, not the "que" of a restriction.
        if (u.norm === 'que' && tokens[j - 1]?.norm !== 'quoi') {
          restrictive = true;
          break;
        }
      }
      if (restrictive) continue;
      isNegator[i] = 1;
      let last = particle >= 0 ? particle : i;
      if (particle >= 0) {
        isNegator[particle] = 1;
        // "ne … ni … ni", "ne … plus jamais rien": further particles belong to the same negation.
        while (PARTICLES.has(tokens[last + 1]?.norm ?? '')) isNegator[++last] = 1;
      }
      let end = last + 1;
      const window = particle >= 0 ? SCOPE_WINDOW : 3;
      while (end < n && end <= last + window && !endsScope(tokens[end])) end++;
      mark(i, i + 1, end);
      i = last;
      continue;
    }

    const reach = STANDALONE.get(t.norm);
    if (reach === undefined) continue;
    // "un peu" is a diminisher, not a negation; "pas mal" is handled by the valence lexicon.
    if (t.norm === 'peu' && tokens[i - 1]?.norm === 'un') continue;
    isNegator[i] = 1;
    let end = i + 1;
    while (end < n && end <= i + reach && !endsScope(tokens[end])) end++;
    mark(i, i + 1, end);
  }
  return { negatedBy, isNegator };
}

/**
 * Whether a matched span `[start, end)` is negated: a scope covers its first token and the span does
 * not contain the negation itself. Cues that spell out their negation ("n'ose pas", "personne ne
 * m'a expliqué") mean what they say and are never inverted.
 */
export function isSpanNegated(scopes: NegationScopes, start: number, end: number): boolean {
  if ((scopes.negatedBy[start] ?? -1) < 0) return false;
  for (let k = start; k < end; k++) if (scopes.isNegator[k]) return false;
  return true;
}
