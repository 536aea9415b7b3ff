/**
 * Queue benchmark: the same synthetic e-Satis input run embedded and through BullMQ with 1 and 2
 * `verbatim worker` processes, every run a real CLI process as a user would start it.
 *   node --import tsx bench/queue.ts [ROWS]   (default 200000)
 * Needs Redis (VERBATIM_BENCH_REDIS, default redis://127.0.0.1:6379) and PostgreSQL
 * (VERBATIM_BENCH_PG, default postgres://postgres@127.0.0.1:5432/test); uses its own key prefix
 * and schema and removes them. Prints one JSON line per setup: rows/s, records/s, Redis memory
 * (used_memory before, peak while running, after), each worker's event-loop delay (p99 and max,
 * ms) and the machine's load average, then the ratios the targets are about. One worker is also
 * run with `--no-threads` (classification in the main thread) to show what the threads change.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { postgresCpuSeconds, processCpuSeconds } from './process-cpu.js';
import { writeSyntheticEsatis } from './synthetic-esatis.js';

const BIN = fileURLToPath(new URL('../bin/verbatim.js', import.meta.url));
const REDIS_URL = process.env.VERBATIM_BENCH_REDIS ?? 'redis://127.0.0.1:6379';
const PG_URL = process.env.VERBATIM_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const rows = Number(process.argv[2] ?? 200_000);
const dir = mkdtempSync(join(tmpdir(), 'verbatim-bench-queue-'));
const input = join(dir, 'esatis.csv');
const redis = new Redis(REDIS_URL);

async function usedMemory(): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

async function redisCpuSeconds(): Promise<number> {
  const info = await redis.info('cpu');
  const get = (key: string) => Number(new RegExp(`${key}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return get('used_cpu_user') + get('used_cpu_sys');
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

interface StartedWorker {
  child: ChildProcess;
  /** The worker's stderr so far (structured logs: --verbose). */
  stderr(): string;
}

function startWorker(args: string[]): Promise<StartedWorker> {
  // The heap flag makes bin/verbatim.js run in this child instead of forking again.
  const child = spawn(process.execPath, ['--max-old-space-size=256', BIN, 'worker', '--verbose', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
      if (stderr.includes('worker prêt')) resolve({ child, stderr: () => stderr });
    });
    child.once('exit', () => reject(new Error(`worker exited: ${stderr.slice(-2000)}`)));
  });
}

/** The `event loop delay` line a worker logs when it stops. */
function eventLoopDelay(stderr: string): { p99Ms: number; maxMs: number } | undefined {
  const line = stderr.split('\n').find((l) => l.includes('"msg":"event loop delay"'));
  if (!line) return undefined;
  const { p99Ms, maxMs } = JSON.parse(line) as { p99Ms: number; maxMs: number };
  return { p99Ms, maxMs };
}

const results = new Map<string, number>();
const runCpuOf = new Map<string, number>();
const elapsedOf = new Map<string, number>();

