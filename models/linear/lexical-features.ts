/**
 * The codebook rules as features of the linear head: the lexical classifier's score for each of
 * the head's labels (0 when its cues did not fire), so that a cue still helps a rare theme.
 */
import { createLexicalClassifier, type TextAnalysis } from '../../pipeline/classify/lexical-classifier.js';
import type { PromptKind } from '../../pipeline/record.js';
import type { Codebook } from '../codebooks/codebook.js';

export interface LexicalFeatureScorer {
  /** Scores aligned with `labels`, and the full analysis (valence, evidence) for reuse. */
  score(text: string, prompt: PromptKind): { scores: Float32Array; analysis: TextAnalysis };
}

/** Builds the scorer of `codebook`'s rules for the given label order (`undefined`: a label no theme has). */
export function createLexicalFeatureScorer(
  codebook: Codebook,
  labels: readonly (string | undefined)[],
): LexicalFeatureScorer {
  const lexical = createLexicalClassifier(codebook);
  const position = new Map<string, number>();
  labels.forEach((label, i) => {
    if (label !== undefined) position.set(label, i);
  });
  return {
    score(text, prompt) {
      const analysis = lexical.analyze(text, prompt);
      const scores = new Float32Array(labels.length);
      for (const t of analysis.themes) {
        const i = position.get(t.theme);
        if (i !== undefined) scores[i] = t.score;
      }
      return { scores, analysis };
    },
  };
}
