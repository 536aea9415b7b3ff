/**
 * Job payloads, zod-typed, shared by the in-process runner and the BullMQ runner. Records are
 * already pseudonymized: de-identification runs where the files are read, so raw comment text
 * never crosses a process boundary nor lands in a queue.
 */
import { z } from 'zod';
import { DeidentifiedRecordSchema, RunIdSchema } from '../pipeline/record.js';

/** Default number of records per chunk. @defaultValue 500 */
export const DEFAULT_CHUNK_SIZE = 500;

export const ChunkPayloadSchema = z.object({
  runId: RunIdSchema,
  /** 0-based position of the chunk in the run; with the run id, a deterministic job id. */
  chunkIndex: z.number().int().nonnegative(),
  records: z.array(DeidentifiedRecordSchema).min(1),
});
export type ChunkPayload = z.infer<typeof ChunkPayloadSchema>;

/** What processing a chunk produced: counts only, never text. */
export const ChunkResultSchema = z.object({
  chunkIndex: z.number().int().nonnegative(),
  records: z.number().int().nonnegative(),
  segments: z.number().int().nonnegative(),
  codedSegments: z.number().int().nonnegative(),
  contextSegments: z.number().int().nonnegative(),
  /** Number of records (comments) carrying each theme. */
  themeRecords: z.record(z.string(), z.number().int().nonnegative()),
  valences: z.record(z.string(), z.number().int().nonnegative()),
});
export type ChunkResult = z.infer<typeof ChunkResultSchema>;

/** Payload of a run's parent job and of its seal child: the run id only. */
export const RunJobPayloadSchema = z.object({ runId: RunIdSchema });
export type RunJobPayload = z.infer<typeof RunJobPayloadSchema>;

/** A chunk that failed on every attempt: counted in the summary and written to the audit table. */
export const DeadLetterSchema = z.object({
  chunkIndex: z.number().int().nonnegative(),
  reason: z.string(),
});
export type DeadLetter = z.infer<typeof DeadLetterSchema>;

/**
 * What a run's parent job returns once every child finished: each chunk's counts, in chunk order,
 * and the chunks set aside. Counts and reasons only, never text.
 */
export const RunOutcomeSchema = z.object({
  results: z.array(ChunkResultSchema),
  deadLetters: z.array(DeadLetterSchema),
});
export type RunOutcome = z.infer<typeof RunOutcomeSchema>;
