/**
 * `verbatim classify --in FILE`: classify without storing, for evaluation and scripting. One
 * JSON line per input row, in input order, duplicates included; a quarantined row becomes an
 * error line, so that line N of the output always answers row N of the input.
 */
import { open } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { type ClassifierPath, classifierPath, DEFAULT_MODEL } from '../../models/registry.js';
import { type AnalyseContext, analyseRecord } from '../../pipeline/analyse-record.js';
import { deidentify } from '../../pipeline/deidentify/index.js';
import { VerbatimError } from '../../pipeline/errors.js';
import { ColumnMapSchema, formatOf, ingest, isNonInformative } from '../../pipeline/ingest/ingest.js';
import type { ClassifiedSegment, Quarantined, SourceRecord, ThemeId, Valence } from '../../pipeline/record.js';
import { SegmentOptionsSchema } from '../../pipeline/segment/segment.js';
import { buildClassifier } from '../build-classifier.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { addModelOptions } from '../model-options.js';
import { parseOptions } from './run.js';

/** Formats `classify` reads: one text per row. Transcripts go through `verbatim run`. */
const CLASSIFY_FORMATS: ReadonlySet<string> = new Set(['csv', 'tsv', 'xlsx', 'jsonl']);

/** Longest cell accepted, as in `verbatim run`. */
const MAX_CELL_CHARS = 50_000;

/** Output is written in chunks of about this many UTF-16 units. */
const FLUSH_CHARS = 1 << 16;

export const ClassifyOptionsSchema = z.object({
  /** Input file: `.csv`, `.tsv`, `.xlsx` or `.jsonl`. */
  in: z.string().min(1),
  /** Text column of tabular input. @defaultValue `text` */
  textCol: z.string().min(1).default('text'),
  /** Id column of tabular input. @defaultValue a column named `id` (or `N° réponse`...), else the row number */
  idCol: z.string().min(1).optional(),
  /** Column holding each row's prompt (slug or wording), as JSONL `field`. */
  fieldCol: z.string().min(1).optional(),
  /** @defaultValue `lexical` */
  model: z.string().default(DEFAULT_MODEL),
  codebook: z.string().optional(),
  /** @defaultValue `fr` */
  lang: z.enum(['fr', 'en']).default('fr'),
  /** JSONL output file. @defaultValue stdout */
  out: z.string().optional(),
  /** With `--out`: print the counts as JSON on stdout. */
  json: z.boolean().default(false),
  /** Exit 3 when rows were quarantined. @defaultValue false */
  strict: z.boolean().default(false),
});
export type ClassifyOptions = z.infer<typeof ClassifyOptionsSchema>;

/** One segment of an output line; `text` is pseudonymized. */
export interface SegmentLine {
  index: number;
  text: string;
  start: number;
  end: number;
  themes: ThemeId[];
  scores: Record<string, number>;
  valence: Valence;
  evidence: Record<string, string[]>;
}

/** One output line for a record that could be read. */
export interface ClassifiedLine {
  id: string;
  themes: ThemeId[];
  scores: Record<string, number>;
  valence: Valence;
  segments: SegmentLine[];
  /** Set on an empty or non-informative text ("RAS"), which is not classified. */
  empty?: true;
}

/** The line of a quarantined row: the id is unknown once a row cannot be parsed. */
export interface ErrorLine {
  id: null;
  error: { code: string; reason: string; line: number };
}

const round3 = (score: number): number => Math.round(score * 1000) / 1000;

function roundScores(scores: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(scores).map(([theme, score]) => [theme, round3(score)]));
}

function segmentLine(s: ClassifiedSegment): SegmentLine {
  return {
    index: s.index,
    text: s.text,
    start: s.start,
    end: s.end,
    themes: s.themes.map((t) => t.theme),
    scores: Object.fromEntries(s.themes.map((t) => [t.theme, round3(t.score)])),
    valence: s.valence,
    evidence: Object.fromEntries(s.themes.map((t) => [t.theme, t.evidence])),
  };
}

/**
 * De-identifies then analyses one raw record (shared with `verbatim eval`). An empty or
 * non-informative text is not classified: no themes, neutral, `empty: true`.
 */
export function classifyRecord(record: SourceRecord, ctx: AnalyseContext): ClassifiedLine {
  if (isNonInformative(record.text)) {
    return { id: record.recordId, themes: [], scores: {}, valence: 'neutral', segments: [], empty: true };
  }
  const result = analyseRecord(deidentify(record), ctx);
  return {
    id: record.recordId,
    themes: result.themes,
    scores: roundScores(result.scores),
    valence: result.valence,
    segments: result.segments.map(segmentLine),
  };
}

/** The analysis context of a classifying command, from its parsed options. */
export function buildAnalyseContext(options: { model: string; codebook?: string | undefined; lang: 'fr' | 'en' }) {
  const { codebook, classifier } = buildClassifier(options);
  const context: AnalyseContext = { classifier, segmentOptions: SegmentOptionsSchema.parse({}), lang: options.lang };
  return { codebook, context };
}

/** Where output lines go: a file, or stdout. Batches writes and waits for the stream to drain. */
interface LineSink {
  write(line: string): Promise<void>;
  close(): Promise<void>;
}

