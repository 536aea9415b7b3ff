/**
 * The Classifier of an embedding head: each coded segment is embedded (in a worker thread,
 * through the embedding cache), its features are the embedding plus its similarity to the
 * codebook prototypes, and the head's log-odds decide the themes. Valence and the rule evidence
 * shown next to a predicted theme come from the codebook lexicon, as in the linear classifier.
 */
import type { Classifier, ClassifyContext } from '../../pipeline/classify/classifier.js';
import { VerbatimError } from '../../pipeline/errors.js';
import type { ClassifiedSegment, Segment, ThemeId, ThemeLabel } from '../../pipeline/record.js';
import type { Codebook } from '../codebooks/codebook.js';
import { createLexicalFeatureScorer } from '../linear/index.js';
import { base64ToFloats, type EmbeddingHeadFile } from './embedding-head-file.js';
import { headFeatures } from './prototypes.js';
import type { SyncEmbedder } from './sync-embedder.js';
import { type EmbeddingHeadModel, embeddingMargins } from './train-embedding-head.js';

/** Prefix of the model version of every embedding head (`embedding-NAME-vN`). */
export const EMBEDDING_MODEL_PREFIX = 'embedding-';

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** The head's arrays decoded once. */
export function embeddingHeadModel(head: EmbeddingHeadFile): { model: EmbeddingHeadModel; prototypes: Float32Array[] } {
  const dim = head.embedder.dimension;
  const all = base64ToFloats(head.prototypes);
  const prototypes = head.labels.map((_, l) => all.slice(l * dim, (l + 1) * dim));
  const weights = base64ToFloats(head.weights);
  if (weights.length !== head.labels.length * (head.featureDimension + 1) || all.length !== head.labels.length * dim) {
    throw new VerbatimError(
      'INPUT_UNREADABLE',
      `embedding head ${head.name} ${head.version}: arrays do not match its labels`,
    );
  }
  return {
    model: {
      labels: head.labels,
      featureDimension: head.featureDimension,
      weights,
      thresholds: Float32Array.from(head.thresholds),
    },
    prototypes,
  };
}

/** Builds the classifier; a head whose labels are not the codebook's themes is a usage error. */
export function createEmbeddingClassifier(
  head: EmbeddingHeadFile,
  codebook: Codebook,
  embedder: SyncEmbedder,
): Classifier {
  const themeIds = new Set<string>(codebook.themes.map((t) => t.id));
  const missing = head.labels.filter((label) => !themeIds.has(label));
  if (missing.length > 0) {
    throw new VerbatimError(
      'USAGE',
      `model ${head.name} (${head.version}) labels ${missing.slice(0, 5).join(', ')} are not themes of codebook ${codebook.version}`,
    );
  }
  const decoded = embeddingHeadModel(head);
  const { model } = decoded;
  // Trained without prototype features: the head's input is the embedding alone.
  const prototypes = head.settings.prototypeWeight > 0 ? decoded.prototypes : [];
  const rules = createLexicalFeatureScorer(codebook, head.labels);
  const modelVersion = `${EMBEDDING_MODEL_PREFIX}${head.name}-${head.version}`;
  let checked = false;

  const classify = (segments: readonly Segment[], context: ClassifyContext): ClassifiedSegment[] => {
    const coded = segments.filter((s) => !s.context);
    const vectors = new Map<Segment, Float32Array>();
    if (coded.length > 0) {
      const answer = embedder.embedSync(coded.map((s) => s.text));
      if (!checked && answer.modelId !== head.embedder.modelId) {
        throw new VerbatimError(
          'USAGE',
          `model ${head.name} (${head.version}) was trained on embedder ${head.embedder.modelId}, but ${head.embedder.model} now holds ${answer.modelId}`,
        );
      }
      checked = true;
      coded.forEach((s, i) => {
        vectors.set(s, answer.vectors[i] as Float32Array);
      });
    }
    return segments.map((segment): ClassifiedSegment => {
      const base = { ...segment, origin: 'model' as const, modelVersion, codebookVersion: codebook.version };
      const vector = vectors.get(segment);
      if (vector === undefined) return { ...base, themes: [], valence: 'neutral', valenceScore: 0 };
      const { analysis } = rules.score(segment.text, context.prompt);
      const evidence = new Map(analysis.themes.map((t) => [t.theme as string, t.evidence]));
      const margins = embeddingMargins(model, headFeatures(vector, prototypes, head.settings.prototypeWeight));
      const themes: ThemeLabel[] = [];
      margins.forEach((m, l) => {
        const cut = model.thresholds[l] as number;
        if (m <= cut) return;
        const label = model.labels[l] as string;
        themes.push({
          theme: label as ThemeId,
          score: round4(1 / (1 + Math.exp(-(m - cut)))),
          evidence: evidence.get(label) ?? [],
        });
      });
      themes.sort((a, b) => b.score - a.score || a.theme.localeCompare(b.theme));
      return { ...base, themes, valence: analysis.valence, valenceScore: analysis.valenceScore };
    });
  };
  return Object.freeze({ modelVersion, codebookVersion: codebook.version, classify });
}
