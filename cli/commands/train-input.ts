/**
 * Reading `verbatim train`'s input: labelled texts from JSONL (`text`, `themes`, `field`,
 * `valence`) or a CSV/TSV/XLSX table with a label column or one-hot label columns, and an
 * optional valence column whose values `--valence-map` can translate (e.g. a 1–5 sentiment).
 */
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { TrainingExample } from '../../models/linear/index.js';
import { foldFrench } from '../../pipeline/classify/normalize-french.js';
import { VerbatimError } from '../../pipeline/errors.js';
import { textFieldFor } from '../../pipeline/ingest/ingest.js';
import type { Valence } from '../../pipeline/record.js';
import type { TrainOptions } from './train.js';

/** Written valence values (folded) understood without `--valence-map`. */
const VALENCE_WORDS: Readonly<Record<string, Valence>> = {
  positive: 'positive',
  positif: 'positive',
  positif_ve: 'positive',
  pos: 'positive',
  negative: 'negative',
  negatif: 'negative',
  neg: 'negative',
  mixed: 'mixed',
  mixte: 'mixed',
  mitige: 'mixed',
  neutral: 'neutral',
  neutre: 'neutral',
};

type ValenceReader = (raw: string, where: string) => Valence | undefined;

/**
 * Parses `--valence-map` (`1=positive,2=positive,3=mixed,4=negative,5=negative`); a value not in
 * the map nor a valence word is a usage error, an empty cell means "no valence for this row".
 */
export function valenceReader(map: string | undefined): ValenceReader {
  const mapped = new Map<string, Valence>();
  for (const pair of (map ?? '').split(',').filter((p) => p.trim() !== '')) {
    const [from = '', to = ''] = pair.split('=').map((x) => x.trim());
    const valence = VALENCE_WORDS[foldFrench(to)];
    if (from === '' || valence === undefined) {
      throw new VerbatimError('USAGE', `--valence-map: "${pair}" is not VALUE=positive|negative|mixed|neutral`);
    }
    mapped.set(foldFrench(from), valence);
  }
  return (raw, where) => {
    const key = foldFrench(raw.trim());
    if (key === '') return undefined;
    const valence = mapped.get(key) ?? VALENCE_WORDS[key];
    if (valence === undefined) {
      throw new VerbatimError(
        'USAGE',
        `${where}: "${raw.trim().slice(0, 20)}" is not a valence (positive, negative, mixed, neutral; or give --valence-map)`,
      );
    }
    return valence;
  };
}

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
  /** positive, negative, mixed or neutral (or a French word for them); absent: none. */
  valence: z.string().nullish(),
});

const promptOf = (wording: string | null | undefined) => (wording ? textFieldFor(wording, 'text').prompt : 'neutral');

function readJsonl(file: string, content: string, valenceOf: ValenceReader): LabelledTable {
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
    examples.push({
      text: parsed.data.text,
      prompt: promptOf(parsed.data.field),
      labels: parsed.data.themes,
      valence: valenceOf(parsed.data.valence ?? '', `${file}: line ${i + 1}: valence`),
    });
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
  const valenceOf = valenceReader(options.valenceMap);
  if (/\.jsonl$/i.test(file)) return readJsonl(file, content.toString('utf8').replace(/^\uFEFF/, ''), valenceOf);
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
  const valenceIndex = options.valenceCol === undefined ? -1 : column(options.valenceCol, '--valence-col');
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
    valence: valenceIndex >= 0 ? valenceOf(row[valenceIndex] ?? '', `--valence-col ${options.valenceCol}`) : undefined,
  }));
  return { examples, labels };
}

/**
 * Unlabelled texts for weak supervision (`--weak FILE`): JSONL lines with `text` (and `field`),
 * or a table's `--text-col` (and `--field-col`). Empty texts are skipped.
 */
export async function readUnlabelledFile(
  file: string,
  options: Pick<TrainOptions, 'textCol' | 'fieldCol'>,
): Promise<{ text: string; prompt: TrainingExample['prompt'] }[]> {
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch (error) {
    const code = (error as { code?: string }).code === 'ENOENT' ? 'INPUT_MISSING' : 'INPUT_UNREADABLE';
    throw new VerbatimError(code, `${file}: cannot be read`, { file }, { cause: error });
  }
  if (/\.jsonl$/i.test(file)) {
    return content
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .flatMap((raw, i) => {
        if (raw.trim() === '') return [];
        let value: { text?: unknown; field?: unknown };
        try {
          value = JSON.parse(raw) as typeof value;
        } catch {
          throw new VerbatimError('INPUT_UNREADABLE', `${file}: line ${i + 1}: not valid JSON`, { file, line: i + 1 });
        }
        if (typeof value.text !== 'string' || value.text.trim() === '') return [];
        return [{ text: value.text, prompt: promptOf(typeof value.field === 'string' ? value.field : null) }];
      });
  }
  if (!/\.(csv|tsv|xlsx)$/i.test(file)) {
    throw new VerbatimError('INPUT_UNSUPPORTED', `${file}: unsupported format for --weak (.csv .tsv .xlsx .jsonl)`, {
      file,
    });
  }
  const [header = [], ...rows] = await readTable(file, content);
  const textIndex = header.indexOf(options.textCol);
  if (textIndex < 0)
    throw new VerbatimError('USAGE', `--text-col ${options.textCol}: no such column in ${file}`, { file });
  const fieldIndex = options.fieldCol === undefined ? -1 : header.indexOf(options.fieldCol);
  return rows
    .map((row) => ({ text: row[textIndex] ?? '', prompt: promptOf(fieldIndex >= 0 ? row[fieldIndex] : null) }))
    .filter((e) => e.text.trim() !== '');
}