async function openSink(path: string | undefined): Promise<LineSink> {
  let buffer = '';
  let flushChunk: (chunk: string) => Promise<void>;
  let finish: () => Promise<void>;
  if (path === undefined) {
    flushChunk = (chunk) =>
      new Promise((resolve, reject) => {
        process.stdout.write(chunk, (error) => (error ? reject(error) : resolve()));
      });
    finish = async () => {};
  } else {
    const handle = await open(path, 'w').catch((error: unknown) => {
      const reason = (error as { code?: string }).code ?? 'cannot be opened';
      throw new VerbatimError(
        'USAGE',
        `--out ${path}: cannot be written (${reason})`,
        { file: path },
        { cause: error },
      );
    });
    flushChunk = async (chunk) => {
      await handle.write(chunk);
    };
    finish = () => handle.close();
  }
  return {
    async write(line) {
      buffer += `${line}\n`;
      if (buffer.length >= FLUSH_CHARS) {
        const chunk = buffer;
        buffer = '';
        await flushChunk(chunk);
      }
    },
    async close() {
      if (buffer !== '') await flushChunk(buffer);
      buffer = '';
      await finish();
    },
  };
}

/** Counts of one `classify` call, printed at the end. */
export interface ClassifySummary {
  lines: number;
  classified: number;
  empty: number;
  quarantined: number;
  /** Model version that classified the lines. */
  model: string;
  /** Which kind of model that is: `embedding` (local transformer), `linear` or `lexical`. */
  path: ClassifierPath;
}

function errorLine(item: Quarantined): ErrorLine {
  return { id: null, error: { code: item.code, reason: item.reason, line: item.provenance.line } };
}

/** Reads, classifies and writes; returns the counts and the exit code. */
export async function classifyCommand(
  raw: unknown,
): Promise<{ options: ClassifyOptions; summary: ClassifySummary; exitCode: ExitCode }> {
  const options = parseOptions(ClassifyOptionsSchema, raw);
  const format = formatOf(options.in);
  if (format === null || !CLASSIFY_FORMATS.has(format)) {
    throw new VerbatimError(
      'INPUT_UNSUPPORTED',
      `${options.in}: unsupported format for classify (supported: .csv .tsv .xlsx .jsonl)`,
      { file: options.in },
    );
  }
  const { context } = buildAnalyseContext(options);
  // One text column, so one record per row; JSONL lines ignore the map.
  const map = ColumnMapSchema.parse({ text: [options.textCol], id: options.idCol, field: options.fieldCol });
  const items = ingest([options.in], { map, maxCellChars: MAX_CELL_CHARS, keepDuplicates: true, keepEmptyTexts: true });
  const { classifier } = context;
  const summary: ClassifySummary = {
    lines: 0,
    classified: 0,
    empty: 0,
    quarantined: 0,
    model: classifier.modelVersion,
    path: classifierPath(classifier),
  };
  // Opened after the first item, so that a bad input or column fails before --out is created.
  let sink: LineSink | null = null;
  try {
    for await (const item of items) {
      sink ??= await openSink(options.out);
      if (item.kind === 'quarantined') {
        const { provenance, code, reason } = item.item;
        process.stderr.write(`warning: ${provenance.file} line ${provenance.line}: ${reason} (${code})\n`);
        await sink.write(JSON.stringify(errorLine(item.item)));
        summary.quarantined++;
        summary.lines++;
      } else if (item.kind === 'row') {
        for (const record of item.records) {
          const line = classifyRecord(record, context);
          await sink.write(JSON.stringify(line));
          if (line.empty) summary.empty++;
          else summary.classified++;
          summary.lines++;
        }
      } else {
        // keepDuplicates: ingest never yields these here.
        throw new VerbatimError('INTERNAL', `${options.in}: unexpected duplicate item`);
      }
    }
    sink ??= await openSink(options.out);
  } finally {
    await sink?.close();
  }
  const exitCode = options.strict && summary.quarantined > 0 ? EXIT.QUARANTINED : EXIT.OK;
  return { options, summary, exitCode };
}

export function registerClassify(program: Command, exit: (code: ExitCode) => void): void {
  addModelOptions(program.command('classify'))
    .description('classify a file without storing anything: one JSON line per input row')
    .requiredOption('--in <file>', 'input file (.csv .tsv .xlsx .jsonl)')
    .option('--text-col <column>', 'text column of a table', 'text')
    .option('--id-col <column>', 'id column of a table (default: "id" if present, else the row number)')
    .option('--field-col <column>', 'column naming the prompt of each row (amelioration, appreciation or its wording)')
    .option('--out <file>', 'JSONL output file (default: stdout)')
    .option('--strict', 'exit with code 3 when rows were quarantined')
    .option('--json', 'with --out: print the counts as JSON on stdout')
    .action(async (raw: unknown) => {
      const { options, summary, exitCode } = await classifyCommand(raw);
      // Without --out, stdout already holds the JSONL: the counts would corrupt it.
      if (options.json && options.out !== undefined) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else if (!options.json) printSummary(summary, options.out);
      exit(exitCode);
    });
}

function printSummary(s: ClassifySummary, out: string | undefined): void {
  const where = out === undefined ? '' : ` → ${out}`;
  process.stderr.write(
    `classify: ${s.lines} lignes — ${s.classified} classées, ${s.empty} vides, ${s.quarantined} en quarantaine (${s.model}, voie ${s.path})${where}\n`,
  );
}
