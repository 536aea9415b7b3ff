import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CODEBOOK_PATH, loadCodebook } from '../../models/codebooks/codebook.js';
import { loadClassifier } from '../../models/registry.js';
import { openStore } from '../../pipeline/store/open-store.js';
import { runCli } from '../helpers/run-cli.js';

describe('verbatim models promote', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vb-promote-'));
  const modelsDir = join(dir, 'models');
  const db = join(dir, 'verbatim.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes default.json, appends to promotions.jsonl and the store audit; the registry follows it', async () => {
    const codebook = loadCodebook(DEFAULT_CODEBOOK_PATH);
    const before = loadClassifier('fr-default', codebook, { modelsDir }).modelVersion;
    const r = runCli(['models', 'promote', 'fr-linear', '--dir', modelsDir, '--by', 'rita', '--db', db, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ model: 'fr-linear', by: 'rita', previous: null });
    expect(JSON.parse(readFileSync(join(modelsDir, 'default.json'), 'utf8')).model).toBe('fr-linear');
    const after = loadClassifier('fr-default', codebook, { modelsDir }).modelVersion;
    expect(after).not.toBe(before);
    expect(after).toBe(loadClassifier('fr-linear', codebook, { modelsDir }).modelVersion);
    const list = JSON.parse(runCli(['models', 'list', '--dir', modelsDir, '--json']).stdout) as {
      name: string;
      default: boolean;
    }[];
    expect(list.filter((m) => m.default).map((m) => m.name)).toEqual(['fr-linear']);

    expect(runCli(['models', 'promote', 'fr-default', '--dir', modelsDir, '--by', 'rita']).status).toBe(0);
    const log = readFileSync(join(modelsDir, 'promotions.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(log.map((p) => `${p.previous}->${p.model}`)).toEqual(['null->fr-linear', 'fr-linear->fr-default']);
    const store = await openStore(db);
    const audit = await store.db.selectFrom('audit').selectAll().where('action', '=', 'model.promote').execute();
    await store.close();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor).toBe('rita');
  });

  it('refuses an unknown model without writing anything', () => {
    const other = join(dir, 'other');
    const r = runCli(['models', 'promote', 'nothing', '--dir', other]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/unknown model "nothing"/);
    expect(existsSync(join(other, 'default.json'))).toBe(false);
  });
});
