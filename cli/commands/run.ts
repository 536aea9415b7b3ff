/**
 * `verbatim run INPUT...`: the main job on the embedded default (in-process runner, SQLite file)
 * or, with --redis, as a BullMQ flow processed by `verbatim worker` processes; either way writing
 * summary.json, segments.csv, quarantine.csv and report.html into --out. `--resume RUN` continues
 * a run whose driver stopped: what Redis holds is kept, what is missing is enqueued again.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_MODEL } from '../../models/registry.js';
import { VerbatimError } from '../../pipeline/errors.js';
import { parseMapOptions } from '../../pipeline/ingest/ingest.js';
import type { RunId } from '../../pipeline/record.js';
import { RunIdSchema } from '../../pipeline/record.js';
import type { Store } from '../../pipeline/store/store.js';
import { buildHtmlReport, writeQuarantineCsv, writeSegmentsCsv } from '../../reports/index.js';
import { BullMqRunner } from '../../workers/bullmq-runner.js';
import { executeRun } from '../../workers/execute-run.js';
import { InProcessRunner } from '../../workers/in-process-runner.js';
import { openSharedStore } from '../../workers/open-shared-store.js';
import { DEFAULT_QUEUE_PREFIX } from '../../workers/queue-names.js';
import { assertRedisReachable } from '../../workers/redis-connection.js';
import { RunPlanSchema } from '../../workers/run-plan.js';
import type { RunSummary } from '../../workers/run-summary.js';
import { StageTimings } from '../../workers/stage-timings.js';
import { buildClassifier } from '../build-classifier.js';
import { codebookReportOptions } from '../codebook-report-options.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { createLogger } from '../logger.js';
import { addModelOptions } from '../model-options.js';
import { createProgress } from '../progress.js';
import { loadRoleOverrides } from '../role-overrides.js';

export const RunOptionsSchema = z.object({
  out: z.string().default('verbatim-out'),
  db: z.string().optional(),
  redis: z.string().optional(),
  dbSchema: z.string().optional(),
  queuePrefix: z.string().default(DEFAULT_QUEUE_PREFIX),
  codebook: z.string().optional(),
  model: z.string().default(DEFAULT_MODEL),
  lang: z.enum(['fr', 'en']).optional(),
  map: z.array(z.string()).default([]),
  roles: z.string().optional(),
  chunkSize: z.coerce.number().int().positive().optional(),
  minCell: z.coerce.number().int().min(1).default(5),
  strict: z.boolean().default(false),
  json: z.boolean().default(false),
  quiet: z.boolean().default(false),
  verbose: z.boolean().default(false),
  resume: RunIdSchema.optional(),
});
export type RunOptions = z.infer<typeof RunOptionsSchema>;

/** Runs the pipeline and writes the outputs; returns the summary and the exit code. */
export async function runCommand(inputs: string[], raw: unknown): Promise<{ summary: RunSummary; exitCode: ExitCode }> {
  const options = parseOptions(RunOptionsSchema, raw);
  if (options.redis !== undefined && options.db === undefined) {
    throw new VerbatimError('USAGE', '--db: required with --redis (the store the workers share)');
  }
  // Structured logs (ids and counts only) are for cron jobs and operators: opt in with --verbose.
  const logger = createLogger({ level: options.verbose ? 'info' : 'warn' });
  const outDir = resolve(options.out);
  const plan = RunPlanSchema.parse({
    inputs,
    map: parseMapOptions(options.map),
    segment: { roleOverrides: options.roles ? loadRoleOverrides(options.roles) : {} },
    lang: options.lang,
    chunkSize: options.chunkSize,
  });
  // An embedding head caches its vectors in the run's store, so a re-run embeds nothing twice.
  const embeddingCache = { cacheUrl: options.db ?? join(outDir, 'verbatim.db'), pgSchema: options.dbSchema };
  const { codebook, codebookHash, classifier } = buildClassifier({ ...options, embeddingCache });
  if (options.redis !== undefined) await assertRedisReachable(options.redis);
  const store = await openSharedStore(
    options.db ?? join(outDir, 'verbatim.db'),
    options.dbSchema ? { pgSchema: options.dbSchema } : {},
  );
  // --db may point elsewhere (PostgreSQL), so the output folder is not created by the store.
  await mkdir(outDir, { recursive: true });
  if (options.resume !== undefined && !(await runExists(store, options.resume))) {
    await store.close();
    throw new VerbatimError('USAGE', `--resume ${options.resume}: no such run in this store (--db)`);
  }
  const progress = createProgress(!options.quiet && !options.json);
  const chunkProgress = createChunkProgress(!options.quiet && !options.json);
  const queue =
    options.redis === undefined
      ? undefined
      : new BullMqRunner({
          redisUrl: options.redis,
          prefix: options.queuePrefix,
          onChunkDone: (result) => {
            chunkProgress.add(result.records);
            logger.info({ chunk: result.chunkIndex, records: result.records, segments: result.segments }, 'chunk done');
          },
        });
  try {
    if (queue && (await queue.workerCount()) === 0) {
      process.stderr.write('attention : aucun worker connecté ; la file attendra `verbatim worker --redis ...`\n');
    }
    const timings = new StageTimings();
    const runner =
      queue ?? new InProcessRunner({ store, classifier, segmentOptions: plan.segment, lang: plan.lang, timings });
    logger.info({ inputs: inputs.length, model: classifier.modelVersion }, 'run started');
    const summary = await executeRun(plan, {
      store,
      runner,
      timings,
      modelVersion: classifier.modelVersion,
      codebookVersion: classifier.codebookVersion,
      identityExtras: { codebookHash },
      ...(options.resume ? { resumeRunId: options.resume } : {}),
      onProgress: (p) => progress.update(p.rowsRead, p.recordsQueued),
    });
    // Before the outputs: operators (and bench/queue.ts) can tell the run from the report writing.
    logger.info({ run_id: summary.run_id, elapsed_s: summary.elapsed_s }, 'run processed');
    progress.stop();
    chunkProgress.stop();
    if (queue && options.resume && !options.quiet) {
      const c = queue.counts;
      process.stderr.write(
        `reprise de ${summary.run_id} : ${c.alreadyDone} lot(s) déjà faits, ${c.reattached} encore en file, ${c.enqueued} remis en file\n`,
      );
    }
    if (summary.dead_letter_chunks) {
      process.stderr.write(
        `attention : ${summary.dead_letter_chunks} lot(s) en échec définitif (chunk_dead_letter dans le journal d'audit)\n`,
      );
    }
    await writeFile(join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    await writeSegmentsCsv(store, summary.run_id, join(outDir, 'segments.csv'));
    await writeQuarantineCsv(store, summary.run_id, join(outDir, 'quarantine.csv'));
    const html = await buildHtmlReport(store, summary.run_id, {
      ...codebookReportOptions(codebook),
      minCell: options.minCell,
    });
    await writeFile(join(outDir, 'report.html'), html);
    logger.info(
      {
        run_id: summary.run_id,
        rows_read: summary.rows_read,
        records_ok: summary.records_ok,
        records_quarantined: summary.records_quarantined,
        duplicates: summary.duplicates,
        elapsed_s: summary.elapsed_s,
      },
      'run finished',
    );
    // The outputs are written: the run's parent job (its counts) is no longer needed in Redis.
    await queue?.forget();
    const exitCode = options.strict && summary.records_quarantined > 0 ? EXIT.QUARANTINED : EXIT.OK;
    return { summary, exitCode };
  } finally {
    progress.stop();
    chunkProgress.stop();
    await queue?.close();
    await store.close();
  }
}

async function runExists(store: Store, runId: RunId): Promise<boolean> {
  const row = await store.db.selectFrom('runs').select('run_id').where('run_id', '=', runId).executeTakeFirst();
  return row !== undefined;
}

/**
 * With --redis, chunks finished by the workers, from QueueEvents: one line on stderr at most every
 * two seconds, on a terminal only (scripts and CI logs stay clean; --verbose logs each chunk).
 */
function createChunkProgress(enabled: boolean): { add(records: number): void; stop(): void } {
  if (!enabled || !process.stderr.isTTY) return { add: () => undefined, stop: () => undefined };
  let chunks = 0;
  let records = 0;
  let last = 0;
  return {
    add: (n) => {
      chunks++;
      records += n;
      const now = Date.now();
      if (now - last < 2000) return;
      last = now;
      process.stderr.write(`\rlots traités par les workers : ${chunks} (${records} commentaires)   `);
    },
    stop: () => {
      if (chunks > 0 && last > 0) process.stderr.write('\n');
      last = 0;
    },
  };
}

/** Parses options at the boundary; a bad option is a usage error naming it. */
export function parseOptions<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') ?? 'option';
    throw new VerbatimError('USAGE', `--${name}: ${issue?.message ?? 'invalid value'}`);
  }
  return parsed.data;
}

