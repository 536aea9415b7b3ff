/**
 * The one persistence interface. Implemented once with Kysely (`KyselyStore`) and opened on
 * SQLite (embedded default) or PostgreSQL; reports read through `db` with SQL aggregates.
 */
import type { Kysely } from 'kysely';
import type { ClassifiedSegment, DeidentifiedRecord, Quarantined, RunId, SourceInfo, Valence } from '../record.js';
import type { Database } from './schema.js';
import type { ValidationStore } from './validation-types.js';

/** What a run is, as stored when it starts. */
export interface RunInfo {
  runId: RunId;
  modelVersion: string;
  codebookVersion: string;
  /** The run's options (never comment text), kept for provenance. */
  options: Record<string, unknown>;
}

/** One record of a chunk with the record-level outcome of classification. */
export interface StoredRecord {
  record: DeidentifiedRecord;
  valence: Valence;
  hasTheme: boolean;
}

/** What one chunk writes, in one transaction. */
export interface StoredChunk {
  records: StoredRecord[];
  segments: ClassifiedSegment[];
}

/** An audit entry: who did what, when. Appended, never updated. */
export interface AuditEntry {
  actor: string;
  action: string;
  runId: RunId | null;
  details: Record<string, unknown>;
}

/** One vector of the embedding cache, keyed by the sha256 (hex) of the embedded text. */
export interface CachedEmbedding {
  textSha256: string;
  vector: Float32Array;
}

export interface Store {
  /** Kysely handle for read-only queries (reports, exports). Writes go through the methods. */
  readonly db: Kysely<Database>;
  /** `sqlite` or `postgres`, for the few places where SQL differs (none in writes). */
  readonly dialect: 'sqlite' | 'postgres';
  /** Creates or upgrades the schema; safe to call on every open. */
  migrate(): Promise<void>;
  /** Creates the run or, when it exists (a re-run of the same input), marks it running again. */
  startRun(run: RunInfo): Promise<void>;
  saveSource(runId: RunId, source: SourceInfo): Promise<void>;
  /**
   * Upserts a chunk's records, segments and machine labels in one transaction. Idempotent: the
   * same chunk saved twice leaves one copy; human labels are never touched.
   */
  saveChunk(runId: RunId, chunk: StoredChunk): Promise<void>;
  saveQuarantine(runId: RunId, items: readonly Quarantined[]): Promise<void>;
  finishRun(runId: RunId, status: 'done' | 'failed', summary: Record<string, unknown>): Promise<void>;
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Cached vectors of `modelId` for the given text hashes; absent hashes are not in the map. */
  getEmbeddings(modelId: string, hashes: readonly string[]): Promise<Map<string, Float32Array>>;
  /** Upserts vectors into the embedding cache (hashes and vectors only, never text). */
  putEmbeddings(modelId: string, entries: readonly CachedEmbedding[]): Promise<void>;
  /** Accounts, batches and append-only human validations (issue 6; validation-store.ts). */
  readonly validation: ValidationStore;
  close(): Promise<void>;
}
