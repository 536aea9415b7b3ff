/**
 * What a run is asked to do, parsed once from the CLI (or a queue message) with its defaults.
 */
import { z } from 'zod';
import { ColumnMapSchema } from '../pipeline/ingest/ingest.js';
import { SegmentOptionsSchema } from '../pipeline/segment/segment.js';
import { DEFAULT_CHUNK_SIZE } from './payloads.js';

export const RunPlanSchema = z.object({
  /** Files or folders to read. */
  inputs: z.array(z.string().min(1)).min(1),
  /** Column mapping (`--map`); empty text list means auto-detection. */
  map: ColumnMapSchema,
  /** Longest cell accepted; longer rows are quarantined. @defaultValue 50000 */
  maxCellChars: z.number().int().positive().default(50_000),
  segment: SegmentOptionsSchema,
  /** Language of the texts. @defaultValue `fr` */
  lang: z.enum(['fr', 'en']).default('fr'),
  /** Records per chunk. @defaultValue 500 */
  chunkSize: z.number().int().positive().max(20_000).default(DEFAULT_CHUNK_SIZE),
});
export type RunPlan = z.infer<typeof RunPlanSchema>;
