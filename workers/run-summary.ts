/**
 * summary.json: the contract fields plus details. Invariant:
 * rows_read = records_ok + records_empty + records_quarantined + duplicates, where each term
 * counts input ROWS (a survey row with two filled text fields is one ok row and two
 * text_records).
 */
import { z } from 'zod';
import { RunIdSchema } from '../pipeline/record.js';

const countMap = z.record(z.string(), z.number().int().nonnegative());

export const RunSummarySchema = z.object({
  run_id: RunIdSchema,
  rows_read: z.number().int().nonnegative(),
  records_ok: z.number().int().nonnegative(),
  records_empty: z.number().int().nonnegative(),
  records_quarantined: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  /** Free-text fields analysed (one row may give several). */
  text_records: z.number().int().nonnegative(),
  /** Text fields left blank or non-informative ("RAS", "néant", ...) in ok and empty rows. */
  fields_empty: z.number().int().nonnegative(),
  segments: z.number().int().nonnegative(),
  coded_segments: z.number().int().nonnegative(),
  context_segments: z.number().int().nonnegative(),
  /** Per theme id, the number of text records (comments) carrying it. */
  themes: countMap,
  /** Record-level valence counts. */
  valence: countMap,
  /** Pseudonymized spans per placeholder type. */
  pii_replaced: countMap,
  /** Quarantined rows per reason code. */
  quarantine_reasons: countMap,
  sources: z.array(
    z.object({
      path: z.string(),
      format: z.string(),
      encoding: z.string().nullable(),
      delimiter: z.string().nullable(),
    }),
  ),
  /** With --redis: chunks that failed on every attempt (each one is in the audit table). */
  dead_letter_chunks: z.number().int().nonnegative().optional(),
  model_version: z.string(),
  /** Which kind of model coded the run: `embedding` (local transformer), `linear` or `lexical`. */
  path: z.enum(['embedding', 'linear', 'lexical']),
  codebook_version: z.string(),
  elapsed_s: z.number().nonnegative(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;
