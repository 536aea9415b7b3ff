/**
 * The model registry: a frozen map from model name to loader, like transformers.js's
 * SUPPORTED_TASKS, plus the heads users trained (`verbatim train`) in their model folder. A
 * model is a value built from a codebook, never a global.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Classifier } from '../pipeline/classify/classifier.js';
import { createLexicalClassifier } from '../pipeline/classify/lexical-classifier.js';
import { VerbatimError } from '../pipeline/errors.js';
import type { Codebook } from './codebooks/codebook.js';
import {
  EMBEDDING_MODEL_PREFIX,
  type EmbeddingLoadOptions,
  findEmbeddingHeadFolder,
  listEmbeddingHeads,
  loadEmbeddingClassifier,
  readEmbeddingHead,
} from './embedding/index.js';
import {
  createLinearClassifier,
  findHeadFolder,
  HEAD_CODEBOOK_FILE,
  listUserModels,
  readHead,
} from './linear/index.js';
import { readPromotedDefault } from './promoted-default.js';

interface ModelEntry {
  /** One line shown by `verbatim models list`. */
  description: string;
  load(codebook: Codebook): Classifier;
}

/** Folder of the heads shipped with Verbatim. */
export const SHIPPED_MODELS_DIR = fileURLToPath(new URL('./trained/', import.meta.url));

/** Version folder of `trained/fr-default/` that the default model loads; older ones stay for comparison. */
export const DEFAULT_HEAD_VERSION = 'v3';

/**
 * The default French head when the codebook has exactly its themes; with another codebook (other
 * or more themes, another language) the head cannot code them, so that codebook's own rules do,
 * as they did before a trained default shipped. The model version in every output says which.
 */
function loadDefaultHead(codebook: Codebook): Classifier {
  const head = readHead(join(SHIPPED_MODELS_DIR, 'fr-default', DEFAULT_HEAD_VERSION));
  const themes = new Set<string>(codebook.themes.map((t) => t.id));
  const same = themes.size === head.labels.length && head.labels.every((label) => themes.has(label));
  return same ? createLinearClassifier(head, codebook) : createLexicalClassifier(codebook);
}

export const MODELS = Object.freeze({
  lexical: {
    description: 'Règles du codebook (indices pondérés, négation) et lexique de valence ; sans entraînement.',
    load: (codebook: Codebook) => createLexicalClassifier(codebook),
  },
  'fr-default': {
    description:
      'Modèle français par défaut : tête linéaire entraînée sur corpora/fr-train (implicite, SMS, sans accents, longues plaintes) et les gold e-Satis ; avec un autre codebook, ses règles.',
    load: (codebook: Codebook) => loadDefaultHead(codebook),
  },
  'fr-linear': {
    description:
      'Ancienne tête linéaire (v1, TF-IDF haché mots + caractères, règles du codebook en traits) entraînée sur corpora/esatis/gold-tune.jsonl seul.',
    load: (codebook: Codebook) =>
      createLinearClassifier(readHead(join(SHIPPED_MODELS_DIR, 'fr-default', 'v1')), codebook),
  },
} satisfies Record<string, ModelEntry>);

export type ModelName = keyof typeof MODELS;

/**
 * The model used when `--model` is not given: the French head trained on the project's corpora,
 * which beats the rules alone on text unlike theirs (implicit, SMS, unaccented; see
 * models/trained/fr-default/README.md).
 */
export const DEFAULT_MODEL: ModelName = 'fr-default';

export function isModelName(name: string): name is ModelName {
  return Object.hasOwn(MODELS, name);
}

/** Where user-trained heads are looked up; no folder means shipped models only. */
export interface ModelLookup {
  modelsDir?: string | undefined;
  /** Embedding heads: where their vectors are cached (a store URL) and batch size. */
  embedding?: Omit<EmbeddingLoadOptions, 'modelsDir'> | undefined;
}

/** Which kind of model produced a classification, as outputs report it (`"path"`). */
export type ClassifierPath = 'embedding' | 'linear' | 'lexical';

/** The path of a classifier, read from its model version (`embedding-…`, `linear-…`, `lexical-…`). */
export function classifierPath(classifier: Pick<Classifier, 'modelVersion'>): ClassifierPath {
  if (classifier.modelVersion.startsWith(EMBEDDING_MODEL_PREFIX)) return 'embedding';
  return classifier.modelVersion.startsWith('lexical-') ? 'lexical' : 'linear';
}

