/**
 * The run driver: ingest → de-identify → chunk → runner (segment → classify → store), with
 * quarantine and counts. The same for every runner; raw text never leaves this function's
 * memory except pseudonymized.
 */
import { classifierPath } from '../models/registry.js';
import { deidentify } from '../pipeline/deidentify/deidentify.js';
import { VerbatimError } from '../pipeline/errors.js';
import { ingest, resolveInputs } from '../pipeline/ingest/ingest.js';
import type { DeidentifiedRecord, IngestItem, Quarantined, RunId, SourceInfo } from '../pipeline/record.js';
import type { Store } from '../pipeline/store/store.js';
import type { ChunkResult } from './payloads.js';
import { computeRunId, hashFile } from './run-id.js';
import type { RunPlan } from './run-plan.js';
import type { RunSummary } from './run-summary.js';
import type { Runner } from './runner.js';
import type { StageTimings } from './stage-timings.js';

const QUARANTINE_BATCH = 500;

export interface RunContext {
  store: Store;
  runner: Runner;
  modelVersion: string;
  codebookVersion: string;
  /** Anything else that changes the result (codebook hash, role overrides...), for the run id. */
  identityExtras?: Record<string, unknown>;
  timings?: StageTimings;
  clock?: () => number;
  /** Who started the run, for the audit trail. @defaultValue `verbatim run` */
  actor?: string;
  /**
   * `--resume RUN`: the run this call must continue. Inputs or options that give another run id
   * are a usage error, not a new run started by mistake.
   */
  resumeRunId?: RunId;
  /** Called every few hundred rows with counts only (progress display). */
  onProgress?: (progress: { rowsRead: number; recordsQueued: number }) => void;
}

/** Resolves the inputs and derives the run id without reading any row. */
export async function planRunId(
  plan: RunPlan,
  ctx: Pick<RunContext, 'modelVersion' | 'codebookVersion' | 'identityExtras'>,
): Promise<{ runId: RunId; files: string[] }> {
  const files = await resolveInputs(plan.inputs);
  const fileHashes = await Promise.all(files.map(hashFile));
  const runId = computeRunId({
    fileHashes,
    options: {
      map: plan.map,
      maxCellChars: plan.maxCellChars,
      segment: plan.segment,
      lang: plan.lang,
      ...ctx.identityExtras,
    },
    modelVersion: ctx.modelVersion,
    codebookVersion: ctx.codebookVersion,
  });
  return { runId, files };
}

