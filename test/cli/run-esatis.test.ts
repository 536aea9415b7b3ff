/**
 * `verbatim run` end to end on the dirty Windows-1252 e-Satis export of corpora/esatis, as a
 * quality service would run it: the count invariant, duplicates, quarantine, outputs, no PII
 * anywhere, idempotent re-runs.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../workers/run-summary.js';
import { type CliResult, REPO_ROOT, runCli } from '../helpers/run-cli.js';

const EXPORT = join(REPO_ROOT, 'corpora/esatis/esatis-export-2026-T3.csv');
const expected = JSON.parse(readFileSync(join(REPO_ROOT, 'corpora/esatis/expected.json'), 'utf8')) as {
  rows_read: number;
  duplicates: number;
  quarantined: number;
  empty_rows: number;
  ok_rows: number;
  text_records: number;
  pii: string[];
};
const MAP = [
  '--map',
  'id=N° réponse',
  '--map',
  "text=Qu'avez-vous apprécié ?",
  '--map',
  'text=Que faudrait-il améliorer ?',
  '--map',
  'date=Date de sortie',
  '--map',
  'department=Service',
  '--map',
  'survey=Questionnaire',
  '--map',
  'score=Score global',
];

describe('verbatim run on the dirty e-Satis export', () => {
  let out = '';
  let first: CliResult;
  let summary: RunSummary;

  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'vb-run-'));
    first = runCli(['run', EXPORT, ...MAP, '--out', out, '--json', '--verbose']);
    summary = JSON.parse(first.stdout);
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('exits 0 and keeps rows_read = ok + empty + quarantined + duplicates', () => {
    expect(first.status, first.stderr).toBe(0);
    expect(summary.rows_read).toBe(
      summary.records_ok + summary.records_empty + summary.records_quarantined + summary.duplicates,
    );
  });

  it('counts exactly what the corpus holds', () => {
    expect(summary.rows_read).toBe(expected.rows_read);
    expect(summary.duplicates).toBe(expected.duplicates);
    expect(summary.records_quarantined).toBe(expected.quarantined);
    expect(summary.records_empty).toBe(expected.empty_rows);
    expect(summary.records_ok).toBe(expected.ok_rows);
    expect(summary.text_records).toBe(expected.text_records);
  });

  it('writes every contract output', () => {
    for (const file of ['summary.json', 'segments.csv', 'quarantine.csv', 'report.html']) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    const rows = parse(readFileSync(join(out, 'segments.csv')), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'run_id',
      'source',
      'record_id',
      'field',
      'segment_index',
      'speaker',
      'role',
      'text',
      'themes',
      'valence',
      'scores',
    ]);
    expect(rows.length).toBe(summary.segments);
    const quarantine = parse(readFileSync(join(out, 'quarantine.csv')), { columns: true }) as Record<string, string>[];
    expect(quarantine.length).toBe(expected.quarantined);
    for (const q of quarantine) expect(Number(q.line)).toBeGreaterThan(1);
  });

  it('leaves no planted PII in any output file, the database or the log', () => {
    const texts = readdirSync(out)
      .filter((f) => !f.startsWith('verbatim.db'))
      .map((f) => [f, readFileSync(join(out, f), 'utf8')] as const);
    const db = new Database(join(out, 'verbatim.db'), { readonly: true });
    const stored = [
      ...db.prepare('select text, pii_json from records').all(),
      ...db.prepare('select text, scores_json from segments').all(),
      ...db.prepare('select evidence_json from labels').all(),
      ...db.prepare('select reason from quarantine').all(),
      ...db.prepare('select options_json, summary_json from runs').all(),
    ]
      .map((row) => Object.values(row as object).join('\n'))
      .join('\n');
    db.close();
    const haystacks = [...texts, ['verbatim.db', stored] as const, ['stderr', first.stderr] as const];
    const leaks: string[] = [];
    for (const value of expected.pii) {
      for (const [name, content] of haystacks) {
        if (content.includes(value)) leaks.push(`${value} in ${name}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('records the run in the audit trail, with counts and no text', () => {
    const db = new Database(join(out, 'verbatim.db'), { readonly: true });
    const entries = db
      .prepare("select actor, action, run_id, details_json from audit where action = 'run_finished'")
      .all() as {
      run_id: string;
      details_json: string;
    }[];
    db.close();
    expect(entries.length).toBeGreaterThanOrEqual(1);
    expect(entries[0]?.run_id).toBe(summary.run_id);
    expect(JSON.parse(entries[0]?.details_json ?? '{}')).toMatchObject({ rows_read: expected.rows_read });
  });

  it('re-running the same input into the same database duplicates nothing', () => {
    const db = new Database(join(out, 'verbatim.db'), { readonly: true });
    const before = db
      .prepare(
        'select (select count(*) from records) r, (select count(*) from segments) s, (select count(*) from labels) l, (select count(*) from runs) n',
      )
      .get();
    db.close();
    const again = runCli(['run', EXPORT, ...MAP, '--out', out, '--json']);
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).run_id).toBe(summary.run_id);
    const db2 = new Database(join(out, 'verbatim.db'), { readonly: true });
    const after = db2
      .prepare(
        'select (select count(*) from records) r, (select count(*) from segments) s, (select count(*) from labels) l, (select count(*) from runs) n',
      )
      .get();
    db2.close();
    expect(after).toEqual(before);
  });

  it('--strict exits 3 when rows were quarantined', () => {
    const strictOut = mkdtempSync(join(tmpdir(), 'vb-strict-'));
    const strict = runCli(['run', EXPORT, ...MAP, '--out', strictOut, '--strict', '--quiet']);
    rmSync(strictOut, { recursive: true, force: true });
    expect(strict.status).toBe(3);
  });
});
