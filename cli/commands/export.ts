/**
 * `verbatim export --format qdpx|qdc|xlsx|csv --out FILE [--run ID] [--db URL]`: a stored run in
 * the formats researchers' tools open. The default run is the latest finished one in the store,
 * and the default store is `verbatim-out/verbatim.db`, where `verbatim run` writes by default, so
 * `verbatim run … && verbatim export --format qdpx --out projet.qdpx` needs no id.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { buildQdc } from '../../models/codebooks/qdc-export.js';
import { isPostgresUrl, type RunId, RunIdSchema, type Store, VerbatimError } from '../../pipeline/index.js';
import { latestFinishedRun, runHeader, writeQdpx, writeResearchCsv, writeResearchXlsx } from '../../reports/index.js';
import { openSharedStore } from '../../workers/open-shared-store.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadCodebookOption } from './codebook.js';
import { parseOptions } from './run.js';

/** Where `verbatim run` puts its store when given no --out and no --db. */
export const DEFAULT_EXPORT_DB = join('verbatim-out', 'verbatim.db');

export const ExportOptionsSchema = z
  .object({
    format: z.enum(['qdpx', 'qdc', 'xlsx', 'csv']),
    out: z.string().min(1),
    run: RunIdSchema.optional(),
    /** @defaultValue verbatim-out/verbatim.db */
    db: z.string().default(DEFAULT_EXPORT_DB),
    dbSchema: z.string().optional(),
    /** csv: which table (default segments); xlsx: only this sheet (default all). */
    what: z.enum(['segments', 'matrix', 'cooccurrence']).optional(),
    codebook: z.string().optional(),
    json: z.boolean().default(false),
  })
  .superRefine((o, ctx) => {
    if (o.what !== undefined && (o.format === 'qdpx' || o.format === 'qdc')) {
      ctx.addIssue({ code: 'custom', path: ['what'], message: 'only with --format csv or xlsx' });
    }
  });
export type ExportOptions = z.infer<typeof ExportOptionsSchema>;

/** What an export did, printed with --json. */
export interface ExportSummary {
  format: ExportOptions['format'];
  out: string;
  run_id: RunId;
  elapsed_s: number;
  [detail: string]: unknown;
}

/** Runs one export; the store is opened and closed here. */
export async function exportCommand(raw: unknown): Promise<ExportSummary> {
  const options = parseOptions(ExportOptionsSchema, raw);
  const started = performance.now();
  if (!isPostgresUrl(options.db) && !existsSync(options.db.replace(/^sqlite:(\/\/)?/i, ''))) {
    // Opening would create an empty database; say what is missing instead.
    throw new VerbatimError(
      'INPUT_MISSING',
      `${options.db}: no Verbatim store here (run \`verbatim run\` first, or give --db)`,
      {
        file: options.db,
      },
    );
  }
  const codebook = loadCodebookOption(options.codebook);
  const store = await openSharedStore(options.db, options.dbSchema ? { pgSchema: options.dbSchema } : {});
  try {
    const runId = await chooseRun(store, options.run);
    const header = await runHeader(store, runId);
    if (header !== null && header.codebookVersion !== codebook.version) {
      process.stderr.write(
        `attention : le run a été codé avec le codebook ${header.codebookVersion}, l'export décrit les codes avec ${codebook.version} (--codebook)\n`,
      );
    }
    const themes = codebook.themes.map((t) => ({ id: t.id as string, label: t.label }));
    let details: Record<string, unknown>;
    switch (options.format) {
      case 'qdpx': {
        const stats = await writeQdpx(store, runId, options.out, { codebook });
        details = {
          sources: stats.sources,
          selections: stats.selections,
          codings: stats.codings,
          users: stats.users,
          bytes: stats.bytes,
        };
        break;
      }
      case 'qdc':
        await writeFile(options.out, buildQdc(codebook), 'utf8');
        details = { codes: codebook.themes.length, codebook_version: codebook.version };
        break;
      case 'csv': {
        const what = options.what ?? 'segments';
        details = { what, rows: await writeResearchCsv(store, runId, options.out, what, themes) };
        break;
      }
      case 'xlsx': {
        const opts = options.what === undefined ? { themes } : { themes, what: options.what };
        details = { sheets: await writeResearchXlsx(store, runId, options.out, opts) };
        break;
      }
    }
    return {
      format: options.format,
      out: options.out,
      run_id: runId,
      elapsed_s: Math.round(performance.now() - started) / 1000,
      ...details,
    };
  } finally {
    await store.close();
  }
}

/** `--run`, checked to exist, or the latest finished run. */
async function chooseRun(store: Store, wanted: RunId | undefined): Promise<RunId> {
  if (wanted !== undefined) {
    if ((await runHeader(store, wanted)) === null)
      throw new VerbatimError('USAGE', `--run: no run "${wanted}" in the store`);
    return wanted;
  }
  const latest = await latestFinishedRun(store);
  if (latest === null) throw new VerbatimError('USAGE', '--run: the store holds no finished run');
  return latest;
}

export function registerExport(program: Command, exit: (code: ExitCode) => void): void {
  program
    .command('export')
    .description('export a stored run: REFI-QDA project (.qdpx) or codebook (.qdc), research CSV/XLSX')
    .requiredOption('--format <format>', 'qdpx | qdc | xlsx | csv')
    .requiredOption('--out <file>', 'file to write')
    .option('--run <id>', 'run id (default: the latest finished run)')
    .option('--db <url>', `SQLite file or postgres:// URL (default ${DEFAULT_EXPORT_DB})`)
    .option('--db-schema <name>', 'PostgreSQL schema (default public)')
    .option('--what <table>', 'csv/xlsx: segments | matrix | cooccurrence (csv default segments, xlsx default all)')
    .option('--codebook <file>', 'codebook the run was coded with (YAML/JSON or .qdc; default: the shipped one)')
    .option('--json', 'print a summary as JSON on stdout')
    .action(async (raw: unknown) => {
      const summary = await exportCommand(raw);
      if ((raw as { json?: boolean }).json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else
        process.stderr.write(
          `export ${summary.format} du run ${summary.run_id} → ${summary.out} (${summary.elapsed_s} s)\n`,
        );
      exit(EXIT.OK);
    });
}
