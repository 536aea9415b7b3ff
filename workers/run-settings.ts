/**
 * What a worker needs to know about a run besides the chunk: the segmentation options and the
 * language the driver planned, and the model and codebook versions it classifies with. They are
 * read from the shared store's `runs` row (written by `startRun`), not carried in every job.
 */
import { z } from 'zod';
import type { RunId } from '../pipeline/record.js';
import { type SegmentOptions, SegmentOptionsSchema } from '../pipeline/segment/segment.js';
import type { Store } from '../pipeline/store/store.js';

const StoredRunOptionsSchema = z.object({
  lang: z.enum(['fr', 'en']),
  segment: SegmentOptionsSchema,
});

export interface RunSettings {
  lang: 'fr' | 'en';
  segmentOptions: SegmentOptions;
  modelVersion: string;
  codebookVersion: string;
}

/** The run's settings, or `undefined` when the store has no such run. */
export async function loadRunSettings(store: Store, runId: RunId): Promise<RunSettings | undefined> {
  const row = await store.db
    .selectFrom('runs')
    .select(['options_json', 'model_version', 'codebook_version'])
    .where('run_id', '=', runId)
    .executeTakeFirst();
  if (!row) return undefined;
  const options = StoredRunOptionsSchema.parse(JSON.parse(row.options_json));
  return {
    lang: options.lang,
    segmentOptions: options.segment,
    modelVersion: row.model_version,
    codebookVersion: row.codebook_version,
  };
}
