/**
 * `verbatim run` on the interview corpus: speaker-attributed segments with normalized roles;
 * interviewer turns kept as context and never coded.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';

const FILES = ['entretien-ru-chu1.txt', 'entretien-ide-ch2.docx', 'focus-groupe-ch2.vtt'].map((f) =>
  join(REPO_ROOT, 'corpora/interviews', f),
);

describe('verbatim run on interview transcripts', () => {
  let out = '';
  let rows: Record<string, string>[] = [];
  let stderr = '';

  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'vb-interviews-'));
    const r = runCli(['run', ...FILES, '--out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    stderr = r.stderr;
    rows = parse(readFileSync(join(out, 'segments.csv')), { columns: true }) as Record<string, string>[];
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('gives every segment of every file a speaker and a normalized role', () => {
    const sources = new Set(rows.map((r) => r.source));
    expect(sources.size).toBe(3);
    const attributed = rows.filter((r) => r.speaker !== '');
    expect(attributed.length / rows.length).toBeGreaterThan(0.95);
    const roles = new Set(rows.map((r) => r.role));
    for (const role of ['RU', 'Patient', 'IDE', 'Cadre', 'Médecin', 'Direction des soins', 'Interviewer']) {
      expect(roles, role).toContain(role);
    }
  });

  it('never codes interviewer turns', () => {
    const interviewer = rows.filter((r) => r.role === 'Interviewer');
    expect(interviewer.length).toBeGreaterThan(5);
    for (const r of interviewer) expect(r.themes).toBe('');
  });

  it('codes the headline themes in what participants say', () => {
    const themes = new Set(rows.flatMap((r) => (r.themes ?? '').split(';').filter(Boolean)));
    for (const t of ['communication', 'fear_of_reprisal', 'legitimacy']) expect(themes, t).toContain(t);
  });

  it('leaves none of the planted PII in segments.csv, the report or the log', () => {
    const planted = JSON.parse(readFileSync(join(REPO_ROOT, 'corpora/interviews/pii.json'), 'utf8')) as Record<
      string,
      string[]
    >;
    const outputs = ['segments.csv', 'report.html', 'summary.json'].map((f) => readFileSync(join(out, f), 'utf8'));
    const leaks = Object.values(planted)
      .flat()
      .filter((value) => [...outputs, stderr].some((content) => content.includes(value)));
    expect(leaks).toEqual([]);
  });
});
