/**
 * Table shapes as Kysely sees them. Column names are snake_case so that the same SQL reads
 * naturally on SQLite and PostgreSQL; booleans are integers (0/1) because SQLite has none.
 */
import type { ValidationTables } from './validation-schema.js';

export interface RunsTable {
  run_id: string;
  created_at: string;
  finished_at: string | null;
  status: 'running' | 'done' | 'failed';
  model_version: string;
  codebook_version: string;
  /** RunPlan options as JSON (no comment text). */
  options_json: string;
  /** summary.json content once finished. */
  summary_json: string | null;
}

export interface SourcesTable {
  run_id: string;
  source_id: string;
  path: string;
  format: string;
  encoding: string | null;
  delimiter: string | null;
  sha256: string;
}

export interface RecordsTable {
  run_id: string;
  record_key: string;
  source_id: string;
  source: string;
  record_id: string;
  field: string;
  prompt: string;
  kind: string;
  date: string | null;
  department: string | null;
  survey: string | null;
  score: number | null;
  speaker: string | null;
  file: string;
  line: number;
  row_num: number | null;
  column_name: string | null;
  /** Pseudonymized text only. */
  text: string;
  /** Replaced spans: types, placeholders and offsets; never the values. */
  pii_json: string;
  valence: string;
  /** 1 when at least one coded segment carries a theme. */
  has_theme: number;
}

export interface SegmentsTable {
  run_id: string;
  record_key: string;
  segment_index: number;
  text: string;
  start_cp: number;
  end_cp: number;
  speaker: string | null;
  role: string | null;
  context: number;
  timestamp: string | null;
  valence: string;
  valence_score: number;
  /** `;`-separated theme ids, as in segments.csv. */
  themes: string;
  scores_json: string;
  model_version: string;
  codebook_version: string;
}

export interface LabelsTable {
  run_id: string;
  record_key: string;
  segment_index: number;
  theme: string;
  origin: 'rule' | 'model' | 'human';
  score: number;
  evidence_json: string;
  model_version: string;
  codebook_version: string;
  created_at: string;
  /**
   * Migration 0005: '' for machine labels, the validator's user id for human ones, so that two
   * validators never overwrite each other's labels (part of the primary key). Optional on insert.
   */
  validator?: string;
}

export interface QuarantineTable {
  run_id: string;
  file: string;
  line: number;
  row_num: number | null;
  column_name: string | null;
  code: string;
  reason: string;
}

/** Append-only trail of who did what; never updated or deleted by the application. */
export interface AuditTable {
  /** Time-ordered id made by the application. */
  audit_id: string;
  at: string;
  actor: string;
  action: string;
  run_id: string | null;
  details_json: string;
}

/** Embedding cache (migration 0002): vectors by model and text hash; never the text. */
export interface EmbeddingsTable {
  model_id: string;
  text_sha256: string;
  dim: number;
  /** base64 of little-endian float32. */
  vector: string;
  created_at: string;
}

export interface Database extends ValidationTables {
  runs: RunsTable;
  sources: SourcesTable;
  records: RecordsTable;
  segments: SegmentsTable;
  labels: LabelsTable;
  quarantine: QuarantineTable;
  audit: AuditTable;
  embeddings: EmbeddingsTable;
}
