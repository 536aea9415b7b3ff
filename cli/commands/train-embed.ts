/**
 * `verbatim train --embed MODEL`: the embedding branch of `train`. Same input, labels, codebook
 * and folds as the linear head; the features are the local transformer's sentence embedding
 * plus the similarity to each theme's codebook prototype. Saved as the next version of NAME
 * (`embedding-head.json`), which `--model NAME` then loads with the same embedder.
 */

import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadEmbedder } from '../../models/embedder.js';
import {
  buildEmbeddingHead,
  createMemoryEmbeddingCache,
  type EmbeddingHeadFile,
  EmbeddingTrainSettingsSchema,
  nextEmbeddingHeadVersion,
  saveEmbeddingHead,
  withEmbeddingCache,
} from '../../models/embedding/index.js';
import { HEAD_CODEBOOK_FILE } from '../../models/linear/index.js';
import { VerbatimError } from '../../pipeline/errors.js';
import { defaultModelsDir } from '../build-classifier.js';
import { parseOptions } from './run.js';
import {
  detectLanguage,
  readLabelledFile,
  type TrainOptions,
  TrainOptionsSchema,
  trainingCodebook,
  trainingFingerprint,
} from './train.js';

/** What `train --embed` did. */
export interface EmbeddingTraining {
  options: TrainOptions;
  head: EmbeddingHeadFile;
  folder: string;
  /** Distinct texts sent to the model (duplicates and prototypes shared are embedded once). */
  embedded: number;
  seconds: number;
}

/** Reads the labelled file, embeds, trains, saves. */
export async function trainEmbeddingCommand(raw: unknown): Promise<EmbeddingTraining> {
  const started = performance.now();
  const options = parseOptions(TrainOptionsSchema, raw);
  if (options.embed === undefined) throw new VerbatimError('USAGE', '--embed MODEL is required for an embedding head');
  const table = await readLabelledFile(options);
  if (table.examples.length < options.folds) {
    throw new VerbatimError('INPUT_UNREADABLE', `${options.in}: ${table.examples.length} examples, fewer than --folds`);
  }
  const lang = options.lang ?? detectLanguage(table.examples.map((e) => e.text));
  const { codebook, labelCodebook, examples } = trainingCodebook(table, options, lang);
  const labels = codebook.themes.map((t) => t.id as string);
  const modelsDir = options.modelsDir ?? defaultModelsDir();
  const loaded = await loadEmbedder({ model: options.embed, modelsDir, batchSize: options.embedBatch });
  const embedder = withEmbeddingCache(loaded, createMemoryEmbeddingCache());
  try {
    const settings = EmbeddingTrainSettingsSchema.parse({
      folds: options.folds,
      seed: options.seed,
      ...(options.classWeight === undefined ? {} : { classWeight: options.classWeight }),
    });
    const version = nextEmbeddingHeadVersion(modelsDir, options.name);
    const head = await buildEmbeddingHead(examples, labels, codebook, embedder, settings, {
      name: options.name,
      version,
      createdAt: new Date().toISOString(),
      description: '',
      codebookVersion: codebook.version,
      embedderModel: options.embed,
      dtype: 'fp32',
      training: { fingerprint: trainingFingerprint(examples), examples: examples.length, source: basename(options.in) },
    });
    head.description = `embeddings ${loaded.modelId} + prototypes, ${examples.length} exemples de ${basename(options.in)}, micro-F1 CV ${head.crossValidation.micro.f1.toFixed(3)}`;
    const folder = saveEmbeddingHead(modelsDir, head);
    if (labelCodebook !== undefined) {
      writeFileSync(join(folder, HEAD_CODEBOOK_FILE), `${JSON.stringify(labelCodebook, null, 2)}\n`);
    }
    return {
      options,
      head,
      folder,
      embedded: embedder.counters.computed,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await embedder.dispose();
  }
}

const f3 = (x: number): string => x.toFixed(3);

/** The cross-validation table of an embedding head, or its JSON summary. */
export function formatEmbeddingTraining(result: EmbeddingTraining, json: boolean): string {
  const { head, folder } = result;
  const cv = head.crossValidation;
  if (json) {
    const { name, version, labels, training, embedder } = head;
    return `${JSON.stringify({ path: 'embedding', name, version, folder, labels, embedder, training, crossValidation: cv })}\n`;
  }
  const width = Math.max(12, ...cv.perLabel.map((s) => s.label.length));
  const row = (name: string, cells: readonly string[]) =>
    `${name.padEnd(width)}  ${cells.map((c) => c.padStart(10)).join('')}`;
  return `${[
    `${head.name} ${head.version} (embedding, ${head.embedder.modelId}): ${head.training.examples} exemples, validation croisée ${cv.folds} plis`,
    '',
    row('label', ['precision', 'recall', 'f1', 'support']),
    ...cv.perLabel.map((s) => row(s.label, [f3(s.precision), f3(s.recall), f3(s.f1), String(s.support)])),
    row('micro', [f3(cv.micro.precision), f3(cv.micro.recall), f3(cv.micro.f1), '']),
    '',
    `micro-F1 ${f3(cv.micro.f1)} · macro-F1 ${f3(cv.macroF1)} · ${result.embedded} textes encodés en ${result.seconds.toFixed(1)} s`,
    `saved to ${folder}`,
  ].join('\n')}\n`;
}
