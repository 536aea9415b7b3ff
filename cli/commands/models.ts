/**
 * `verbatim models list`: the models the registry can build (shipped and user-trained) and the
 * local transformer folders `--embed` can use. `verbatim models pull ID`: fetches a transformer
 * into the user model folder, from the hub given by `--from` or `$VERBATIM_MODEL_HUB`.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { listEmbedders, pullModel } from '../../models/embedding/index.js';
import { promoteModel } from '../../models/promote-model.js';
import type { Promotion } from '../../models/promoted-default.js';
import { listModels } from '../../models/registry.js';
import { VerbatimError } from '../../pipeline/errors.js';
import { openStore } from '../../pipeline/store/open-store.js';
import { defaultModelsDir } from '../build-classifier.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { parseOptions } from './run.js';

/** Environment variable naming the model hub's base URL when `--from` is absent. */
export const MODEL_HUB_ENV = 'VERBATIM_MODEL_HUB';

const ListOptionsSchema = z.object({
  /** @defaultValue `$VERBATIM_MODELS_DIR`, else `~/.verbatim/models` */
  dir: z.string().min(1).optional(),
  json: z.boolean().default(false),
});

const PullCliSchema = z.object({
  /** Hub base URL. @defaultValue `$VERBATIM_MODEL_HUB` */
  from: z.string().min(1).optional(),
  /** @defaultValue `$VERBATIM_MODELS_DIR`, else `~/.verbatim/models` */
  dir: z.string().min(1).optional(),
  /** commander's `--no-quantized`. @defaultValue true */
  quantized: z.boolean().default(true),
  force: z.boolean().default(false),
  json: z.boolean().default(false),
});

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

const PromoteOptionsSchema = z.object({
  dir: z.string().optional(),
  by: z.string().min(1).optional(),
  db: z.string().min(1).optional(),
  json: z.boolean().default(false),
});

export function registerModels(program: Command, exit: (code: ExitCode) => void): void {
  const models = program.command('models').description('list available models; pull a local transformer');
  models
    .command('list')
    .option('--dir <dir>', 'user model folder (default: $VERBATIM_MODELS_DIR or ~/.verbatim/models)')
    .option('--json', 'machine-readable output')
    .action((raw: unknown) => {
      const options = parseOptions(ListOptionsSchema, raw);
      const modelsDir = options.dir ?? defaultModelsDir();
      // Shipped models, then those trained with `verbatim train`, then the transformer folders.
      const classifiers = listModels({ modelsDir }).map((r) => ({ ...r, kind: 'classifier' as const }));
      const embedders = listEmbedders(modelsDir).map((e) => ({
        name: e.id,
        default: false,
        description: `encodeur local (--embed ${e.id}), ${megabytes(e.bytes)}${e.quantized ? ', quantifié disponible' : ''}`,
        source: e.folder,
        kind: 'embedder' as const,
      }));
      const rows = [...classifiers, ...embedders];
      if (options.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
      else for (const r of rows) process.stdout.write(`${r.name}${r.default ? ' (défaut)' : ''}\t${r.description}\n`);
      exit(EXIT.OK);
    });
  models
    .command('promote <name>')
    .description(
      'make a model the default (what --model fr-default and `run` use); written to the model folder, audited',
    )
    .option('--dir <dir>', 'user model folder (default: $VERBATIM_MODELS_DIR or ~/.verbatim/models)')
    .option('--by <who>', 'who promotes (default: $USER)')
    .option('--db <url>', "also record the promotion in this store's audit table")
    .option('--json', 'print the promotion as JSON')
    .action(async (name: string, raw: unknown) => {
      const options = parseOptions(PromoteOptionsSchema, raw);
      const modelsDir = options.dir ?? defaultModelsDir();
      const by = options.by ?? process.env.USER ?? 'cli';
      const store = options.db === undefined ? undefined : await openStore(options.db);
      let promotion: Promotion;
      try {
        promotion = await promoteModel({ modelsDir, name, by, ...(store ? { store } : {}) });
      } finally {
        await store?.close();
      }
      if (options.json) process.stdout.write(`${JSON.stringify(promotion)}\n`);
      else
        process.stdout.write(
          `${name} est maintenant le modèle par défaut (avant : ${promotion.previous ?? 'fr-default livré'})\n`,
        );
      exit(EXIT.OK);
    });
  models
    .command('pull <id>')
    .description('download a feature-extraction model (config, tokenizer, ONNX) for `train --embed`')
    .option('--from <url>', `hub base URL, files at {url}/{id}/resolve/main/{file} (default: $${MODEL_HUB_ENV})`)
    .option('--dir <dir>', 'user model folder (default: $VERBATIM_MODELS_DIR or ~/.verbatim/models)')
    .option('--no-quantized', 'skip onnx/model_quantized.onnx')
    .option('--force', 'replace a model already pulled')
    .option('--json', 'print what was written as JSON')
    .action(async (id: string, raw: unknown) => {
      const options = parseOptions(PullCliSchema, raw);
      const baseUrl = options.from ?? process.env[MODEL_HUB_ENV];
      if (baseUrl === undefined || baseUrl === '') {
        throw new VerbatimError(
          'USAGE',
          `models pull needs the hub's base URL: pass --from URL or set ${MODEL_HUB_ENV} (nothing is downloaded otherwise)`,
        );
      }
      const parsed = z.url({ protocol: /^https?$/ }).safeParse(baseUrl);
      if (!parsed.success) throw new VerbatimError('USAGE', `--from ${baseUrl}: not an http(s) URL`);
      const result = await pullModel({
        id,
        baseUrl,
        modelsDir: options.dir ?? defaultModelsDir(),
        quantized: options.quantized,
        force: options.force,
      });
      if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else {
        for (const f of result.files) {
          process.stdout.write(
            `${f.file}\t${megabytes(f.bytes)}\tsha256 ${f.sha256}${f.verifiedSha ? ' (vérifié)' : ''}\n`,
          );
        }
        process.stdout.write(`${id} → ${result.folder}\n`);
      }
      exit(EXIT.OK);
    });
}
