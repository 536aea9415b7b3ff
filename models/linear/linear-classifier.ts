/**
 * The Classifier of a trained linear head: themes from the head (with the codebook rules as
 * features when it was trained with them), valence from the head's valence classes when it has
 * them, else from the lexicon as in the lexical classifier. Evidence shows the rule cues that agree with a predicted theme.
 */
import type { Classifier } from '../../pipeline/classify/classifier.js';
import { VerbatimError } from '../../pipeline/errors.js';
import type { ClassifiedSegment, ThemeId, ThemeLabel } from '../../pipeline/record.js';
import type { Codebook } from '../codebooks/codebook.js';
import { fromHeadFile, type HeadFile } from './head-file.js';
import { createLexicalFeatureScorer } from './lexical-features.js';
import { createLinearPredictor } from './predict.js';

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** Builds the classifier; throws a usage error when the head's labels are not the codebook's themes. */
export function createLinearClassifier(head: HeadFile, codebook: Codebook): Classifier {
  const themeIds = new Set<string>(codebook.themes.map((t) => t.id));
  const missing = head.labels.filter((label) => !themeIds.has(label));
  if (missing.length > 0) {
    throw new VerbatimError(
      'USAGE',
      `model ${head.name} (${head.version}) labels ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? '…' : ''} are not themes of codebook ${codebook.version}`,
    );
  }
  const predictor = createLinearPredictor(fromHeadFile(head));
  const rules = createLexicalFeatureScorer(codebook, head.labels);
  const modelVersion = `linear-${head.name}-${head.version}`;
  const classify = (segments: Parameters<Classifier['classify']>[0], context: Parameters<Classifier['classify']>[1]) =>
    segments.map((segment): ClassifiedSegment => {
      const base = { ...segment, origin: 'model' as const, modelVersion, codebookVersion: codebook.version };
      if (segment.context) return { ...base, themes: [], valence: 'neutral', valenceScore: 0 };
      const { scores, analysis } = rules.score(segment.text, context.prompt);
      const prediction = predictor.predict(segment.text, context.prompt, scores);
      const evidence = new Map(analysis.themes.map((t) => [t.theme as string, t.evidence]));
      const themes: ThemeLabel[] = prediction.labels.map((p) => ({
        theme: p.label as ThemeId,
        score: round4(p.score),
        evidence: evidence.get(p.label) ?? [],
      }));
      // The head's own valence when it was trained with one, else the codebook's lexicon.
      const valence = prediction.valence;
      return valence
        ? { ...base, themes, valence: valence.valence, valenceScore: round4(valence.score) }
        : { ...base, themes, valence: analysis.valence, valenceScore: analysis.valenceScore };
    });
  return Object.freeze({ modelVersion, codebookVersion: codebook.version, classify });
}
