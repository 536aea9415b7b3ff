/**
 * The rule-based classifier: codebook cues matched on normalized French, summed per theme into a
 * score, plus lexicon valence. Transparent by construction — every label carries the words that
 * fired — which is what a quality director or a patient co-researcher needs to trust it, and a
 * baseline the trained heads must beat.
 *
 * Negation: a cue inside a negation scope still marks its theme unless the cue or its theme says
 * `negation: drop`. "Pas d'attente" is about waiting (the valence, not the theme, says it is no
 * complaint); "je n'ai pas eu peur de le dire" is not fear of reprisal (those cues drop). Cues that
 * spell out their negation ("n'ose pas", "personne ne m'a expliqué") are never inverted.
 */
import type { Codebook } from '../../models/codebooks/codebook.js';
import type { ClassifiedSegment, PromptKind, Segment, ThemeId, ThemeLabel, Valence } from '../record.js';
import type { Classifier, ClassifyContext } from './classifier.js';
import { type CueMatch, compileCueMatcher } from './cue-matcher.js';
import { deriveCues } from './derive-cues.js';
import { findNegationScopes, isSpanNegated } from './negation.js';
import { createFrenchNormalizer, type FrenchStemmerName, type FrenchToken } from './normalize-french.js';
import { createValenceScorer, type ValenceScorerOptions } from './valence.js';

/**
 * Score a theme needs when neither the options nor the codebook set one. Tuned on gold-tune
 * (micro-F1 86.3 at 0.45, 86.9 at 0.5, 85.3 at 0.55, 80.4 at 0.6); with score = 1 − exp(−Σ
 * weights), a single cue of weight ≥ 0.7 is enough, two of 0.35 are.
 */
export const DEFAULT_THRESHOLD = 0.5;

export interface LexicalClassifierOptions {
  /** Minimal theme score in (0, 1). @defaultValue codebook `threshold`, else DEFAULT_THRESHOLD */
  threshold?: number;
  /** @defaultValue 'light' */
  stemmer?: FrenchStemmerName;
  valence?: ValenceScorerOptions;
}

/** What the classifier found in one text: themes above threshold, valence, and the signed score. */
export interface TextAnalysis {
  readonly themes: ThemeLabel[];
  readonly valence: Valence;
  readonly valenceScore: number;
}

/** The Classifier, plus `analyze` for one bare text (evaluation, debugging). */
export interface LexicalClassifier extends Classifier {
  analyze(text: string, prompt: PromptKind): TextAnalysis;
}

interface CompiledCue {
  readonly theme: number;
  readonly weight: number;
  readonly drop: boolean;
  readonly pattern: string;
}

/**
 * Compiles the codebook's cues once (themes without cues get weak cues from label and examples)
 * and returns an immutable classifier. Throws CueSyntaxError on a pattern the codebook schema let
 * through, which `loadCodebook` prevents.
 */