export function registerRun(program: Command, exit: (code: ExitCode) => void): void {
  addModelOptions(program.command('run'))
    .description('ingest → de-identify → segment → classify → store → report, in one go')
    .argument('<input...>', 'files or folders (.csv .tsv .xlsx .jsonl .txt .docx .vtt .srt)')
    .option('--out <dir>', 'output folder', 'verbatim-out')
    .option('--db <url>', 'SQLite file or postgres:// URL (default: <out>/verbatim.db)')
    .option('--redis <url>', 'run chunks as BullMQ jobs, processed by `verbatim worker` processes (needs --db)')
    .option('--db-schema <name>', 'PostgreSQL schema (default public)')
    .option('--queue-prefix <prefix>', `Redis key prefix with --redis (default ${DEFAULT_QUEUE_PREFIX})`)
    .option(
      '--map <field=column>',
      'map a column: id, text, date, department, survey, score, speaker (repeatable)',
      collect,
      [],
    )
    .option('--roles <file>', 'JSON/YAML mapping of speaker labels to roles, e.g. {"M1": "Médecin"}')
    .option('--chunk-size <n>', 'records per chunk (default 500)')
    .option('--resume <run>', 'continue this run with the same inputs and options: enqueue only what is missing')
    .option('--min-cell <n>', 'small-cell threshold in reports (default 5)')
    .option('--strict', 'exit with code 3 when rows were quarantined')
    .option('--json', 'print summary.json on stdout')
    .option('--quiet', 'only warnings and errors on stderr')
    .option('--verbose', 'structured JSON logs (ids and counts, never text) on stderr')
    .action(async (inputs: string[], raw: unknown) => {
      const { summary, exitCode } = await runCommand(inputs, raw);
      if ((raw as { json?: boolean }).json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else printSummary(summary, resolve((raw as { out?: string }).out ?? 'verbatim-out'));
      exit(exitCode);
    });
}

function printSummary(s: RunSummary, outDir: string): void {
  const lines = [
    `run ${s.run_id}: ${s.rows_read} lignes lues — ${s.records_ok} avec texte, ${s.records_empty} vides, ${s.records_quarantined} en quarantaine, ${s.duplicates} doublons`,
    `${s.text_records} commentaires, ${s.segments} segments (${s.coded_segments} codés) en ${s.elapsed_s} s`,
    `résultats dans ${outDir} (report.html, segments.csv, summary.json, quarantine.csv)`,
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
