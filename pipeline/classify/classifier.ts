/**
 * The seam between the pipeline and a model. A classifier is a value (built from a codebook by
 * the model registry), never a global: the lexical rules now, a trained linear head later.
 */
import type { ClassifiedSegment, PromptKind, Segment } from '../record.js';

/** What the classifier knows about the record a segment comes from. */
export interface ClassifyContext {
  /** Which survey prompt the text answers: a valence prior, not a verdict. */
  prompt: PromptKind;
  /** Language of the text; `fr` by default. */
  lang: 'fr' | 'en';
}

/** Labels segments with themes (multi-label, scored, with evidence) and a valence. */
export interface Classifier {
  /** e.g. `lexical-1.0.0`: stored with every label. */
  readonly modelVersion: string;
  /** Version of the codebook the themes come from. */
  readonly codebookVersion: string;
  /**
   * Returns one ClassifiedSegment per input segment, in order. Context segments (interviewer
   * turns) come back with no themes and a neutral valence.
   */
  classify(segments: readonly Segment[], context: ClassifyContext): ClassifiedSegment[];
}