/** Version number of a `vN` folder path, or 0. */
const versionOf = (folder: string | null) => Number(/v(\d+)$/.exec(folder ?? '')?.[1] ?? 0);

/** The latest user head of `name`: an embedding head when its version is the newest. */
function findUserHead(modelsDir: string, name: string): { kind: 'linear' | 'embedding'; folder: string } | null {
  const linear = findHeadFolder(modelsDir, name);
  const embedding = findEmbeddingHeadFolder(modelsDir, name);
  if (embedding !== null && versionOf(embedding) > versionOf(linear)) return { kind: 'embedding', folder: embedding };
  return linear === null ? null : { kind: 'linear', folder: linear };
}

/** One row of `verbatim models list`. */
export interface ModelListing {
  name: string;
  default: boolean;
  description: string;
  /** `shipped`, or the version folder of a user model. */
  source: string;
}

/**
 * The model that `DEFAULT_MODEL` stands for: the one promoted in the user model folder
 * (`verbatim models promote`, promoted-default.ts) when there is one, else the shipped head.
 */
export function effectiveDefaultModel(lookup: ModelLookup = {}): string {
  return readPromotedDefault(lookup.modelsDir)?.model ?? DEFAULT_MODEL;
}

/** Shipped models, then the user's (a user model cannot shadow a shipped name). */
export function listModels(lookup: ModelLookup = {}): ModelListing[] {
  const chosen = effectiveDefaultModel(lookup);
  const shipped = Object.entries(MODELS).map(([name, m]) => ({
    name,
    default: name === chosen,
    description: m.description,
    source: 'shipped',
  }));
  const user = lookup.modelsDir === undefined ? [] : listUserModels(lookup.modelsDir);
  const linearNames = new Set(user.map((m) => m.name));
  const embedding = (lookup.modelsDir === undefined ? [] : listEmbeddingHeads(lookup.modelsDir))
    .filter((m) => !isModelName(m.name) && !linearNames.has(m.name))
    .map((m) => {
      let description: string;
      try {
        description = readEmbeddingHead(m.folder).description;
      } catch (error) {
        description = error instanceof VerbatimError ? `(illisible: ${error.message})` : '(illisible)';
      }
      return { name: m.name, default: false, description, source: m.folder };
    });
  return [
    ...shipped,
    ...user
      .filter((m) => !isModelName(m.name))
      .map((m) => ({ name: m.name, default: m.name === chosen, description: m.description, source: m.folder })),
    ...embedding,
  ];
}

/** The codebook a user model was trained with when it made one from its labels, else undefined. */
export function modelCodebookPath(name: string, lookup: ModelLookup = {}): string | undefined {
  if (isModelName(name) || lookup.modelsDir === undefined) return undefined;
  const folder = findUserHead(lookup.modelsDir, name)?.folder ?? null;
  const path = folder === null ? undefined : join(folder, HEAD_CODEBOOK_FILE);
  return path !== undefined && existsSync(path) ? path : undefined;
}

/** Builds the named classifier; an unknown name is a usage error that lists the valid ones. */
export function loadClassifier(requested: string, codebook: Codebook, lookup: ModelLookup = {}): Classifier {
  // `fr-default` (what --model defaults to) means the promoted model when one was promoted; the
  // model version in every output names the head actually used.
  const name = requested === DEFAULT_MODEL ? effectiveDefaultModel(lookup) : requested;
  if (isModelName(name)) return MODELS[name].load(codebook);
  const found = lookup.modelsDir === undefined ? null : findUserHead(lookup.modelsDir, name);
  if (found?.kind === 'embedding') {
    return loadEmbeddingClassifier(found.folder, codebook, { ...lookup.embedding, modelsDir: lookup.modelsDir });
  }
  const folder = found?.folder ?? null;
  if (folder === null) {
    const names = listModels(lookup).map((m) => m.name);
    throw new VerbatimError('USAGE', `unknown model "${name}"; available: ${names.join(', ')}`);
  }
  return createLinearClassifier(readHead(folder), codebook);
}
