/**
 * What a chunk worker thread needs to build its own store and classifier, passed as the thread's
 * `workerData` by `startWorker` and parsed once when the thread starts. Values only: a thread
 * shares nothing with the main thread but messages.
 */
import { z } from 'zod';

export const ChunkThreadSettingsSchema = z.object({
  /** The shared store (`postgres://` URL or SQLite file), as given to `verbatim worker --db`. */
  db: z.string().min(1),
  /** PostgreSQL schema. @defaultValue `public` */
  pgSchema: z.string().optional(),
  /** PostgreSQL connections of this thread: one chunk at a time needs few. @defaultValue 2 */
  pgPoolSize: z.number().int().positive().default(2),
  /** Model name, as `--model`. */
  model: z.string().min(1),
  /** Codebook file, as `--codebook`. */
  codebook: z.string().optional(),
  /** User model folder, resolved by the shell (threads read no environment). */
  modelsDir: z.string().optional(),
});
export type ChunkThreadSettings = z.infer<typeof ChunkThreadSettingsSchema>;
