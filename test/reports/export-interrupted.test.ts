/**
 * `verbatim export --format qdpx` stopped by SIGTERM or SIGINT mid-way removes its partial
 * `.qdpx` and its temp file: a truncated project would look finished to whoever opens it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRun } from '../../bench/synthetic-store.js';
import { loadDefaultCodebook } from '../../models/codebooks/codebook.js';
import { openStore } from '../../pipeline/store/open-store.js';

const BIN = fileURLToPath(new URL('../../bin/verbatim.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'verbatim-export-interrupted-'));
const db = join(dir, 'store.db');

beforeAll(async () => {
  const store = await openStore(db);
  await store.close();
  const sqlite = new Database(db);
  // 100,000 segments: an export of several seconds, long enough to be stopped in the middle.
  generateRun(
    sqlite,
    'run-interrupted',
    100_000,
    loadDefaultCodebook().themes.map((t) => t.id as string),
    5,
  );
  sqlite.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function stopMidway(signal: 'SIGTERM' | 'SIGINT', out: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    ['--max-old-space-size=512', BIN, 'export', '--db', db, '--format', 'qdpx', '--out', out],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (t: string) => {
    stderr += t;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Wait until the archive has started to fill, then stop the export.
  const deadline = Date.now() + 60_000;
  while (!(existsSync(out) && statSync(out).size > 64 * 1024) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(existsSync(out), 'the export never started writing').toBe(true);
  child.kill(signal);
  return { code: await exited, stderr };
}

describe('an interrupted QDPX export', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)(
    'removes its partial files on %s and exits with %i',
    async (signal, expected) => {
      const out = join(dir, `${signal}.qdpx`);
      const { code, stderr } = await stopMidway(signal, out);
      expect(code).toBe(expected);
      expect(stderr).toContain('fichiers partiels supprimés');
      expect(readdirSync(dir).filter((f) => f.startsWith(signal))).toEqual([]);
    },
    120_000,
  );
});
