/**
 * Small builder of synthetic runs for report tests: records and segments are described in a few
 * fields and saved through `store.saveChunk`, as the pipeline would save them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ClassifiedSegment,
  type DeidentifiedRecord,
  type RecordKey,
  type RunId,
  RunIdSchema,
  type SourceId,
  type ThemeId,
  type Valence,
} from '../../pipeline/record.js';
import { openStore } from '../../pipeline/store/open-store.js';
import type { Store, StoredChunk } from '../../pipeline/store/store.js';

export const RUN_ID: RunId = RunIdSchema.parse('run-test-1');
export const SOURCE_ID = 'src1' as SourceId;

export interface SegmentSpec {
  text: string;
  /** Theme id → score. */
  themes?: Record<string, number>;
  valence?: Valence;
  context?: boolean;
  speaker?: string | null;
  role?: ClassifiedSegment['role'];
}

export interface RecordSpec {
  row: number;
  field?: string;
  department?: string | null;
  survey?: string | null;
  source?: string;
  recordId?: string;
  /** Survey score of the respondent (e.g. e-Satis overall score). @defaultValue null */
  score?: number | null;
  segments: SegmentSpec[];
}

export function recordKey(row: number, field = 'commentaire'): RecordKey {
  return `${SOURCE_ID}-${row}-${field}` as RecordKey;
}

/** Turns record specs into the chunk the pipeline would save. */
export function buildChunk(specs: readonly RecordSpec[]): StoredChunk {
  const chunk: StoredChunk = { records: [], segments: [] };
  for (const spec of specs) {
    const field = spec.field ?? 'commentaire';
    const key = recordKey(spec.row, field);
    const text = spec.segments.map((s) => s.text).join(' ');
    const record: DeidentifiedRecord = {
      key,
      sourceId: SOURCE_ID,
      source: spec.source ?? 'esatis-2025.csv',
      kind: 'survey',
      recordId: spec.recordId ?? String(spec.row),
      field,
      prompt: 'neutral',
      text,
      meta: {
        date: null,
        department: spec.department === undefined ? null : spec.department,
        survey: spec.survey === undefined ? null : spec.survey,
        score: spec.score ?? null,
        speaker: null,
      },
      provenance: { file: 'in/esatis-2025.csv', line: spec.row + 1, row: spec.row, column: field },
      pii: [],
    };
    let start = 0;
    let hasTheme = false;
    spec.segments.forEach((s, index) => {
      const themes = Object.entries(s.themes ?? {}).map(([theme, score]) => ({
        theme: theme as ThemeId,
        score,
        evidence: [],
      }));
      if (themes.length > 0 && !s.context) hasTheme = true;
      const length = Array.from(s.text).length;
      chunk.segments.push({
        recordKey: key,
        index,
        text: s.text,
        start,
        end: start + length,
        speaker: s.speaker ?? null,
        role: s.role ?? null,
        context: s.context ?? false,
        timestamp: null,
        themes,
        valence: s.valence ?? 'neutral',
        valenceScore: 0,
        origin: 'model',
        modelVersion: 'lexical-test-1',
        codebookVersion: 'default-v1',
      });
      start += length + 1;
    });
    chunk.records.push({ record, valence: spec.segments[0]?.valence ?? 'neutral', hasTheme });
  }
  return chunk;
}

/** A throwaway SQLite store in a temp folder; `cleanup` closes it and removes the folder. */
export async function openTempStore(): Promise<{ store: Store; dir: string; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'vb-reports-'));
  const store = await openStore(join(dir, 'x.db'));
  return {
    store,
    dir,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts the test run and saves its one source. */
export async function startTestRun(store: Store, runId: RunId = RUN_ID): Promise<void> {
  await store.startRun({ runId, modelVersion: 'lexical-test-1', codebookVersion: 'default-v1', options: {} });
  await store.saveSource(runId, {
    sourceId: SOURCE_ID,
    path: '/data/exports/esatis-2025.csv',
    format: 'csv',
    encoding: 'utf-8',
    delimiter: ';',
    sha256: 'x'.repeat(64),
  });
}

/** Saves specs in chunks of `chunkSize` records, as the pipeline does. */
export async function saveRecords(store: Store, specs: readonly RecordSpec[], runId: RunId = RUN_ID, chunkSize = 500) {
  for (let i = 0; i < specs.length; i += chunkSize) {
    await store.saveChunk(runId, buildChunk(specs.slice(i, i + chunkSize)));
  }
}