async function measure(
  name: string,
  workers: number,
  db: 'sqlite' | 'postgres',
  workerFlags: string[] = [],
): Promise<void> {
  const tag = `bench_${process.pid}_${name.toLowerCase().replace(/\W+/g, '_')}`;
  const out = join(dir, tag);
  const dbArgs = db === 'postgres' ? ['--db', PG_URL, '--db-schema', tag] : [];
  const queueArgs = ['--redis', REDIS_URL, '--queue-prefix', tag];
  const started = await Promise.all(
    Array.from({ length: workers }, () => startWorker([...queueArgs, ...dbArgs, ...workerFlags])),
  );
  const loadBefore = loadavg()[0] ?? 0;
  const before = await usedMemory();
  let peak = before;
  const workerCpuBefore = started.map((w) => processCpuSeconds(w.child.pid));
  const t0 = performance.now();
  // The heap flag keeps the run in this child (bin/verbatim.js forks otherwise), so its CPU is read.
  const run = spawn(
    process.execPath,
    [
      '--max-old-space-size=2048',
      BIN,
      'run',
      input,
      '--out',
      out,
      '--quiet',
      '--verbose',
      ...dbArgs,
      ...(workers > 0 ? queueArgs : []),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  // Sampled while alive: /proc forgets a process once it exits.
  let driverCpu = 0;
  let workerCpu = started.map(() => 0);
  const sampler = setInterval(() => {
    driverCpu = Math.max(driverCpu, processCpuSeconds(run.pid));
    workerCpu = started.map((w, i) => Math.max(workerCpu[i] ?? 0, processCpuSeconds(w.child.pid)));
    usedMemory().then((m) => {
      peak = Math.max(peak, m);
    }, console.error);
  }, 200);
  let runErr = '';
  // CPU of every component at the driver's "run started" and "run processed" log lines: the run
  // itself, without start-up (module loading) nor the reports written afterwards.
  interface CpuSnapshot {
    driver: number;
    workers: number[];
    postgres: number;
    redis: number;
  }
  const snapshots: { start?: CpuSnapshot; end?: CpuSnapshot } = {};
  const snapshot = (): CpuSnapshot => {
    const taken: CpuSnapshot = {
      driver: processCpuSeconds(run.pid),
      workers: started.map((w) => processCpuSeconds(w.child.pid)),
      postgres: postgresCpuSeconds(),
      redis: Number.NaN,
    };
    redisCpuSeconds().then((c) => {
      taken.redis = c;
    }, console.error);
    return taken;
  };
  run.stderr.setEncoding('utf8').on('data', (text: string) => {
    runErr += text;
    if (!snapshots.start && runErr.includes('"msg":"run started"')) snapshots.start = snapshot();
    if (!snapshots.end && runErr.includes('"msg":"run processed"')) snapshots.end = snapshot();
  });
  const code = await exited(run);
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  workerCpu = started.map((w, i) => Math.max(workerCpu[i] ?? 0, processCpuSeconds(w.child.pid)));
  const { start: first, end: last } = snapshots;
  const during = {
    driver: (last?.driver ?? Number.NaN) - (first?.driver ?? Number.NaN),
    workers: (last?.workers ?? []).reduce((sum, c, i) => sum + c - (first?.workers[i] ?? 0), 0),
    postgres: (last?.postgres ?? Number.NaN) - (first?.postgres ?? Number.NaN),
    redis: (last?.redis ?? Number.NaN) - (first?.redis ?? Number.NaN),
  };
  const runCpu = during.driver + during.workers + during.postgres + during.redis;
  // Whole processes, start-up and the reports included; PostgreSQL backends that exit with their
  // connection are only counted in run_cpu_s, read while they are alive.
  const cpu = {
    driver: Number(driverCpu.toFixed(1)),
    workers: workerCpu.map((c, i) => Number((c - (workerCpuBefore[i] ?? 0)).toFixed(1))),
  };
  const after = await usedMemory();
  const loadAfter = loadavg()[0] ?? 0;
  await Promise.all(started.map((w) => Promise.all([exited(w.child), w.child.kill('SIGTERM')])));
  if (code !== 0) throw new Error(`${name}: verbatim run exited with ${code}: ${runErr}`);
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
  process.stdout.write(
    `${JSON.stringify({
      setup: name,
      rows,
      text_records: summary.text_records,
      segments: summary.segments,
      dead_letter_chunks: summary.dead_letter_chunks ?? 0,
      // Wall clock includes process start-up and writing the reports (segments.csv, report.html);
      // pipeline_s is the run itself as summary.json measures it.
      seconds: Number(seconds.toFixed(1)),
      pipeline_s: summary.elapsed_s,
      pipeline_records_per_s: Math.round(summary.text_records / summary.elapsed_s),
      rows_per_s: Math.round(rows / seconds),
      records_per_s: Math.round(summary.text_records / seconds),
      // CPU seconds per process (sampled every 200 ms, so a lower bound).
      process_cpu_s: cpu,
      // The same, between the driver's "run started" and "run processed" lines only.
      run_cpu_s: {
        driver: Number(during.driver.toFixed(1)),
        workers: Number(during.workers.toFixed(1)),
        postgres: Number(during.postgres.toFixed(1)),
        redis: Number(during.redis.toFixed(1)),
        total: Number(runCpu.toFixed(1)),
        cores_busy: Number((runCpu / summary.elapsed_s).toFixed(2)),
      },
      redis_used_mb: { before: mb(before), peak: mb(peak), after: mb(after) },
      worker_event_loop_delay_ms: started.map((w) => eventLoopDelay(w.stderr())),
      load_average_1min: { before: Number(loadBefore.toFixed(1)), after: Number(loadAfter.toFixed(1)) },
    })}\n`,
  );
  // The ratios use the run itself (summary.json elapsed_s), not process start-up and reports.
  results.set(name, summary.text_records / summary.elapsed_s);
  runCpuOf.set(name, runCpu);
  elapsedOf.set(name, summary.elapsed_s);
  if (db === 'postgres') {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${tag} CASCADE`);
    await client.end();
  }
  const keys = await redis.keys(`${tag}:*`);
  if (keys.length > 0) await redis.del(...keys);
}

try {
  await writeSyntheticEsatis(input, rows);
  await measure('embedded, SQLite', 0, 'sqlite');
  await measure('embedded, PostgreSQL', 0, 'postgres');
  await measure('BullMQ, 1 worker, PostgreSQL', 1, 'postgres');
  await measure('BullMQ, 2 workers, PostgreSQL', 2, 'postgres');
  await measure('BullMQ, 1 worker --no-threads, PostgreSQL', 1, 'postgres', ['--no-threads']);
  const ratio = (a: string, b: string) => Number(((results.get(a) ?? 0) / (results.get(b) ?? 1)).toFixed(2));
  process.stdout.write(
    `${JSON.stringify({
      two_workers_over_one: ratio('BullMQ, 2 workers, PostgreSQL', 'BullMQ, 1 worker, PostgreSQL'),
      one_worker_over_embedded_pg: ratio('BullMQ, 1 worker, PostgreSQL', 'embedded, PostgreSQL'),
      one_worker_over_embedded_sqlite: ratio('BullMQ, 1 worker, PostgreSQL', 'embedded, SQLite'),
      // The most any number of workers could gain over one on this machine's cores: the one-worker
      // run's CPU (driver, worker, PostgreSQL, Redis) spread perfectly over every core, no overhead.
      cores: availableParallelism(),
      cpu_bound_ceiling_over_one_worker: Number(
        (
          ((elapsedOf.get('BullMQ, 1 worker, PostgreSQL') ?? 0) * availableParallelism()) /
          (runCpuOf.get('BullMQ, 1 worker, PostgreSQL') ?? 1)
        ).toFixed(2),
      ),
    })}\n`,
  );
} finally {
  redis.disconnect();
  rmSync(dir, { recursive: true, force: true });
}
