/**
 * `verbatim agreement [--run ID] [--db URL] [--json]`: inter-coder agreement of a run's human
 * validations, per theme and for valence, machine vs humans and human vs human, with a
 * plain-French reading. Reads the store only; without --run, the run validated most recently.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import {
  type AgreementReport,
  type AgreementRow,
  buildAgreementReport,
  loadAgreementInput,
} from '../../models/evaluation/agreement/index.js';
import { VerbatimError } from '../../pipeline/errors.js';
import { isPostgresUrl, openStore } from '../../pipeline/store/open-store.js';
import type { Store } from '../../pipeline/store/store.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { parseOptions } from './run.js';

const DEFAULT_DB = join('verbatim-out', 'verbatim.db');

export const AgreementOptionsSchema = z.object({
  /** @defaultValue the run holding the most recent validation */
  run: z.string().min(1).optional(),
  /** SQLite file or postgres:// URL. @defaultValue `verbatim-out/verbatim.db` */
  db: z.string().default(DEFAULT_DB),
  dbSchema: z.string().optional(),
  json: z.boolean().default(false),
});

/** The report of one run, with the run it is about. */
export async function agreementCommand(raw: unknown): Promise<AgreementReport & { runId: string }> {
  const options = parseOptions(AgreementOptionsSchema, raw);
  if (!isPostgresUrl(options.db) && !existsSync(options.db.replace(/^sqlite:(\/\/)?/i, '')))
    throw new VerbatimError('INPUT_MISSING', `${options.db}: no such store (pass --db)`, { file: options.db });
  const store = await openStore(options.db, options.dbSchema ? { pgSchema: options.dbSchema } : {});
  try {
    const runId = options.run ?? (await lastValidatedRun(store));
    const { answers, machine } = await loadAgreementInput(store, runId);
    if (answers.length === 0) throw new VerbatimError('USAGE', `--run: run "${runId}" has no validation yet`);
    return { runId, ...buildAgreementReport(answers, machine) };
  } finally {
    await store.close();
  }
}

async function lastValidatedRun(store: Store): Promise<string> {
  const last = await store.db
    .selectFrom('validations')
    .select('run_id')
    .orderBy('validation_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last) throw new VerbatimError('USAGE', '--run: the store holds no validation yet');
  return last.run_id;
}

const fmt = (x: number | null, digits = 2) => (x === null ? '—' : x.toFixed(digits).replace('.', ','));
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);

/** The text table: one line per target and comparison, then the readings. */
export function formatAgreement(report: AgreementReport & { runId: string }): string {
  const head = [
    `Accord inter-codeurs — run ${report.runId}`,
    `${report.validatedSegments} segments validés par ${report.validators} personne(s), dont ${report.doubleCoded} vus par au moins deux personnes.`,
    '',
  ];
  const label = (r: AgreementRow) => (r.target === 'valence' ? 'tonalité' : r.target.replace(/^theme:/, ''));
  const who = (r: AgreementRow) => (r.comparison === 'humans' ? 'humains entre eux' : 'machine / humains');
  const width = Math.max(12, ...report.rows.map((r) => label(r).length));
  const lines = [
    `${'thème'.padEnd(width)}  ${'comparaison'.padEnd(18)}  ${'n'.padStart(5)}  ${'accord'.padStart(6)}  ${'kappa'.padStart(6)}  ${'alpha'.padStart(6)}  lecture`,
    ...report.rows.map(
      (r) =>
        `${label(r).padEnd(width)}  ${who(r).padEnd(18)}  ${String(r.units).padStart(5)}  ${pct(r.percentAgreement).padStart(6)}  ${fmt(r.kappa).padStart(6)}  ${fmt(r.alpha).padStart(6)}  ${r.band}`,
    ),
  ];
  return `${[...head, ...lines].join('\n')}\n`;
}

export function registerAgreement(program: Command, exit: (code: ExitCode) => void): void {
  program
    .command('agreement')
    .description(
      'accord inter-codeurs des validations (par thème et pour la tonalité ; machine / humains, humains entre eux)',
    )
    .option('--run <id>', 'run id (default: the run validated most recently)')
    .option('--db <url>', `SQLite file or postgres:// URL (default ${DEFAULT_DB})`)
    .option('--db-schema <name>', 'PostgreSQL schema (default public)')
    .option('--json', 'print the report as JSON on stdout')
    .action(async (raw: unknown) => {
      const report = await agreementCommand(raw);
      process.stdout.write((raw as { json?: boolean }).json ? `${JSON.stringify(report)}\n` : formatAgreement(report));
      exit(EXIT.OK);
    });
}