export function createLexicalClassifier(codebook: Codebook, options: LexicalClassifierOptions = {}): LexicalClassifier {
  const threshold = options.threshold ?? codebook.threshold ?? DEFAULT_THRESHOLD;
  // score = 1 - exp(-sum) ≥ threshold  ⇔  sum ≥ -ln(1 - threshold)
  const minSum = -Math.log(1 - threshold);
  const normalizer = createFrenchNormalizer({ stemmer: options.stemmer ?? 'light' });
  const valenceScorer = createValenceScorer(normalizer, options.valence);
  const themeIds: ThemeId[] = codebook.themes.map((t) => t.id);

  const cues: CompiledCue[] = [];
  codebook.themes.forEach((theme, themeIndex) => {
    const source = theme.cues.length > 0 ? theme.cues : deriveCues(theme);
    for (const cue of source) {
      const drop = (cue.negation ?? theme.negation) === 'drop';
      cues.push({ theme: themeIndex, weight: cue.weight, drop, pattern: cue.pattern });
    }
  });
  const matcher = compileCueMatcher(
    cues.map((c, key) => ({ key, pattern: c.pattern })),
    normalizer,
  );

  const analyze = (text: string, prompt: PromptKind): TextAnalysis => {
    const tokens = normalizer.normalize(text);
    const negation = findNegationScopes(tokens);
    const byTheme = new Map<number, { match: CueMatch; negated: boolean }[]>();
    for (const match of matcher.match(tokens)) {
      const cue = cues[match.key] as CompiledCue;
      const negated = isSpanNegated(negation, match.start, match.end);
      if (negated && cue.drop) continue;
      const list = byTheme.get(cue.theme);
      if (list) list.push({ match, negated });
      else byTheme.set(cue.theme, [{ match, negated }]);
    }
    const themes: ThemeLabel[] = [];
    for (const [themeIndex, hits] of byTheme) {
      const { sum, kept } = sumEvidence(hits, cues);
      if (sum < minSum) continue;
      // Shown in reading order.
      kept.sort((a, b) => a.match.start - b.match.start);
      const evidence = kept.map(({ match, negated }) => {
        const first = negated ? Math.min(negation.negatedBy[match.start] ?? match.start, match.start) : match.start;
        const snippet = quote(text, tokens, first, match.end);
        const cue = cues[match.key] as CompiledCue;
        return `«${snippet}» [${cue.pattern}${negated ? ', nié' : ''}]`;
      });
      const score = Math.round((1 - Math.exp(-sum)) * 10_000) / 10_000;
      themes.push({ theme: themeIds[themeIndex] as ThemeId, score, evidence });
    }
    themes.sort((a, b) => b.score - a.score || a.theme.localeCompare(b.theme));
    const valence = valenceScorer.score(tokens, negation, prompt);
    return { themes, valence: valence.valence, valenceScore: valence.score };
  };

  const classify = (segments: readonly Segment[], context: ClassifyContext): ClassifiedSegment[] =>
    segments.map((segment) => {
      const result: TextAnalysis = segment.context
        ? { themes: [], valence: 'neutral', valenceScore: 0 }
        : analyze(segment.text, context.prompt);
      return {
        ...segment,
        themes: result.themes,
        valence: result.valence,
        valenceScore: result.valenceScore,
        origin: 'rule',
        modelVersion: `lexical-${codebook.version}`,
        codebookVersion: codebook.version,
      };
    });

  return Object.freeze({
    modelVersion: `lexical-${codebook.version}`,
    codebookVersion: codebook.version,
    classify,
    analyze,
  });
}

/**
 * Sums a theme's evidence: overlapping positive cues count once (the strongest, then the longest),
 * so "peur de représailles" does not also add "représailles"; negative cues always subtract.
 */
function sumEvidence(
  hits: { match: CueMatch; negated: boolean }[],
  cues: readonly CompiledCue[],
): { sum: number; kept: { match: CueMatch; negated: boolean }[] } {
  const weight = (h: { match: CueMatch }) => (cues[h.match.key] as CompiledCue).weight;
  const sorted = [...hits].sort(
    (a, b) => weight(b) - weight(a) || b.match.end - b.match.start - (a.match.end - a.match.start),
  );
  const kept: { match: CueMatch; negated: boolean }[] = [];
  let sum = 0;
  for (const h of sorted) {
    const w = weight(h);
    if (w < 0) {
      sum += w;
      continue;
    }
    const overlaps = kept.some((k) => h.match.start < k.match.end && k.match.start < h.match.end);
    if (overlaps) continue;
    kept.push(h);
    sum += w;
  }
  return { sum, kept };
}

function quote(text: string, tokens: readonly FrenchToken[], start: number, end: number): string {
  // A cue ending in <end> consumed the punctuation: not worth quoting.
  while (end - 1 > start && tokens[end - 1]?.kind === 'boundary') end--;
  const from = tokens[start]?.start ?? 0;
  const to = tokens[end - 1]?.end ?? from;
  return text.slice(from, to);
}
