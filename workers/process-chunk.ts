/**
 * The one dispatch both runners call: segment → classify → store for a chunk of pseudonymized
 * records. Pure over its inputs plus the injected store; idempotent because the store upserts.
 */
import { analyseRecord } from '../pipeline/analyse-record.js';
import type { Classifier } from '../pipeline/classify/classifier.js';
import type { ClassifiedSegment } from '../pipeline/record.js';
import type { SegmentOptions } from '../pipeline/segment/segment.js';
import type { Store, StoredRecord } from '../pipeline/store/store.js';
import type { ChunkPayload, ChunkResult } from './payloads.js';
import type { StageTimings } from './stage-timings.js';

/** What a chunk needs besides its payload; built once per process by the shell. */
export interface ChunkContext {
  store: Store;
  classifier: Classifier;
  segmentOptions: SegmentOptions;
  lang: 'fr' | 'en';
  timings?: StageTimings;
}

export async function processChunk(payload: ChunkPayload, ctx: ChunkContext): Promise<ChunkResult> {
  const { timings } = ctx;
  const analyse = { ...ctx, ...(timings ? { time: timings.time.bind(timings) } : {}) };
  const stored: StoredRecord[] = [];
  const allSegments: ClassifiedSegment[] = [];
  const themeRecords: Record<string, number> = {};
  const valences: Record<string, number> = {};
  let codedSegments = 0;
  let contextSegments = 0;

  for (const record of payload.records) {
    const result = analyseRecord(record, analyse);
    for (const theme of result.themes) themeRecords[theme] = (themeRecords[theme] ?? 0) + 1;
    valences[result.valence] = (valences[result.valence] ?? 0) + 1;
    for (const s of result.segments) {
      if (s.context) contextSegments++;
      else if (s.themes.length > 0) codedSegments++;
      allSegments.push(s);
    }
    stored.push({ record, valence: result.valence, hasTheme: result.themes.length > 0 });
  }

  const save = () => ctx.store.saveChunk(payload.runId, { records: stored, segments: allSegments });
  await (timings ? timings.timeAsync('store', save) : save());

  return {
    chunkIndex: payload.chunkIndex,
    records: payload.records.length,
    segments: allSegments.length,
    codedSegments,
    contextSegments,
    themeRecords,
    valences,
  };
}