export async function executeRun(plan: RunPlan, ctx: RunContext): Promise<RunSummary> {
  const clock = ctx.clock ?? (() => performance.now());
  const started = clock();
  const { runId, files } = await planRunId(plan, ctx);
  if (ctx.resumeRunId !== undefined && ctx.resumeRunId !== runId) {
    throw new VerbatimError(
      'USAGE',
      `--resume ${ctx.resumeRunId}: these inputs and options give run ${runId}; resume with the same files and options`,
    );
  }
  const { store, runner, timings } = ctx;
  await store.startRun({
    runId,
    modelVersion: ctx.modelVersion,
    codebookVersion: ctx.codebookVersion,
    options: { inputs: files, map: plan.map, lang: plan.lang, chunkSize: plan.chunkSize, segment: plan.segment },
  });
  // After startRun: workers look the run's settings up in the store as soon as a chunk arrives.
  await runner.begin?.(runId);

  const counts = { rowsRead: 0, ok: 0, empty: 0, quarantined: 0, duplicates: 0, textRecords: 0, fieldsEmpty: 0 };
  const piiReplaced: Record<string, number> = {};
  const quarantineReasons: Record<string, number> = {};
  const sources: SourceInfo[] = [];
  const pendingSources: SourceInfo[] = [];
  let quarantineBuffer: Quarantined[] = [];
  let chunk: DeidentifiedRecord[] = [];
  let chunkIndex = 0;

  const flushChunk = async () => {
    if (chunk.length === 0) return;
    const records = chunk;
    chunk = [];
    await runner.submit({ runId, chunkIndex: chunkIndex++, records });
  };
  const flushQuarantine = async () => {
    if (quarantineBuffer.length === 0) return;
    const items = quarantineBuffer;
    quarantineBuffer = [];
    await store.saveQuarantine(runId, items);
  };

  try {
    const iterator = ingest(files, {
      map: plan.map,
      maxCellChars: plan.maxCellChars,
      onSource: (source) => pendingSources.push(source),
    })[Symbol.asyncIterator]();
    for (;;) {
      const t0 = process.hrtime.bigint();
      const next: IteratorResult<IngestItem> = await iterator.next();
      timings?.add('ingest', process.hrtime.bigint() - t0);
      while (pendingSources.length > 0) {
        const source = pendingSources.shift() as SourceInfo;
        sources.push(source);
        await store.saveSource(runId, source);
      }
      if (next.done) break;
      const item = next.value;
      counts.rowsRead++;
      if (item.kind === 'duplicate') {
        counts.duplicates++;
      } else if (item.kind === 'quarantined') {
        counts.quarantined++;
        quarantineReasons[item.item.code] = (quarantineReasons[item.item.code] ?? 0) + 1;
        quarantineBuffer.push(item.item);
        if (quarantineBuffer.length >= QUARANTINE_BATCH) await flushQuarantine();
      } else {
        counts.fieldsEmpty += item.emptyFields;
        if (item.records.length === 0) {
          counts.empty++;
        } else {
          counts.ok++;
          for (const record of item.records) {
            const clean = timings ? timings.time('deidentify', () => deidentify(record)) : deidentify(record);
            for (const span of clean.pii) piiReplaced[span.type] = (piiReplaced[span.type] ?? 0) + 1;
            chunk.push(clean);
            counts.textRecords++;
            if (chunk.length >= plan.chunkSize) await flushChunk();
          }
        }
      }
      if (ctx.onProgress && counts.rowsRead % 500 === 0) {
        ctx.onProgress({ rowsRead: counts.rowsRead, recordsQueued: counts.textRecords });
      }
    }
    await flushChunk();
    await flushQuarantine();
    const results = await runner.drain();
    const deadLetters = runner.deadLetterCount?.();
    const summary = summarize(runId, counts, results, {
      deadLetters,
      piiReplaced,
      quarantineReasons,
      sources,
      modelVersion: ctx.modelVersion,
      codebookVersion: ctx.codebookVersion,
      elapsedS: (clock() - started) / 1000,
    });
    await store.finishRun(runId, 'done', summary);
    // Counts only: the audit trail says who ran what, never what patients wrote.
    await store.appendAudit({
      actor: ctx.actor ?? 'verbatim run',
      action: 'run_finished',
      runId,
      details: {
        rows_read: summary.rows_read,
        records_ok: summary.records_ok,
        records_quarantined: summary.records_quarantined,
        duplicates: summary.duplicates,
        segments: summary.segments,
        model_version: summary.model_version,
        codebook_version: summary.codebook_version,
      },
    });
    return summary;
  } catch (error) {
    await store.finishRun(runId, 'failed', { run_id: runId, rows_read: counts.rowsRead }).catch(() => undefined);
    throw error;
  }
}

function summarize(
  runId: RunId,
  counts: {
    rowsRead: number;
    ok: number;
    empty: number;
    quarantined: number;
    duplicates: number;
    textRecords: number;
    fieldsEmpty: number;
  },
  results: readonly ChunkResult[],
  extra: {
    deadLetters: number | undefined;
    piiReplaced: Record<string, number>;
    quarantineReasons: Record<string, number>;
    sources: readonly SourceInfo[];
    modelVersion: string;
    codebookVersion: string;
    elapsedS: number;
  },
): RunSummary {
  const themes: Record<string, number> = {};
  const valence: Record<string, number> = {};
  let segments = 0;
  let coded = 0;
  let context = 0;
  for (const r of results) {
    segments += r.segments;
    coded += r.codedSegments;
    context += r.contextSegments;
    for (const [k, v] of Object.entries(r.themeRecords)) themes[k] = (themes[k] ?? 0) + v;
    for (const [k, v] of Object.entries(r.valences)) valence[k] = (valence[k] ?? 0) + v;
  }
  return {
    run_id: runId,
    rows_read: counts.rowsRead,
    records_ok: counts.ok,
    records_empty: counts.empty,
    records_quarantined: counts.quarantined,
    duplicates: counts.duplicates,
    text_records: counts.textRecords,
    fields_empty: counts.fieldsEmpty,
    segments,
    coded_segments: coded,
    context_segments: context,
    themes: Object.fromEntries(Object.entries(themes).sort(([a], [b]) => a.localeCompare(b))),
    valence,
    pii_replaced: extra.piiReplaced,
    quarantine_reasons: extra.quarantineReasons,
    sources: extra.sources.map((s) => ({
      path: s.path,
      format: s.format,
      encoding: s.encoding,
      delimiter: s.delimiter,
    })),
    model_version: extra.modelVersion,
    path: classifierPath({ modelVersion: extra.modelVersion }),
    codebook_version: extra.codebookVersion,
    elapsed_s: Math.round(extra.elapsedS * 1000) / 1000,
    ...(extra.deadLetters === undefined ? {} : { dead_letter_chunks: extra.deadLetters }),
  };
}
