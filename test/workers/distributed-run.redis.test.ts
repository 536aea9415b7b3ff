/**
 * `verbatim run --redis` with real `verbatim worker` processes, Redis and PostgreSQL: the same
 * segments as the embedded run, nothing lost or duplicated when a worker is killed or Redis is
 * restarted, `--resume` after the driver is killed, exit code 4 when a service is unreachable.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticEsatis } from '../../bench/synthetic-esatis.js';
import { openStore } from '../../pipeline/store/open-store.js';
import { CHUNK_QUEUE, RUN_QUEUE } from '../../workers/queue-names.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { dropSchema, PG_URL, postgresAvailable, testSchema } from '../helpers/services.js';
import { freePort, PrivateRedis } from './private-redis.js';
import { deletePrefix, REDIS_URL, redisAvailable, testPrefix } from './redis-service.js';

const BIN = join(REPO_ROOT, 'bin/verbatim.js');
const available = (await redisAvailable()) && (await postgresAvailable());

interface SegmentRow {
  record_key: string;
  segment_index: number;
  text: string;
  themes: string;
  valence: string;
}

async function readSegments(db: string, pgSchema?: string): Promise<SegmentRow[]> {
  const store = await openStore(db, pgSchema ? { pgSchema } : {});
  try {
    return await store.db
      .selectFrom('segments')
      .select(['record_key', 'segment_index', 'text', 'themes', 'valence'])
      .orderBy('record_key')
      .orderBy('segment_index')
      .execute();
  } finally {
    await store.close();
  }
}

/** A `verbatim worker` process (heap flag given, so bin/verbatim.js does not fork: pid is the worker). */
class WorkerProcess {
  readonly child: ChildProcess;
  stderr = '';

  constructor(args: string[]) {
    this.child = spawn(process.execPath, ['--max-old-space-size=512', BIN, 'worker', '--verbose', ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      this.stderr += text;
    });
  }

  count(message: string): number {
    return this.stderr.split('\n').filter((line) => line.includes(`"msg":"${message}"`)).length;
  }

