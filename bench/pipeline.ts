/**
 * End-to-end benchmark of the embedded pipeline (in-process runner, SQLite file):
 *   node --import tsx bench/pipeline.ts [ROWS...]   (default 10000 100000)
 * The model is the product's default (`VERBATIM_BENCH_MODEL=lexical` for the rules alone).
 * Each size runs in a fresh child process so that peak RSS is per size. Prints rows/s end to
 * end, records/s per stage and peak RSS.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClassifier } from '../cli/build-classifier.js';
import { DEFAULT_MAX_HEAP_MB, HEAP_FLAG } from '../cli/heap-limit.js';
import { DEFAULT_MODEL } from '../models/registry.js';
import { openStore } from '../pipeline/index.js';
import { executeRun } from '../workers/execute-run.js';
import { InProcessRunner } from '../workers/in-process-runner.js';
import { RunPlanSchema } from '../workers/run-plan.js';
import { StageTimings } from '../workers/stage-timings.js';
import { writeSyntheticEsatis } from './synthetic-esatis.js';

async function measure(rows: number, csv: string): Promise<void> {
  const dir = join(tmpdir(), `verbatim-bench-${rows}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const { classifier } = buildClassifier({ model: process.env.VERBATIM_BENCH_MODEL ?? DEFAULT_MODEL });
  const store = await openStore(join(dir, 'verbatim.db'));
  const plan = RunPlanSchema.parse({ inputs: [csv], map: { text: [] }, segment: {} });
  const timings = new StageTimings();
  const runner = new InProcessRunner({ store, classifier, segmentOptions: plan.segment, lang: 'fr', timings });
  const t0 = performance.now();
  const summary = await executeRun(plan, {
    store,
    runner,
    timings,
    modelVersion: classifier.modelVersion,
    codebookVersion: classifier.codebookVersion,
  });
  const seconds = (performance.now() - t0) / 1000;
  await store.close();
  const stages = timings.seconds();
  const rate = (n: number, s: number) => (s > 0 ? Math.round(n / s) : 0);
  const result = {
    rows,
    model: classifier.modelVersion,
    text_records: summary.text_records,
    segments: summary.segments,
    seconds: Number(seconds.toFixed(2)),
    rows_per_s: rate(rows, seconds),
    records_per_s: rate(summary.text_records, seconds),
    stage_records_per_s: {
      ingest: rate(rows, stages.ingest),
      deidentify: rate(summary.text_records, stages.deidentify),
      segment: rate(summary.text_records, stages.segment),
      classify: rate(summary.segments, stages.classify),
      store: rate(summary.text_records, stages.store),
    },
    stage_seconds: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, Number(v.toFixed(2))])),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  rmSync(dir, { recursive: true, force: true });
}

const childSize = process.env.VERBATIM_BENCH_CHILD;
const childCsv = process.env.VERBATIM_BENCH_CSV;
if (childSize && childCsv) {
  await measure(Number(childSize), childCsv);
} else {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  for (const rows of sizes.length > 0 ? sizes : [10_000, 100_000]) {
    // The input is written by this parent process so that the child's peak RSS is the pipeline's.
    const inputDir = mkdtempSync(join(tmpdir(), 'verbatim-bench-input-'));
    const csv = join(inputDir, 'esatis.csv');
    await writeSyntheticEsatis(csv, rows);
    // The child runs with the heap cap the `verbatim` CLI uses, so the figures are the product's.
    const heapFlag = `${HEAP_FLAG}=${process.env.VERBATIM_MAX_HEAP_MB ?? DEFAULT_MAX_HEAP_MB}`;
    const out = execFileSync(process.execPath, [heapFlag, '--import', 'tsx', fileURLToPath(import.meta.url)], {
      env: { ...process.env, VERBATIM_BENCH_CHILD: String(rows), VERBATIM_BENCH_CSV: csv },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 20,
    });
    rmSync(inputDir, { recursive: true, force: true });
    const r = JSON.parse(out.trim().split('\n').pop() as string);
    process.stdout.write(
      `${String(r.rows).padStart(8)} rows  ${r.model}  ${r.seconds}s  ${r.rows_per_s} rows/s  ${r.records_per_s} records/s  peak RSS ${r.peak_rss_mb} MB\n` +
        `          per stage (records/s): ${JSON.stringify(r.stage_records_per_s)}\n`,
    );
  }
}
