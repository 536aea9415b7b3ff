/**
 * The local transformer embedder: a feature-extraction model (BERT-like ONNX export with its
 * `tokenizer.json`) loaded from a folder on disk through transformers.js's pipeline, its token
 * vectors mean-pooled over the attention mask and L2-normalized, in batches. The only file that touches transformers.js's
 * `env`: nothing is ever fetched from the network here (`verbatim models pull` does that,
 * explicitly).
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { VerbatimError } from '../pipeline/errors.js';
import { meanPoolNormalize } from './embedding/mean-pool.js';

/** Files a model folder must hold (relative paths). */
export const EMBEDDER_REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'];

export const EmbedderOptionsSchema = z.object({
  /** A model folder (absolute or relative path), or an id looked up under `modelsDir/embedders/`. */
  model: z.string().min(1),
  /** User model folder; ids are resolved in its `embedders/` subfolder. */
  modelsDir: z.string().optional(),
  /** Texts per forward pass. @defaultValue 32 */
  batchSize: z.number().int().positive().max(1024).default(32),
  /** `fp32`: `onnx/model.onnx`; `q8`: `onnx/model_quantized.onnx`. @defaultValue 'fp32' */
  dtype: z.enum(['fp32', 'q8']).default('fp32'),
});
export type EmbedderOptions = z.input<typeof EmbedderOptionsSchema>;

/** Turns texts into unit-length vectors. */
export interface Embedder {
  /** Folder name plus a hash of the weights: two different models never share cache rows. */
  readonly modelId: string;
  readonly dimension: number;
  /** One unit-norm vector per text, in input order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /** Releases the ONNX session. */
  dispose(): Promise<void>;
}

/** Where a model lives on disk. */
export interface EmbedderFolder {
  /** The folder holding config.json, tokenizer.json, onnx/. */
  folder: string;
  /** Its name (the last path component). */
  name: string;
}

/** Subfolder of the user model folder where embedders live (`verbatim models pull` writes there). */
export const EMBEDDERS_SUBDIR = 'embedders';

const looksLikePath = (model: string) => isAbsolute(model) || model.startsWith('.') || existsSync(model);

/** Resolves `--embed MODEL` to a folder; a missing folder or file is a usage error naming it. */
export function resolveEmbedderFolder(model: string, modelsDir?: string): EmbedderFolder {
  const folder = looksLikePath(model)
    ? resolve(model)
    : modelsDir !== undefined
      ? join(modelsDir, EMBEDDERS_SUBDIR, model)
      : resolve(model);
  const missing = EMBEDDER_REQUIRED_FILES.filter((f) => !existsSync(join(folder, f)));
  if (missing.length > 0) {
    throw new VerbatimError(
      'USAGE',
      `embedding model ${model}: ${folder} lacks ${missing.join(', ')} (use \`verbatim models pull ID\` or a local folder)`,
      { file: folder },
    );
  }
  return { folder, name: basename(folder) };
}

/** `name#sha12` where sha12 starts the sha256 of the ONNX weights. */
export async function embedderModelId(folder: EmbedderFolder, onnxFile = 'onnx/model.onnx'): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(join(folder.folder, onnxFile))) hash.update(chunk as Buffer);
  return `${folder.name}#${hash.digest('hex').slice(0, 12)}`;
}

/** The hidden size read from config.json (`hidden_size`, or `dim` for DistilBERT-like configs). */
export function readEmbedderDimension(folder: EmbedderFolder): number {
  const config = JSON.parse(readFileSync(join(folder.folder, 'config.json'), 'utf8')) as Record<string, unknown>;
  const dim = config.hidden_size ?? config.dim ?? config.d_model;
  if (typeof dim !== 'number' || !Number.isInteger(dim) || dim <= 0) {
    throw new VerbatimError('INPUT_UNREADABLE', `${folder.folder}/config.json: no hidden_size`, {
      file: join(folder.folder, 'config.json'),
    });
  }
  return dim;
}

/** Minimal view of a transformers.js text pipeline: its tokenizer and model. */
interface Extractor {
  tokenizer(
    texts: string[],
    options: { padding: true; truncation: true },
  ): { input_ids: { dims: number[] }; attention_mask: { data: ArrayLike<bigint> } } & Record<string, unknown>;
  model(inputs: Record<string, unknown>): Promise<{ last_hidden_state: { data: Float32Array; dims: number[] } }>;
  dispose(): Promise<void>;
}

/**
 * Loads the model. transformers.js keeps its settings in a module-level `env`; we set
 * `allowRemoteModels = false` and point `localModelPath` at the folder's parent only for the
 * duration of the load (the pipeline resolves every file then) and put the previous values
 * back, so no other code sees a changed `env` and a wrong id can never turn into a download.
 */
export async function loadEmbedder(given: EmbedderOptions): Promise<Embedder> {
  const options = EmbedderOptionsSchema.parse(given);
  const folder = resolveEmbedderFolder(options.model, options.modelsDir);
  const onnxFile = options.dtype === 'q8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx';
  if (!existsSync(join(folder.folder, onnxFile))) {
    throw new VerbatimError('USAGE', `embedding model ${options.model}: ${onnxFile} is missing`, {
      file: folder.folder,
    });
  }
  const dimension = readEmbedderDimension(folder);
  const modelId = await embedderModelId(folder, onnxFile);
  const transformers = await import('@huggingface/transformers');
  const { env } = transformers;
  const saved = {
    allowRemoteModels: env.allowRemoteModels,
    allowLocalModels: env.allowLocalModels,
    localModelPath: env.localModelPath,
    useFSCache: env.useFSCache,
  };
  let extractor: Extractor;
  try {
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.useFSCache = false;
    env.localModelPath = `${dirname(folder.folder)}/`;
    extractor = (await transformers.pipeline('feature-extraction', folder.name, {
      dtype: options.dtype,
      local_files_only: true,
    })) as unknown as Extractor;
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new VerbatimError(
      'INPUT_UNREADABLE',
      `embedding model ${folder.folder} cannot be loaded: ${reason}`,
      { file: folder.folder, reason },
      { cause },
    );
  } finally {
    Object.assign(env, saved);
  }

  // The pipeline's own tokenizer and model, pooled here (mean-pool.ts says why).
  const embedBatch = async (texts: string[]): Promise<Float32Array[]> => {
    const inputs = extractor.tokenizer(texts, { padding: true, truncation: true });
    const { last_hidden_state: hidden } = await extractor.model(inputs);
    const [batch, seq, dim] = hidden.dims as [number, number, number];
    if (dim !== dimension) {
      throw new VerbatimError(
        'INTERNAL',
        `embedding model ${folder.name} returned ${dim} dimensions, config says ${dimension}`,
      );
    }
    return meanPoolNormalize(hidden.data, inputs.attention_mask.data, batch, seq, dim);
  };

  const embed = async (texts: readonly string[]): Promise<Float32Array[]> => {
    // Batches of similar length pad less: sort by length, embed, put back in input order.
    const order = Array.from(texts.keys()).sort((a, b) => (texts[a] as string).length - (texts[b] as string).length);
    const out = new Array<Float32Array>(texts.length);
    for (let start = 0; start < order.length; start += options.batchSize) {
      const ids = order.slice(start, start + options.batchSize);
      const vectors = await embedBatch(ids.map((i) => texts[i] as string));
      ids.forEach((i, k) => {
        out[i] = vectors[k] as Float32Array;
      });
    }
    return out;
  };

  return Object.freeze({ modelId, dimension, embed, dispose: () => extractor.dispose() });
}