  async waitFor(predicate: () => boolean, timeoutMs = 180_000): Promise<void> {
    const started = Date.now();
    while (!predicate()) {
      if (this.child.exitCode !== null) throw new Error(`worker exited: ${this.stderr.slice(-500)}`);
      if (Date.now() - started > timeoutMs) throw new Error(`worker timeout: ${this.stderr.slice(-500)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.kill('SIGTERM');
    // A worker that cannot finish (its Redis gone after a failed test) must not outlive the suite.
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 60_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }
}

function workerId(worker: WorkerProcess): string {
  const ready = worker.stderr.split('\n').find((line) => line.includes('"msg":"worker ready"'));
  return (JSON.parse(ready ?? '{}') as { worker?: string }).worker ?? '';
}

/** Polls the active list until one of its jobs is locked by the worker; returns the job id. */
async function waitForLockHeldBy(prefix: string, worker: string): Promise<string> {
  const redis = new Redis(REDIS_URL);
  try {
    const started = Date.now();
    while (Date.now() - started < 10_000) {
      for (const id of await redis.lrange(`${prefix}:${CHUNK_QUEUE}:active`, 0, -1)) {
        const token = await redis.get(`${prefix}:${CHUNK_QUEUE}:${id}:lock`);
        if (token?.startsWith(`${worker}:`)) return id;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error('the worker never held a job');
  } finally {
    redis.disconnect();
  }
}

/**
 * Runs `verbatim run` without blocking this process (the test acts while it runs). The heap flag
 * is given so that bin/verbatim.js does not fork: `child` is the driver itself.
 */
function runAsync(args: string[]): { child: ChildProcess; done: Promise<{ status: number | null; stderr: string }> } {
  const child = spawn(process.execPath, ['--max-old-space-size=512', BIN, 'run', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const done = new Promise<{ status: number | null; stderr: string }>((resolve) => {
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    child.on('exit', (status) => resolve({ status, stderr }));
  });
  return { child, done };
}

/** Keys under a Redis prefix (SCAN). */
async function keysUnder(url: string, prefix: string): Promise<string[]> {
  const redis = new Redis(url);
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    return keys;
  } finally {
    redis.disconnect();
  }
}

// Worker processes start in seconds on an idle machine, but this one is shared (load 16 on 2 cores
// seen): generous timeouts, since a slow start is not what these tests are about.
describe.runIf(available)('verbatim run --redis with worker processes', { timeout: 600_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'vb-distributed-'));
  const input = join(dir, 'esatis.csv');
  const schemas: string[] = [];
  const prefixes: string[] = [];
  const workers: WorkerProcess[] = [];
  let embedded: SegmentRow[] = [];
  let embeddedSegments = 0;

  function startWorkers(
    n: number,
    schema: string,
    prefix: string,
    extra: string[] = [],
    redisUrl = REDIS_URL,
  ): WorkerProcess[] {
    const started = Array.from(
      { length: n },
      () =>
        new WorkerProcess([
          '--redis',
          redisUrl,
          '--db',
          PG_URL,
          '--db-schema',
          schema,
          '--queue-prefix',
          prefix,
          ...extra,
        ]),
    );
    workers.push(...started);
    return started;
  }

  function isolated(name: string): { schema: string; prefix: string } {
    const schema = testSchema(name);
    const prefix = testPrefix(name);
    schemas.push(schema);
    prefixes.push(prefix);
    return { schema, prefix };
  }

  beforeAll(async () => {
    await writeSyntheticEsatis(input, 2000);
    const result = runCli(['run', input, '--out', join(dir, 'embedded'), '--quiet']);
    expect(result.status, result.stderr).toBe(0);
    embedded = await readSegments(join(dir, 'embedded', 'verbatim.db'));
    embeddedSegments = JSON.parse(readFileSync(join(dir, 'embedded', 'summary.json'), 'utf8')).segments;
  }, 300_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await Promise.all(prefixes.map(deletePrefix));
    await Promise.all(schemas.map(dropSchema));
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same segments across 2 workers as the embedded run', async () => {
    const { schema, prefix } = isolated('two');
    const [a, b] = startWorkers(2, schema, prefix) as [WorkerProcess, WorkerProcess];
    await Promise.all([a.waitFor(() => a.count('worker ready') > 0), b.waitFor(() => b.count('worker ready') > 0)]);
    const out = join(dir, 'two');
    const args = ['--out', out, '--redis', REDIS_URL, '--db', PG_URL, '--db-schema', schema, '--queue-prefix', prefix];
    const result = runCli(['run', input, ...args, '--chunk-size', '100', '--quiet']);
    expect(result.status, result.stderr).toBe(0);

    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ segments: embeddedSegments, dead_letter_chunks: 0 });
    expect(await readSegments(PG_URL, schema)).toEqual(embedded);
    // Both processes took part: the work really was distributed.
    expect(a.count('chunk done')).toBeGreaterThan(0);
    expect(b.count('chunk done')).toBeGreaterThan(0);
    // Chunk jobs are removed on completion and the parent once the outputs are written: nothing of
    // the run stays in Redis.
    const queues = runCli(['queues', '--redis', REDIS_URL, '--queue-prefix', prefix, '--json']);
    expect(queues.status, queues.stderr).toBe(0);
    const { queues: counts } = JSON.parse(queues.stdout) as { queues: Record<string, Record<string, number>> };
    expect(Object.keys(counts).sort()).toEqual([CHUNK_QUEUE, RUN_QUEUE].sort());
    for (const perState of Object.values(counts)) expect(Object.values(perState).every((n) => n === 0)).toBe(true);
    // SIGTERM: graceful shutdown, exit code 0.
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);
  });

  it('completes on the surviving worker after kill -9 of the other: 0 lost, 0 duplicated', async () => {
    const { schema, prefix } = isolated('kill');
    // A short lock so that the dead worker's job is recovered within seconds, not a minute.
    const fast = ['--lock-duration', '2000', '--stalled-interval', '500'];
    const [victim, survivor] = startWorkers(2, schema, prefix, fast) as [WorkerProcess, WorkerProcess];
    await Promise.all([
      victim.waitFor(() => victim.count('worker ready') > 0),
      survivor.waitFor(() => survivor.count('worker ready') > 0),
    ]);
    const out = join(dir, 'kill');
    const run = runAsync(
      [input, '--out', out, '--redis', REDIS_URL, '--db', PG_URL, '--db-schema', schema].concat([
        '--queue-prefix',
        prefix,
        '--chunk-size',
        '20',
        '--quiet',
      ]),
    );
    await victim.waitFor(() => victim.count('chunk done') >= 3);
    // Kill it while it holds a job (its lock in Redis), so that recovery of a stalled job is tested,
    // not merely a worker gone between jobs.
    const held = await waitForLockHeldBy(prefix, workerId(victim));
    victim.child.kill('SIGKILL');
    const result = await run.done;
    expect(result.status, result.stderr).toBe(0);

    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ segments: embeddedSegments, dead_letter_chunks: 0 });
    const rows = await readSegments(PG_URL, schema);
    expect(rows).toEqual(embedded);
    expect(new Set(rows.map((r) => `${r.record_key}#${r.segment_index}`)).size).toBe(rows.length);
    // The victim may, rarely, finish `held` between our reading its lock and the kill; then there
    // is no stalled job to recover and the test still proves nothing was lost or duplicated.
    const victimFinishedHeld = victim.stderr.includes(`"job":"${held}","segments"`);
    if (!victimFinishedHeld) {
      expect(survivor.stderr).toContain(`"job":"${held}","msg":"chunk stalled, re-queued"`);
    }
    process.stderr.write(
      `[kill -9] victim did ${victim.count('chunk done')} chunks and died holding ${held}; ` +
        `survivor did ${survivor.count('chunk done')}, recovered ${survivor.count('chunk stalled, re-queued')} stalled\n`,
    );
  });

  it('resumes after the driver is killed: --resume RUN enqueues only what is missing', async () => {
    const { schema, prefix } = isolated('resume');
    const [worker] = startWorkers(1, schema, prefix) as [WorkerProcess];
    await worker.waitFor(() => worker.count('worker ready') > 0);
    const out = join(dir, 'resume');
    const args = [input, '--out', out, '--redis', REDIS_URL, '--db', PG_URL, '--db-schema', schema].concat([
      '--queue-prefix',
      prefix,
      '--chunk-size',
      '20',
      '--quiet',
    ]);
    const first = runAsync(args);
    await worker.waitFor(() => worker.count('chunk done') >= 5);
    first.child.kill('SIGKILL');
    expect((await first.done).status).toBeNull();
    const store = await openStore(PG_URL, { pgSchema: schema });
    const runs = await store.db.selectFrom('runs').select(['run_id', 'status']).execute();
    await store.close();
    expect(runs).toHaveLength(1);
    const runId = runs[0]?.run_id ?? '';

    const wrong = runCli([
      'run',
      input,
      '--out',
      out,
      '--redis',
      REDIS_URL,
      '--db',
      PG_URL,
      '--db-schema',
      schema,
      '--resume',
      'run-0000000000000000',
    ]);
    expect(wrong.status).toBe(1);
    const resumed = runCli(['run', ...args.filter((a) => a !== '--quiet'), '--resume', runId]);
    expect(resumed.status, resumed.stderr).toBe(0);
    const line = /reprise de (\S+) : (\d+) lot\(s\) déjà faits, (\d+) encore en file, (\d+) remis en file/.exec(
      resumed.stderr,
    );
    expect(line, resumed.stderr).not.toBeNull();
    const [, id, done, queued, enqueued] = line ?? [];
    expect(id).toBe(runId);
    // The first driver's finished chunks were kept, and the rest was enqueued, not all of it again.
    expect(Number(done)).toBeGreaterThanOrEqual(5);
    expect(Number(enqueued)).toBeGreaterThan(0);
    const chunks = Math.ceil(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).text_records / 20);
    expect(Number(done) + Number(queued) + Number(enqueued)).toBe(chunks);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ run_id: runId, segments: embeddedSegments, dead_letter_chunks: 0 });
    expect(await readSegments(PG_URL, schema)).toEqual(embedded);
    expect(await keysUnder(REDIS_URL, `${prefix}:${RUN_QUEUE}`)).toEqual(
      expect.not.arrayContaining([expect.stringContaining(runId)]),
    );
  });

  it('completes when Redis is killed and restarted mid-run (append-only Redis)', async () => {
    const redisDir = mkdtempSync(join(tmpdir(), 'vb-private-redis-'));
    const redis = new PrivateRedis(await freePort(), redisDir);
    await redis.start();
    try {
      const { schema, prefix } = isolated('restart');
      const started = startWorkers(2, schema, prefix, [], redis.url) as [WorkerProcess, WorkerProcess];
      await Promise.all(started.map((w) => w.waitFor(() => w.count('worker ready') > 0)));
      const out = join(dir, 'restart');
      const run = runAsync(
        [input, '--out', out, '--redis', redis.url, '--db', PG_URL, '--db-schema', schema].concat([
          '--queue-prefix',
          prefix,
          '--chunk-size',
          '20',
          '--quiet',
        ]),
      );
      const doneBefore = () => started.reduce((n, w) => n + w.count('chunk done'), 0);
      await started[0].waitFor(() => doneBefore() >= 10);
      await redis.kill();
      const atKill = doneBefore();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await redis.start();
      const result = await run.done;
      expect(result.status, result.stderr).toBe(0);
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
      expect(summary).toMatchObject({ segments: embeddedSegments, dead_letter_chunks: 0 });
      const rows = await readSegments(PG_URL, schema);
      expect(rows).toEqual(embedded);
      expect(new Set(rows.map((r) => `${r.record_key}#${r.segment_index}`)).size).toBe(rows.length);
      // Work went on after the restart: it was not all done before Redis went down.
      expect(doneBefore()).toBeGreaterThan(atKill);
      process.stderr.write(
        `[redis restart] ${atKill} chunks done when Redis was killed, ${doneBefore()} in all (re-runs of chunks in flight included)\n`,
      );
      for (const w of started) expect(await w.stop()).toBe(0);
    } finally {
      await redis.kill();
      rmSync(redisDir, { recursive: true, force: true });
    }
  });

  it('exits with code 4 and one line when PostgreSQL is unreachable, leaving nothing in Redis', async () => {
    const prefix = testPrefix('nopg');
    prefixes.push(prefix);
    const result = runCli(
      ['run', input, '--out', join(dir, 'nopg'), '--redis', REDIS_URL, '--queue-prefix', prefix].concat([
        '--db',
        'postgres://postgres@127.0.0.1:1/none',
        '--quiet',
      ]),
    );
    expect(result.status).toBe(4);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('PostgreSQL');
    expect(await keysUnder(REDIS_URL, prefix)).toEqual([]);
  });

  it('exits with code 4 when Redis is unreachable, for run and worker', () => {
    const run = runCli(['run', input, '--out', join(dir, 'noredis'), '--redis', 'redis://127.0.0.1:1', '--db', PG_URL]);
    expect(run.status).toBe(4);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    const worker = runCli(['worker', '--redis', 'redis://127.0.0.1:1', '--db', PG_URL]);
    expect(worker.status).toBe(4);
    expect(worker.stderr).toContain('Redis');
  });
});
