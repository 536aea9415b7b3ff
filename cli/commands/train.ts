/**
 * `verbatim train --in FILE --name NAME`: trains a linear head on labelled texts (CSV, TSV, XLSX
 * or JSONL), prints its k-fold cross-validated per-label P/R/F1, and saves it as the next version
 * of NAME in the user model folder, where `--model NAME` finds it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { type Codebook, DEFAULT_CODEBOOK_PATH, loadCodebook, parseCodebook } from '../../models/codebooks/codebook.js';
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
import { textFieldFor } from '../../pipeline/ingest/ingest.js';
import { defaultModelsDir } from '../build-classifier.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { parseOptions } from './run.js';
import { formatEmbeddingTraining, trainEmbeddingCommand } from './train-embed.js';

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
    /** @defaultValue detected from the texts */
    lang: z.enum(['fr', 'en']).optional(),
    /** @defaultValue 5 */
    folds: z.coerce.number().int().min(2).max(20).default(5),
    /** @defaultValue 1 */
    seed: z.coerce.number().int().default(1),
    /** SVM cost C. @defaultValue TrainSettingsSchema's */
    cost: z.coerce.number().positive().optional(),
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

/** Labelled texts read from a file, with labels as written there. */
export interface LabelledTable {
  examples: TrainingExample[];
  /** Label names in first-seen order (one-hot: column order). */
  labels: string[];
}

const JsonlLineSchema = z.object({
  text: z.string(),
  themes: z.array(z.string().min(1)),
  field: z.string().nullish(),
});

const promptOf = (wording: string | null | undefined) => (wording ? textFieldFor(wording, 'text').prompt : 'neutral');

function readJsonl(file: string, content: string): LabelledTable {
  const examples: TrainingExample[] = [];
  content.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    let parsed: ReturnType<typeof JsonlLineSchema.safeParse>;
    try {
      parsed = JsonlLineSchema.safeParse(JSON.parse(raw));
    } catch {
      // JSON.parse's message quotes the line, which is patient text.
      throw new VerbatimError('INPUT_UNREADABLE', `${file}: line ${i + 1}: not valid JSON`, { file, line: i + 1 });
    }
    if (!parsed.success) {
      const reason = 'needs "text" and a "themes" array';
      throw new VerbatimError('INPUT_UNREADABLE', `${file}: line ${i + 1}: ${reason}`, { file, line: i + 1, reason });
    }
    examples.push({ text: parsed.data.text, prompt: promptOf(parsed.data.field), labels: parsed.data.themes });
  });
  return { examples, labels: [...new Set(examples.flatMap((e) => e.labels))] };
}

async function readTable(file: string, content: Buffer): Promise<string[][]> {
  if (/\.xlsx$/i.test(file)) {
    const workbook = new ExcelJS.Workbook();
    // exceljs's own Buffer type differs from Node 20's; the bytes are the same.
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const rows: string[][] = [];
    sheet?.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) cells.push(row.getCell(c).text ?? '');
      rows.push(cells);
    });
    return rows;
  }
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = /\.tsv$/i.test(file)
    ? '\t'
    : [',', ';', '\t'].reduce((a, b) => (firstLine.split(b).length > firstLine.split(a).length ? b : a));
  return parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][];
}

/** Reads labelled texts from JSONL (`text`, `themes`, `field`) or a table with label columns. */
export async function readLabelledFile(options: TrainOptions): Promise<LabelledTable> {
  const file = options.in;
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch (error) {
    const code = (error as { code?: string }).code === 'ENOENT' ? 'INPUT_MISSING' : 'INPUT_UNREADABLE';
    throw new VerbatimError(code, `${file}: cannot be read`, { file }, { cause: error });
  }
  if (/\.jsonl$/i.test(file)) return readJsonl(file, content.toString('utf8').replace(/^\uFEFF/, ''));
  if (!/\.(csv|tsv|xlsx)$/i.test(file)) {
    throw new VerbatimError('INPUT_UNSUPPORTED', `${file}: unsupported format for train (.csv .tsv .xlsx .jsonl)`, {
      file,
    });
  }
  const [header = [], ...rows] = await readTable(file, content);
  const column = (name: string, option: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new VerbatimError('USAGE', `${option} ${name}: no such column in ${file}`, { file });
    return index;
  };
  const textIndex = column(options.textCol, '--text-col');
  const fieldIndex = options.fieldCol === undefined ? -1 : column(options.fieldCol, '--field-col');
  let labels: string[];
  let labelsOf: (row: string[]) => string[];
  if (options.onehotFrom !== undefined) {
    const from = column(options.onehotFrom, '--onehot-from');
    const to = options.onehotTo === undefined ? header.length - 1 : column(options.onehotTo, '--onehot-to');
    labels = header.slice(from, to + 1);
    labelsOf = (row) => labels.filter((_, k) => (row[from + k] ?? '').trim() === '1');
  } else if (options.labelCol !== undefined) {
    const index = column(options.labelCol, '--label-col');
    labelsOf = (row) =>
      (row[index] ?? '')
        .split(options.labelSep)
        .map((l) => l.trim())
        .filter((l) => l !== '');
    labels = [...new Set(rows.flatMap(labelsOf))];
  } else {
    throw new VerbatimError('USAGE', 'tabular input needs --label-col or --onehot-from');
  }
  const examples = rows.map((row) => ({
    text: row[textIndex] ?? '',
    prompt: promptOf(fieldIndex >= 0 ? row[fieldIndex] : null),
    labels: labelsOf(row),
  }));
  return { examples, labels };
}

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

