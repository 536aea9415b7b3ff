/**
 * `verbatim report [--run ID] [--compare-to RUN] [--format html|pdf|xlsx] [--out FILE|DIR]`: the
 * quality report of a stored run (HTML, PDF printed by headless Chromium) or its draft action
 * plan (XLSX). Reads the store only; without --run, the latest finished run.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_CODEBOOK_PATH, loadCodebook } from '../../models/codebooks/codebook.js';
import { isPostgresUrl, openStore, type RunId, RunIdSchema, VerbatimError } from '../../pipeline/index.js';
import {
  collectReportData,
  DEFAULT_CHROMIUM_PATH,
  latestFinishedRun,
  printPdf,
  renderHtmlReport,
  writeActionPlanXlsx,
} from '../../reports/index.js';
import { codebookReportOptions } from '../codebook-report-options.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { parseOptions } from './run.js';

export const ReportOptionsSchema = z.object({
  /** Run to report on. @defaultValue the latest finished run */
  run: z.string().optional(),
  /** Previous run to test trends against. @defaultValue none */
  compareTo: z.string().optional(),
  /** @defaultValue 'html' */
  format: z.enum(['html', 'pdf', 'xlsx']).default('html'),
  /** A file (by its extension) or a folder. @defaultValue `verbatim-out` */
  out: z.string().default('verbatim-out'),
  /** SQLite file or postgres:// URL. @defaultValue `verbatim-out/verbatim.db` */
  db: z.string().optional(),
  dbSchema: z.string().optional(),
  /** @defaultValue the shipped French codebook */
  codebook: z.string().optional(),
  /** @defaultValue 5 */
  minCell: z.coerce.number().int().min(1).default(5),
  /** Correction across themes for the trend tests. @defaultValue 'holm' */
  correction: z.enum(['holm', 'bh']).default('holm'),
  /** @defaultValue /usr/bin/chromium */
  chromium: z.string().default(DEFAULT_CHROMIUM_PATH),
});
export type ReportCommandOptions = z.infer<typeof ReportOptionsSchema>;

/** File names written into a folder given as --out. */
export const REPORT_FILE_NAMES = Object.freeze({ html: 'report.html', pdf: 'report.pdf', xlsx: 'plan-actions.xlsx' });

/** Writes the report; returns the path written and the run reported on. */
export async function reportCommand(raw: unknown): Promise<{ path: string; runId: RunId }> {
  const options = parseOptions(ReportOptionsSchema, raw);
  const dbUrl = options.db ?? join('verbatim-out', 'verbatim.db');
  if (!isPostgresUrl(dbUrl) && !existsSync(dbUrl.replace(/^sqlite:(\/\/)?/i, ''))) {
    // Opening a missing SQLite file would create an empty store and report "run not found".
    throw new VerbatimError('INPUT_MISSING', `${dbUrl}: no such store (run \`verbatim run\` first or pass --db)`, {
      file: dbUrl,
    });
  }
  const codebook = loadCodebook(options.codebook ?? DEFAULT_CODEBOOK_PATH);
  const outPath = outputPath(options.out, options.format);
  const store = await openStore(dbUrl, options.dbSchema ? { pgSchema: options.dbSchema } : {});
  try {
    const runId = options.run === undefined ? await latestFinishedRun(store) : parseRunId(options.run, 'run');
    if (runId === null) throw new VerbatimError('USAGE', `--run: the store ${dbUrl} holds no finished run`);
    const data = await collectReportData(store, runId, {
      ...codebookReportOptions(codebook),
      minCell: options.minCell,
      correction: options.correction,
      ...(options.compareTo === undefined ? {} : { compareTo: parseRunId(options.compareTo, 'compare-to') }),
    });
    await mkdir(dirname(outPath), { recursive: true });
    if (options.format === 'xlsx') {
      await writeActionPlanXlsx(data, outPath);
    } else {
      const html = renderHtmlReport(data);
      if (options.format === 'html') {
        await writeFile(outPath, html);
      } else {
        const pdf = await printPdf(html, {
          executablePath: options.chromium,
          headerText: data.title,
          footerText: `Verbatim · traitement ${runId} · document de travail`,
        });
        await writeFile(outPath, pdf);
      }
    }
    return { path: outPath, runId };
  } finally {
    await store.close();
  }
}

function parseRunId(value: string, option: string): RunId {
  const parsed = RunIdSchema.safeParse(value);
  if (!parsed.success) throw new VerbatimError('USAGE', `--${option}: not a run id`);
  return parsed.data;
}

/** `--out` with the format's extension is the file; anything else is a folder. */
export function outputPath(out: string, format: 'html' | 'pdf' | 'xlsx'): string {
  const ext = extname(out).toLowerCase();
  if (ext === `.${format}`) return resolve(out);
  if (ext === '.html' || ext === '.pdf' || ext === '.xlsx') {
    throw new VerbatimError('USAGE', `--out: ${ext} file given for --format ${format}`);
  }
  return resolve(out, REPORT_FILE_NAMES[format]);
}

export function registerReport(program: Command, exit: (code: ExitCode) => void): void {
  program
    .command('report')
    .description('rapport qualité d’un traitement (HTML, PDF) ou projet de plan d’actions (XLSX)')
    .option('--run <id>', 'run to report on (default: the latest finished run)')
    .option('--compare-to <run>', 'previous run: trend per theme with a two-proportion test')
    .option('--format <format>', 'html, pdf or xlsx (action plan)', 'html')
    .option(
      '--out <file|dir>',
      'output file, or folder for report.html / report.pdf / plan-actions.xlsx',
      'verbatim-out',
    )
    .option('--db <url>', 'SQLite file or postgres:// URL (default: verbatim-out/verbatim.db)')
    .option('--db-schema <name>', 'PostgreSQL schema (default public)')
    .option('--codebook <file>', 'codebook for labels and the action library (default: shipped French)')
    .option('--min-cell <n>', 'small-cell threshold (default 5)')
    .option('--correction <method>', 'holm or bh, across themes (default holm)')
    .option('--chromium <path>', `Chromium for --format pdf (default ${DEFAULT_CHROMIUM_PATH})`)
    .action(async (raw: unknown) => {
      const { path, runId } = await reportCommand(raw);
      process.stderr.write(`rapport du traitement ${runId} : ${path}\n`);
      exit(EXIT.OK);
    });
}
