/**
 * Chunk writes to the store: `saveChunk` of synthetic chunks (500 records, 1–2 segments each,
 * 1–2 labels per segment, as the e-Satis sample gives), timed, with the CPU seconds the
 * PostgreSQL server spent (all its processes, read from /proc while the connections are open).
 *   node --import tsx bench/store-writes.ts [CHUNKS] [postgres://… | sqlite]   (default 40, local PostgreSQL)
 * Uses its own schema (PostgreSQL) or a temp file (SQLite) and removes it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { RunId } from '../pipeline/record.js';
import { isPostgresUrl, openStore } from '../pipeline/store/open-store.js';
import type { StoredChunk } from '../pipeline/store/store.js';
import { makeRecord, makeSegment } from '../test/helpers/fixtures.js';
import { postgresCpuSeconds } from './process-cpu.js';

const chunks = Number(process.argv[2] ?? 40);
const dir = mkdtempSync(join(tmpdir(), 'verbatim-bench-store-'));
const url = process.argv[3] ?? 'postgres://postgres@127.0.0.1:5432/test';
const postgres = isPostgresUrl(url);
const schema = `bench_store_${process.pid}`;
const THEMES = ['communication', 'waiting_delays', 'meals', 'respect_dignity', 'fear_of_reprisal'];

function chunk(n: number): StoredChunk {
  const records: StoredChunk['records'] = [];
  const segments: StoredChunk['segments'] = [];
  for (let i = 0; i < 500; i++) {
    const row = n * 500 + i + 1;
    const record = makeRecord({
      row,
      text: `Commentaire ${row} : l'attente aux urgences était longue, mais l'équipe a "bien" expliqué\\ le traitement.`,
    });
    records.push({ record, valence: 'mixed', hasTheme: true });
    segments.push(makeSegment(record, 0, [THEMES[row % 5] as string]));
    if (row % 2 === 0)
      segments.push(
        makeSegment(record, 1, [THEMES[(row + 1) % 5] as string, THEMES[(row + 2) % 5] as string], 'positive'),
      );
  }
  return { records, segments };
}

const store = await openStore(postgres ? url : join(dir, 'bench.db'), postgres ? { pgSchema: schema } : {});
try {
  const runId = 'run-benchstore' as RunId;
  await store.startRun({ runId, modelVersion: 'bench', codebookVersion: 'bench', options: {} });
  const prepared = Array.from({ length: chunks }, (_, n) => chunk(n));
  const segments = prepared.reduce((s, c) => s + c.segments.length, 0);
  const cpu0 = process.cpuUsage();
  const pg0 = postgres ? postgresCpuSeconds() : 0;
  const t0 = performance.now();
  for (const c of prepared) await store.saveChunk(runId, c);
  const seconds = (performance.now() - t0) / 1000;
  const serverCpu = postgres ? postgresCpuSeconds() - pg0 : 0;
  const used = process.cpuUsage(cpu0);
  process.stdout.write(
    `${JSON.stringify({
      store: postgres ? 'postgres' : 'sqlite',
      chunks,
      records: chunks * 500,
      segments,
      seconds: Number(seconds.toFixed(2)),
      records_per_s: Math.round((chunks * 500) / seconds),
      client_cpu_s: Number(((used.user + used.system) / 1e6).toFixed(2)),
      server_cpu_s: Number(serverCpu.toFixed(2)),
    })}\n`,
  );
} finally {
  await store.close();
  if (postgres) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
  rmSync(dir, { recursive: true, force: true });
}
