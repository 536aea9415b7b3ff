/**
 * `verbatim train --in FILE --name NAME`: trains a linear head on labelled texts (CSV, TSV, XLSX
 * or JSONL), prints its k-fold cross-validated per-label P/R/F1, and saves it as the next version
 * of NAME in the user model folder, where `--model NAME` finds it.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import {
  type Codebook,
  DEFAULT_CODEBOOK_PATH,
  loadCodebook,
  parseCodebook,
  themeIdsForLabels,
} from '../../models/codebooks/codebook.js';
import {
  createLexicalFeatureScorer,
  type HeadFile,
  isValidModelName,
  nextVersion,
  saveHead,
  type TrainingExample,
  TrainSettingsSchema,
  toHeadFile,
  trainLinearHead,
} from '../../models/linear/index.js';
import { foldFrench } from '../../pipeline/classify/normalize-french.js';
import { VerbatimError } from '../../pipeline/errors.js';
import { defaultModelsDir } from '../build-classifier.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { parseOptions } from './run.js';
import { formatEmbeddingTraining, trainEmbeddingCommand } from './train-embed.js';
import {
  formatComparison,
  loadValidationTraining,
  mergeWithBase,
  type ValidationTraining,
} from './train-from-validations.js';
import { type LabelledTable, readLabelledFile, readUnlabelledFile } from './train-input.js';

export const TrainOptionsSchema = z
  .object({
    in: z.string().min(1),
    /** Folder name of the model: letters, digits, `.`, `_`, `-`. */
    name: z.string().refine(isValidModelName, 'letters, digits, ".", "_" and "-" only'),
    labelCol: z.string().min(1).optional(),
    /** @defaultValue `;` */
    labelSep: z.string().min(1).default(';'),
    onehotFrom: z.string().min(1).optional(),
    /** @defaultValue the last column */
    onehotTo: z.string().min(1).optional(),
    /** @defaultValue `text` */
    textCol: z.string().min(1).default('text'),
    fieldCol: z.string().min(1).optional(),
    codebook: z.string().optional(),
    codebookFromLabels: z.boolean().default(false),
    /** Column of each row's valence (positive/negative/mixed/neutral, or values of --valence-map). */
    valenceCol: z.string().min(1).optional(),
    /** `VALUE=valence,...`, e.g. `1=positive,2=positive,3=mixed,4=negative,5=negative`. */
    valenceMap: z.string().optional(),
    /** Adds the labels validated in the web app (--run, --db, --base) to the base's data. */
    fromValidations: z.boolean().default(false),
    /** Unlabelled texts the codebook rules label, added as weak examples (weak supervision). */
    weak: z.string().min(1).optional(),
    /** Loss weight of a weak example. @defaultValue TrainSettingsSchema's (0.5) */
    weakWeight: z.coerce.number().positive().max(1).optional(),
    /** @defaultValue detected from the texts */
    lang: z.enum(['fr', 'en']).optional(),
    /** @defaultValue 5 */
    folds: z.coerce.number().int().min(2).max(20).default(5),
    /** @defaultValue 1 */
    seed: z.coerce.number().int().default(1),
    /** SVM cost C. @defaultValue TrainSettingsSchema's */
    cost: z.coerce.number().positive().optional(),
    /** Weight of the codebook cue features (0: the rules are not used). @defaultValue 1 */
    rulesWeight: z.coerce.number().min(0).max(10).default(1),
    /** @defaultValue TrainSettingsSchema's */
    classWeight: z.enum(['balanced', 'sqrt', 'none']).optional(),
    /** @defaultValue `$VERBATIM_MODELS_DIR`, else `~/.verbatim/models` */
    modelsDir: z.string().optional(),
    /** Local transformer (folder, or id under `<modelsDir>/embedders/`): train an embedding head instead. */
    embed: z.string().min(1).optional(),
    /** Texts per forward pass of `--embed`. @defaultValue 32 */
    embedBatch: z.coerce.number().int().positive().max(1024).default(32),
    json: z.boolean().default(false),
  })
  .refine((o) => !(o.codebook && o.codebookFromLabels), {
    message: '--codebook and --codebook-from-labels exclude each other',
    path: ['codebook'],
  });
export type TrainOptions = z.infer<typeof TrainOptionsSchema>;

export { type LabelledTable, readLabelledFile } from './train-input.js';

