import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeWithBase, validationExamples } from '../../cli/commands/train-from-validations.js';
import type { RunId } from '../../pipeline/record.js';
import { openStore } from '../../pipeline/store/open-store.js';
import type { Validation } from '../../pipeline/store/validation-types.js';
import { makeRecord, makeSegment } from '../helpers/fixtures.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';

const SLOW = { timeout: 300_000 };

function answer(userId: string, themes: string[], valence: string | null, unsure = false): Validation {
  return {
    validationId: `${userId}-${themes.join()}`,
    batchId: null,
    runId: 'r',
    recordKey: 'k',
    segmentIndex: 0,
    userId,
    kind: 'decision',
    themes,
    valence,
    unsure,
    note: null,
    before: { origin: 'machine', themes: [], valence: null, unsure: false },
    modelVersion: 'm',
    codebookVersion: 'c',
    createdAt: '2026-01-01T00:00:00.000Z',
    supersededBy: null,
  };
}

describe('validation examples', () => {
  it('uses the majority, excludes ties and « je ne sais pas », and counts them', () => {
    const seg = (answers: Validation[]) => ({ text: 't', prompt: 'improvement' as const, answers });
    const { examples, stats } = validationExamples([
      seg([
        answer('a', ['food', 'pain'], 'negative'),
        answer('b', ['food'], 'negative'),
        answer('c', ['food'], 'mixed'),
      ]),
      seg([answer('a', ['food'], 'negative'), answer('b', [], 'negative')]), // tie on food
      seg([answer('a', [], null, true)]), // je ne sais pas
      seg([answer('a', ['pain'], 'negative'), answer('b', ['pain'], 'positive'), answer('c', [], null, true)]),
    ]);
    expect(examples).toEqual([
      { text: 't', prompt: 'improvement', labels: ['food'], valence: 'negative' },
      { text: 't', prompt: 'improvement', labels: ['pain'] },
    ]);
    expect(stats).toMatchObject({ segments: 4, examples: 2, excludedUnsure: 1, excludedTies: 1, valenceTies: 1 });
    expect(stats.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a validated text replaces the identical base text', () => {
    const base = {
      examples: [
        { text: 'a', prompt: 'improvement' as const, labels: ['food'] },
        { text: 'b', prompt: 'improvement' as const, labels: ['pain'] },
      ],
      labels: ['food', 'pain'],
    };
    const { table, replaced } = mergeWithBase(base, [{ text: 'a', prompt: 'improvement', labels: ['communication'] }]);
    expect(replaced).toBe(1);
    expect(table.examples.map((e) => `${e.text}:${e.labels.join()}`)).toEqual(['b:pain', 'a:communication']);
    expect(table.labels).toEqual(['food', 'pain', 'communication']);
  });
});

describe('verbatim train --from-validations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vb-trainval-'));
  const db = join(dir, 'verbatim.db');
  const baseData = join(dir, 'base.jsonl');
  // fr-train texts only (never fr-heldout): 60 as base data, the next 24 validated by two people.
  const lines = readFileSync(join(REPO_ROOT, 'corpora/fr-train/fr-train.jsonl'), 'utf8').trim().split('\n');
  const rows = lines.map((l) => JSON.parse(l) as { text: string; themes: string[]; valence?: string });

  beforeAll(async () => {
    writeFileSync(baseData, `${lines.slice(0, 60).join('\n')}\n`);
    const store = await openStore(db);
    const runId = 'run-fr' as RunId;
    await store.startRun({ runId, modelVersion: 'lexical-test', codebookVersion: 'test', options: {} });
    const validated = rows.slice(60, 84);
    const records = validated.map((r, i) => makeRecord({ row: i + 1, text: r.text }));
    await store.saveChunk(runId, {
      records: records.map((record) => ({ record, valence: 'negative' as const, hasTheme: true })),
      segments: records.map((r) => makeSegment(r, 0, [])),
    });
    const a = await store.validation.createUser({ email: 'a@example.org', displayName: 'A', role: 'coresearcher' });
    const b = await store.validation.createUser({ email: 'b@example.org', displayName: 'B', role: 'coresearcher' });
    for (const [i, r] of validated.entries()) {
      const target = { runId, recordKey: records[i]?.key as string, segmentIndex: 0 };
      await store.validation.saveValidation({ ...target, userId: a.userId, themes: r.themes, valence: 'negative' });
      // B agrees except on the last 4 segments (ties → excluded) and says « je ne sais pas » on 2.
      if (i < 2) await store.validation.saveValidation({ ...target, userId: b.userId, unsure: true });
      else if (i >= 20) await store.validation.saveValidation({ ...target, userId: b.userId, themes: ['food'] });
      else
        await store.validation.saveValidation({ ...target, userId: b.userId, themes: r.themes, valence: 'negative' });
    }
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('trains on base data + validated labels, compares with the base, records the provenance', SLOW, () => {
    const args = [
      'train',
      '--from-validations',
      '--db',
      db,
      '--in',
      baseData,
      '--name',
      'valide',
      '--models-dir',
      join(dir, 'models'),
      '--folds',
      '3',
    ];
    const r = runCli([...args, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const tied = rows.slice(80, 84).filter((x) => !(x.themes.length === 1 && x.themes[0] === 'food')).length;
    expect(out.fromValidations).toMatchObject({
      runId: 'run-fr',
      segments: 24,
      excludedUnsure: 0,
      excludedTies: tied,
      replacedBase: 0,
    });
    expect(out.training.examples).toBe(60 + 24 - tied);
    expect(out.training.source).toMatch(
      new RegExp(`^base\\.jsonl \\+ validations du run run-fr \\(${24 - tied} exemples, sha256 [0-9a-f]{64}\\)$`),
    );
    expect(out.fromValidations.base).toMatchObject({ name: 'fr-default', version: 'v3' });
    expect(out.fromValidations.base.crossValidation.micro.f1).toBeGreaterThan(0.7);
    const text = runCli(args);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/base fr-default v3\s+0\.\d{3}\s+0\.\d{3}\s+2964/);
    expect(text.stdout).toMatch(/nouveau valide v2/);
  });

  it('without a store is INPUT_MISSING; with a user base and no --in is a usage error', () => {
    expect(runCli(['train', '--from-validations', '--db', join(dir, 'none.db'), '--name', 'x']).stderr).toMatch(
      /INPUT_MISSING/,
    );
    const r = runCli([
      'train',
      '--from-validations',
      '--db',
      db,
      '--name',
      'x',
      '--base',
      'nothing',
      '--models-dir',
      join(dir, 'models'),
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--base: no linear model "nothing"/);
  });
});