/** Reads, trains, saves; returns the head and where it went. */
export async function trainCommand(raw: unknown): Promise<{ options: TrainOptions; head: HeadFile; folder: string }> {
  const options = parseOptions(TrainOptionsSchema, raw);
  const table = await readLabelledFile(options);
  if (table.examples.length < options.folds) {
    throw new VerbatimError('INPUT_UNREADABLE', `${options.in}: ${table.examples.length} examples, fewer than --folds`);
  }
  const lang = options.lang ?? detectLanguage(table.examples.map((e) => e.text));
  let codebook: Codebook;
  let labelCodebook: unknown;
  let examples = table.examples;
  if (options.codebookFromLabels) {
    const { data, ids } = codebookFromLabels(table.labels, lang);
    codebook = parseCodebook(data, options.in);
    labelCodebook = data;
    examples = examples.map((e) => ({ ...e, labels: e.labels.map((l) => ids.get(l) ?? l) }));
  } else {
    codebook = loadCodebook(options.codebook ?? DEFAULT_CODEBOOK_PATH);
    const known = new Set<string>(codebook.themes.map((t) => t.id));
    const unknown = table.labels.filter((l) => !known.has(l));
    if (unknown.length > 0) {
      throw new VerbatimError(
        'USAGE',
        `${options.in}: labels not in codebook ${codebook.version}: ${unknown.slice(0, 5).join(', ')} (use --codebook-from-labels)`,
      );
    }
  }
  const labels = codebook.themes.map((t) => t.id as string);
  // Rules help only when the codebook has hand-written cues in the head's language.
  const withRules = lang === 'fr' && codebook.themes.some((t) => t.cues.length > 0);
  const settings = TrainSettingsSchema.parse({
    features: { lang, lexicalWeight: withRules ? 1 : 0 },
    folds: options.folds,
    seed: options.seed,
    cost: options.cost,
    classWeight: options.classWeight,
  });
  const rules = withRules ? createLexicalFeatureScorer(codebook, labels) : null;
  const trained = trainLinearHead(examples, labels, settings, rules ? (t, p) => rules.score(t, p).scores : undefined);
  const modelsDir = options.modelsDir ?? defaultModelsDir();
  const micro = trained.crossValidation.report.micro.f1;
  const head = toHeadFile(trained.model, trained.crossValidation, {
    name: options.name,
    version: nextVersion(modelsDir, options.name),
    createdAt: new Date().toISOString(),
    description: `linéaire, ${examples.length} exemples de ${basename(options.in)}, micro-F1 CV ${micro.toFixed(3)}`,
    codebookVersion: codebook.version,
    training: { fingerprint: trainingFingerprint(examples), examples: examples.length, source: basename(options.in) },
  });
  const folder = saveHead(modelsDir, head, labelCodebook);
  return { options, head, folder };
}

const f3 = (x: number): string => x.toFixed(3);

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
    `saved to ${folder}`,
  ].join('\n')}\n`;
}

export function registerTrain(program: Command, exit: (code: ExitCode) => void): void {
  program
    .command('train')
    .description('train a linear classifier head on labelled texts; prints cross-validated P/R/F1')
    .requiredOption('--in <file>', 'labelled file (.csv .tsv .xlsx, or .jsonl with "text", "themes", "field")')
    .requiredOption('--name <name>', 'model name, then used as --model NAME')
    .option('--label-col <column>', 'column holding the labels of each row')
    .option('--label-sep <sep>', 'separator of --label-col', ';')
    .option('--onehot-from <column>', 'first one-hot label column (a cell 1 means the label applies)')
    .option('--onehot-to <column>', 'last one-hot label column (default: the last column)')
    .option('--text-col <column>', 'text column of a table', 'text')
    .option('--field-col <column>', 'column naming the prompt of each row')
    .option('--codebook <file>', 'codebook the labels belong to (default: the built-in French codebook)')
    .option('--codebook-from-labels', 'make a codebook of the labels found in the file')
    .option('--lang <lang>', 'fr or en (default: detected)')
    .option('--folds <n>', 'cross-validation folds', '5')
    .option('--seed <n>', 'random seed', '1')
    .option('--cost <c>', 'SVM cost C, inverse regularization (default 0.5)')
    .option('--class-weight <kind>', 'balanced, sqrt or none (default sqrt)')
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
      const { options, head, folder } = await trainCommand(raw);
      if (options.json) {
        const { name, version, labels, crossValidation, training } = head;
        process.stdout.write(`${JSON.stringify({ name, version, folder, labels, training, crossValidation })}\n`);
      } else {
        process.stdout.write(formatTraining(head, folder));
      }
      exit(EXIT.OK);
    });
}
