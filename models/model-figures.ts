/**
 * The cross-validated figures of every model the registry lists (micro-F1, macro-F1, per-theme
 * F1, training examples and source, date), read from each head file, so that the web page
 * `/modeles` can put a retrained model next to the current default before a researcher promotes
 * it. Models without a trained head (the codebook's rules) have no figures.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { VerbatimError } from '../pipeline/errors.js';
import { EMBEDDING_HEAD_FILE, readEmbeddingHead } from './embedding/index.js';
import { HEAD_FILE, readHead } from './linear/index.js';
import { DEFAULT_HEAD_VERSION, listModels, type ModelLookup, SHIPPED_MODELS_DIR } from './registry.js';

/** Version folders of the shipped trained heads; `lexical` has none. */
const SHIPPED_HEADS: Readonly<Record<string, string>> = {
  'fr-default': join(SHIPPED_MODELS_DIR, 'fr-default', DEFAULT_HEAD_VERSION),
  'fr-linear': join(SHIPPED_MODELS_DIR, 'fr-default', 'v1'),
};

/** Cross-validated figures of one head. */
export interface HeadFigures {
  kind: 'linear' | 'embedding';
  version: string;
  createdAt: string;
  examples: number;
  /** What it was trained on (a file name, `+ validations du run …`). */
  source: string;
  folds: number;
  microF1: number;
  macroF1: number;
  /** F1 per label, by label id. */
  perLabel: Record<string, number>;
}

/** One model with its figures, or why it has none. */
export interface ModelFigures {
  name: string;
  /** Whether `fr-default` currently stands for it (promoted or shipped default). */
  isDefault: boolean;
  shipped: boolean;
  description: string;
  figures: HeadFigures | null;
  /** Why `figures` is null: no trained head (rules), or the head file could not be read. */
  missing?: 'rules' | 'unreadable';
}

function readFigures(folder: string): HeadFigures {
  const head = existsSync(join(folder, HEAD_FILE))
    ? { kind: 'linear' as const, ...readHead(folder) }
    : existsSync(join(folder, EMBEDDING_HEAD_FILE))
      ? { kind: 'embedding' as const, ...readEmbeddingHead(folder) }
      : null;
  if (head === null) throw new VerbatimError('INPUT_UNREADABLE', `${folder}: no head file`, { file: folder });
  const cv = head.crossValidation;
  return {
    kind: head.kind,
    version: head.version,
    createdAt: head.createdAt,
    examples: head.training.examples,
    source: head.training.source,
    folds: cv.folds,
    microF1: cv.micro.f1,
    macroF1: cv.macroF1,
    perLabel: Object.fromEntries(cv.perLabel.map((l) => [l.label, l.f1])),
  };
}

/** Every listed model (shipped, then the user's) with its cross-validated figures. */
export function listModelFigures(lookup: ModelLookup = {}): ModelFigures[] {
  return listModels(lookup).map((m) => {
    const shipped = m.source === 'shipped';
    const folder = shipped ? SHIPPED_HEADS[m.name] : m.source;
    const base = { name: m.name, isDefault: m.default, shipped, description: m.description };
    if (folder === undefined) return { ...base, figures: null, missing: 'rules' as const };
    try {
      return { ...base, figures: readFigures(folder) };
    } catch (error) {
      if (!(error instanceof VerbatimError)) throw error;
      return { ...base, figures: null, missing: 'unreadable' as const };
    }
  });
}