const FRENCH_WORDS = new Set(['le', 'la', 'les', 'de', 'des', 'et', 'est', 'pas', 'tres', 'un', 'une', 'je', 'du']);
const ENGLISH_WORDS = new Set(['the', 'and', 'is', 'was', 'to', 'of', 'not', 'very', 'a', 'i', 'they', 'were']);

/** `fr` or `en`, whichever's common words are more frequent in the first texts. */
export function detectLanguage(texts: readonly string[]): 'fr' | 'en' {
  let fr = 0;
  let en = 0;
  for (const text of texts.slice(0, 2000)) {
    for (const word of foldFrench(text).split(/[^a-z]+/)) {
      if (FRENCH_WORDS.has(word)) fr++;
      if (ENGLISH_WORDS.has(word)) en++;
    }
  }
  return en > fr ? 'en' : 'fr';
}

/** A codebook whose themes are the training labels: ids are slugs, labels the names. */
export function codebookFromLabels(
  labels: readonly string[],
  lang: 'fr' | 'en',
): { data: unknown; ids: Map<string, string> } {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const label of labels) {
    const base =
      foldFrench(label)
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '') || 'label';
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}_${k}`;
    used.add(id);
    ids.set(label, id);
  }
  const version = `labels-${createHash('sha256').update(labels.join('\n')).digest('hex').slice(0, 12)}`;
  const themes = labels.map((label) => ({ id: ids.get(label), label }));
  return { data: { version, language: lang, name: 'labels', themes }, ids };
}

/** sha256 of the texts, prompts and labels, in order: two heads with the same one saw the same data. */
export function trainingFingerprint(examples: readonly TrainingExample[]): string {
  const hash = createHash('sha256');
  for (const e of examples) hash.update(`${e.text}\u0000${e.prompt}\u0000${[...e.labels].sort().join('\u0001')}\n`);
  return hash.digest('hex');
}

/**
 * The codebook a training file's labels are checked against, and its examples with label ids:
 * the given codebook (labels are theme ids or theme labels; any other is a usage error), or with
 * `--codebook-from-labels` one made from the labels themselves. `labelCodebook` is the codebook
 * to keep beside the head (any but the built-in one). Linear and embedding heads read labels the same way.
 */
export function trainingCodebook(
  table: LabelledTable,
  options: Pick<TrainOptions, 'in' | 'codebook' | 'codebookFromLabels'>,
  lang: 'fr' | 'en',
): { codebook: Codebook; labelCodebook: unknown; examples: LabelledTable['examples'] } {
  if (options.codebookFromLabels) {
    const { data, ids } = codebookFromLabels(table.labels, lang);
    return {
      codebook: parseCodebook(data, options.in),
      labelCodebook: data,
      examples: table.examples.map((e) => ({ ...e, labels: e.labels.map((l) => ids.get(l) ?? l) })),
    };
  }
  const codebook = loadCodebook(options.codebook ?? DEFAULT_CODEBOOK_PATH);
  // A file's labels may be the themes' ids or their labels (one-hot columns named as in the codebook).
  const ids = themeIdsForLabels(codebook, table.labels);
  const unknown = table.labels.filter((_, i) => ids[i] === undefined);
  if (unknown.length > 0) {
    throw new VerbatimError(
      'USAGE',
      `${options.in}: labels not in codebook ${codebook.version}: ${unknown.slice(0, 5).join(', ')} (use --codebook-from-labels)`,
    );
  }
  const idOf = new Map(table.labels.map((l, i) => [l, ids[i] as string]));
  const examples = table.examples.map((e) => ({ ...e, labels: e.labels.map((l) => idOf.get(l) ?? l) }));
  // A head trained against a given codebook keeps a copy: `classify --model` then needs no --codebook.
  return { codebook, labelCodebook: options.codebook ? codebook : undefined, examples };
}

/** Reads, trains, saves; returns the head and where it went. */
export async function trainCommand(raw: unknown): Promise<{
  options: TrainOptions;
  head: HeadFile;
  folder: string;
  validations?: { training: ValidationTraining; replaced: number };
}> {
  // --from-validations: the base model's data is the --in file (train-from-validations.ts).
  const validations = (raw as { fromValidations?: boolean }).fromValidations ? await loadValidationTraining(raw) : null;
  const options = parseOptions(
    TrainOptionsSchema,
    validations ? { ...(raw as object), in: validations.baseData } : raw,
  );
  let table = await readLabelledFile(options);
  let replaced = 0;
  if (validations) ({ table, replaced } = mergeWithBase(table, validations.examples));
  if (table.examples.length < options.folds) {
    throw new VerbatimError('INPUT_UNREADABLE', `${options.in}: ${table.examples.length} examples, fewer than --folds`);
  }
  const lang = options.lang ?? detectLanguage(table.examples.map((e) => e.text));
  const { codebook, labelCodebook, examples } = trainingCodebook(table, options, lang);
  const labels = codebook.themes.map((t) => t.id as string);
  // Rules help only when the codebook has hand-written cues in the head's language.
  const withRules =
    options.rulesWeight > 0 && codebook.language === lang && codebook.themes.some((t) => t.cues.length > 0);
  const settings = TrainSettingsSchema.parse({
    features: { lang, lexicalWeight: withRules ? options.rulesWeight : 0 },
    folds: options.folds,
    seed: options.seed,
    cost: options.cost,
    classWeight: options.classWeight,
    weakWeight: options.weakWeight,
  });
  const rules = withRules ? createLexicalFeatureScorer(codebook, labels) : null;
  if (options.weak !== undefined) {
    if (!rules) {
      throw new VerbatimError(
        'USAGE',
        "--weak needs the codebook rules (cues in the texts' language, --rules-weight above 0): they label the weak texts",
      );
    }
    // Texts on which the rules find at least one theme, with those themes: their silence is not a label.
    for (const { text, prompt } of await readUnlabelledFile(options.weak, options)) {
      const themes = rules.score(text, prompt).analysis.themes.map((t) => t.theme as string);
      if (themes.length > 0) examples.push({ text, prompt, labels: themes, weak: true });
    }
  }
  const trained = trainLinearHead(examples, labels, settings, rules ? (t, p) => rules.score(t, p).scores : undefined);
  const modelsDir = options.modelsDir ?? defaultModelsDir();
  const micro = trained.crossValidation.report.micro.f1;
  const head = toHeadFile(trained.model, trained.crossValidation, {
    name: options.name,
    version: nextVersion(modelsDir, options.name),
    createdAt: new Date().toISOString(),
    description: `linéaire, ${examples.length} exemples de ${basename(options.in)}, micro-F1 CV ${micro.toFixed(3)}`,
    codebookVersion: codebook.version,
    training: {
      fingerprint: trainingFingerprint(examples),
      examples: examples.length,
      source: validations
        ? `${basename(options.in)} + validations du run ${validations.runId} (${validations.stats.examples} exemples, sha256 ${validations.stats.fingerprint})`
        : basename(options.in),
    },
  });
  const folder = saveHead(modelsDir, head, labelCodebook);
  return { options, head, folder, ...(validations ? { validations: { training: validations, replaced } } : {}) };
}

const f3 = (x: number): string => x.toFixed(3);

/** The valence lines of the cross-validation table: accuracy, macro-F1, confusion. */
function formatValenceTraining(head: HeadFile): string[] {
  const cv = head.valence?.crossValidation;
  if (!head.valence || !cv) return [];
  const classes = head.valence.labels;
  const width = Math.max(...classes.map((c) => c.length), 'gold \\ predicted'.length);
  const line = (name: string, cells: readonly string[]) =>
    `${name.padEnd(width)}  ${cells.map((c) => c.padStart(10)).join('')}`;
  return [
    '',
    `valence (${cv.rows} exemples): accuracy ${f3(cv.accuracy)} · macro-F1 ${f3(cv.macroF1)}`,
    line('gold \\ predicted', classes),
    ...classes.map((g) =>
      line(
        g,
        classes.map((p) => String(cv.confusion[g]?.[p] ?? 0)),
      ),
    ),
  ];
}

/** The cross-validation table of a head. */
export function formatTraining(head: HeadFile, folder: string): string {
  const cv = head.crossValidation;
  const width = Math.max(12, ...cv.perLabel.map((s) => s.label.length));
  const row = (name: string, cells: readonly string[]) =>
    `${name.padEnd(width)}  ${cells.map((c) => c.padStart(10)).join('')}`;
  return `${[
    `${head.name} ${head.version}: ${head.training.examples} exemples, validation croisée ${cv.folds} plis (textes identiques dans le même pli)`,
    '',
    row('label', ['precision', 'recall', 'f1', 'support']),
    ...cv.perLabel.map((s) => row(s.label, [f3(s.precision), f3(s.recall), f3(s.f1), String(s.support)])),
    row('micro', [f3(cv.micro.precision), f3(cv.micro.recall), f3(cv.micro.f1), '']),
    '',
    `micro-F1 ${f3(cv.micro.f1)} · macro-F1 ${f3(cv.macroF1)}`,
    ...formatValenceTraining(head),
    `saved to ${folder}`,
  ].join('\n')}\n`;
}

export function registerTrain(program: Command, exit: (code: ExitCode) => void): void {
  program
    .command('train')
    .description('train a linear classifier head on labelled texts; prints cross-validated P/R/F1')
    .option('--in <file>', 'labelled file (.csv .tsv .xlsx, or .jsonl with "text", "themes", "field")')
    .requiredOption('--name <name>', 'model name, then used as --model NAME')
    .option('--label-col <column>', 'column holding the labels of each row')
    .option('--label-sep <sep>', 'separator of --label-col', ';')
    .option('--onehot-from <column>', 'first one-hot label column (a cell 1 means the label applies)')
    .option('--onehot-to <column>', 'last one-hot label column (default: the last column)')
    .option('--text-col <column>', 'text column of a table', 'text')
    .option('--field-col <column>', 'column naming the prompt of each row')
    .option('--codebook <file>', 'codebook the labels belong to (default: the built-in French codebook)')
    .option('--codebook-from-labels', 'make a codebook of the labels found in the file')
    .option('--valence-col <column>', "column of each row's valence (positive, negative, mixed, neutral)")
    .option('--from-validations', "labels validated in the web app, added to --base's data (--in, default fr-train)")
    .option('--run <id>', '--from-validations: run whose validations to use (default: the last validated)')
    .option('--db <url>', '--from-validations: SQLite file or postgres:// URL (default verbatim-out/verbatim.db)')
    .option('--db-schema <name>', '--from-validations: PostgreSQL schema')
    .option('--base <model>', '--from-validations: model extended and compared (default fr-default)')
    .option(
      '--weak <file>',
      'unlabelled texts (.jsonl "text", or --text-col) labelled by the codebook rules, added as weak examples',
    )
    .option('--weak-weight <w>', 'loss weight of a weak example (default 0.5)')
    .option('--valence-map <pairs>', 'valence of other values, e.g. 1=positive,3=mixed,5=negative')
    .option('--lang <lang>', 'fr or en (default: detected)')
    .option('--folds <n>', 'cross-validation folds', '5')
    .option('--seed <n>', 'random seed', '1')
    .option('--cost <c>', 'SVM cost C, inverse regularization (default 0.5)')
    .option('--class-weight <kind>', 'balanced, sqrt or none (default sqrt)')
    .option('--rules-weight <w>', 'weight of the codebook cue features, 0 to train without them (default 1)')
    .option('--models-dir <dir>', 'user model folder (default: $VERBATIM_MODELS_DIR or ~/.verbatim/models)')
    .option('--embed <model>', 'train an embedding head on a local transformer (folder or `models pull` id)')
    .option('--embed-batch <n>', 'texts per forward pass with --embed', '32')
    .option('--json', 'print the saved head summary as JSON')
    .action(async (raw: unknown) => {
      if ((raw as { embed?: unknown }).embed !== undefined) {
        const result = await trainEmbeddingCommand(raw);
        process.stdout.write(formatEmbeddingTraining(result, result.options.json));
        exit(EXIT.OK);
        return;
      }
      const { options, head, folder, validations } = await trainCommand(raw);
      if (options.json) {
        const { name, version, labels, crossValidation, training } = head;
        const fromValidations = validations && {
          runId: validations.training.runId,
          ...validations.training.stats,
          replacedBase: validations.replaced,
          base: {
            name: validations.training.base.name,
            version: validations.training.base.version,
            crossValidation: validations.training.base.crossValidation,
          },
        };
        process.stdout.write(
          `${JSON.stringify({ name, version, folder, labels, training, crossValidation, fromValidations })}\n`,
        );
      } else {
        process.stdout.write(formatTraining(head, folder));
        if (validations) process.stdout.write(formatComparison(validations.training, head, validations.replaced));
      }
      exit(EXIT.OK);
    });
}
