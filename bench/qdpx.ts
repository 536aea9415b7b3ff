/**
 * The REFI-QDA export (`.qdpx`: one zip entry per record) on large runs:
 *   node --import tsx bench/qdpx.ts [--records 20000,200000] [--validate 20000] [--keep]
 * For each size, a synthetic store is written with bulk inserts (bench/synthetic-store.ts, the
 * generator of bench/report.ts), then a fresh child process runs `writeQdpx` and prints one JSON
 * line (records, sources, seconds, CPU seconds, MB, peak RSS), so that neither generation nor the
 * checks count in the export's memory. The archive is then read back with yauzl: its entry count
 * must be the sources plus project.qde, and the `--validate` size's project.qde must pass the
 * REFI-QDA Project schema.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import yauzl from 'yauzl';
import { loadDefaultCodebook } from '../models/codebooks/codebook.js';
import { openStore, type RunId } from '../pipeline/index.js';
import { writeQdpx } from '../reports/qdpx-export.js';
import { refiSchemaErrors } from '../test/reports/qdc-schema.js';
import { generateRun } from './synthetic-store.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : (args[i + 1] ?? fallback);
};
const OUT = join(dirname(fileURLToPath(import.meta.url)), 'out');
const RUN = 'run-bench-qdpx' as RunId;

/** One measured export, as printed by the child process. */
interface Measure {
  records: number;
  sources: number;
  seconds: number;
  cpuSeconds: number;
  MB: number;
  peakRssMiB: number;
  rssBeforeMiB: number;
}

/** Writes a store of about `records` records (2.5 segments each on average). */
async function generate(db: string, records: number): Promise<void> {
  rmSync(db, { force: true });
  const store = await openStore(db);
  await store.close();
  const sqlite = new Database(db);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  const themes = loadDefaultCodebook().themes.map((t) => t.id as string);
  generateRun(sqlite, RUN, Math.round(records * 2.5), themes, 3);
  sqlite.exec('ANALYZE');
  sqlite.close();
}

/** The child process: one export, timed. */
async function measure(db: string, out: string): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  const store = await openStore(db);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const stats = await writeQdpx(store, RUN, out, { codebook: loadDefaultCodebook() });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const row = await store.db
    .selectFrom('records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('run_id', '=', RUN)
    .executeTakeFirstOrThrow();
  await store.close();
  const result: Measure = {
    records: Number(row.n),
    sources: stats.sources,
    seconds: Number(seconds.toFixed(2)),
    cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
    MB: Number((stats.bytes / 1e6).toFixed(1)),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    rssBeforeMiB: Math.round(rssBefore / 2 ** 20),
  };
  console.log(JSON.stringify(result));
}

/** Reads the archive's central directory with yauzl: entry count and project.qde's text. */
function readBack(path: string, wantQde: boolean): Promise<{ entries: number; qde: string | null }> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      let qde: string | null = null;
      zip.on('error', reject);
      zip.on('end', () => resolve({ entries: zip.entryCount, qde }));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!wantQde || entry.fileName !== 'project.qde') return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            qde = Buffer.concat(chunks).toString('utf8');
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

if (args.includes('--measure')) {
  await measure(option('db', ''), option('out', ''));
} else {
  mkdirSync(OUT, { recursive: true });
  const sizes = option('records', '20000,200000').split(',').map(Number);
  const validate = Number(option('validate', String(Math.min(...sizes))));
  for (const records of sizes) {
    const db = join(OUT, `qdpx-${records}.db`);
    const out = join(OUT, `qdpx-${records}.qdpx`);
    if (!existsSync(db) || args.includes('--regenerate')) await generate(db, records);
    const line = execFileSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--measure', '--db', db, '--out', out],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    ).trim();
    const result = JSON.parse(line.split('\n').at(-1) ?? '{}') as Measure;
    const back = await readBack(out, records === validate);
    const check: Record<string, unknown> = { entries: back.entries, entriesOk: back.entries === result.sources + 1 };
    if (back.qde !== null) {
      const errors = await refiSchemaErrors(back.qde, 'project', 'project.qde');
      check.schemaErrors = errors.length;
      if (errors.length > 0) console.error(errors.slice(0, 5).join('\n'));
    }
    console.log(JSON.stringify({ ...result, fileMB: Number((statSync(out).size / 1e6).toFixed(1)), ...check }));
    if (check.entriesOk !== true || (check.schemaErrors ?? 0) !== 0) process.exitCode = 1;
    if (!args.includes('--keep')) {
      rmSync(out, { force: true });
      for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
    }
  }
}
