import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunId } from '../../pipeline/record.js';
import { openStore } from '../../pipeline/store/open-store.js';
import { makeRecord, makeSegment } from '../helpers/fixtures.js';
import { runCli } from '../helpers/run-cli.js';

/** A store with 12 segments double-coded by two people who disagree on two of them. */
async function fixtureStore(db: string): Promise<void> {
  const store = await openStore(db);
  const runId = 'run-agree' as RunId;
  await store.startRun({ runId, modelVersion: 'lexical-test', codebookVersion: 'test', options: {} });
  const records = Array.from({ length: 12 }, (_, i) =>
    makeRecord({ row: i + 1, text: `Texte <script>alert(${i})</script>` }),
  );
  await store.saveChunk(runId, {
    records: records.map((record) => ({ record, valence: 'negative' as const, hasTheme: true })),
    segments: records.map((r, i) => makeSegment(r, 0, i % 2 === 0 ? ['food'] : ['pain'])),
  });
  const v = store.validation;
  const a = await v.createUser({ email: 'a@example.org', displayName: 'A', role: 'coresearcher' });
  const b = await v.createUser({ email: 'b@example.org', displayName: 'B', role: 'coresearcher' });
  for (const [i, r] of records.entries()) {
    const theme = i % 2 === 0 ? 'food' : 'pain';
    await v.saveValidation({
      runId,
      recordKey: r.key,
      segmentIndex: 0,
      userId: a.userId,
      themes: [theme],
      valence: 'negative',
    });
    const other = i < 2 ? (theme === 'food' ? 'pain' : 'food') : theme;
    await v.saveValidation({
      runId,
      recordKey: r.key,
      segmentIndex: 0,
      userId: b.userId,
      themes: [other],
      valence: 'negative',
    });
  }
  await store.close();
}

describe('verbatim agreement', () => {
  let dir = '';
  let db = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vb-agree-'));
    db = join(dir, 'verbatim.db');
    await fixtureStore(db);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the JSON report of the last validated run', () => {
    const r = runCli(['agreement', '--db', db, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ runId: 'run-agree', validatedSegments: 12, validators: 2, doubleCoded: 12 });
    const food = report.rows.find(
      (x: { target: string; comparison: string }) => x.target === 'theme:food' && x.comparison === 'humans',
    );
    // 10 of 12 segments agree on food; alpha on this 2-coder table: 1 - 11 * 4/(12*12*... ) computed independently below.
    expect(food.units).toBe(12);
    expect(food.percentAgreement).toBeCloseTo(10 / 12, 10);
    // Coincidences: oui-oui 10 (5 units ×2), non-non 10, oui-non 2, non-oui 2; n=24, n_oui=n_non=12.
    // alpha = 1 - (n-1) * 4 / (2 * 12 * 12) = 1 - 23*4/288
    expect(food.alpha).toBeCloseTo(1 - (23 * 4) / 288, 10);
    const machine = report.rows.find(
      (x: { target: string; comparison: string }) => x.target === 'theme:food' && x.comparison === 'machine-humans',
    );
    expect(machine.units).toBe(24);
    expect(machine.percentAgreement).toBeCloseTo(22 / 24, 10);
  });

  it('prints a French table without comment text', () => {
    const r = runCli(['agreement', '--db', db, '--run', 'run-agree']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('12 segments validés par 2 personne(s)');
    expect(r.stdout).toMatch(/food\s+humains entre eux\s+12\s+83 %\s+0,67\s+0,68\s+accord substantiel/);
    expect(r.stdout).not.toContain('script');
  });

  it('fails with USAGE on a run without validations and INPUT_MISSING without a store', () => {
    const r = runCli(['agreement', '--db', db, '--run', 'nope']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error \[USAGE\].*no validation/);
    expect(runCli(['agreement', '--db', join(dir, 'none.db')]).stderr).toMatch(/INPUT_MISSING/);
  });
});
