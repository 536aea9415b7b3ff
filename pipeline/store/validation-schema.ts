/**
 * Table shapes of migration 0005 (validation by people), kept apart from schema.ts so that the
 * validation concept lives in its own files. snake_case columns, booleans as 0/1 integers.
 */

/** An account. `password_hash` stays null until the invitation is accepted. */
export interface UsersTable {
  user_id: string;
  email: string;
  display_name: string;
  role: 'admin' | 'researcher' | 'coresearcher';
  password_hash: string | null;
  created_at: string;
  disabled: number;
}

/** One-time invitation links: only the token's sha256 (hex) is stored. */
export interface InvitationsTable {
  token_sha256: string;
  user_id: string;
  expires_at: string;
  used_at: string | null;
}

/** Login sessions: only the cookie value's sha256 is stored; the CSRF token goes in forms. */
export interface SessionsTable {
  session_sha256: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ValidationBatchesTable {
  batch_id: string;
  run_id: string;
  name: string;
  strategy: 'random' | 'stratified' | 'active';
  double_share: number;
  created_by: string;
  created_at: string;
}

/** Who validates which segment, in which order. `double` = 1 when two validators share it. */
export interface AssignmentsTable {
  batch_id: string;
  run_id: string;
  record_key: string;
  segment_index: number;
  user_id: string;
  position: number;
  status: 'pending' | 'done' | 'skipped';
  double: number;
}

/**
 * Append-only decisions. The one update the application makes is setting `superseded_by` when a
 * correction or an undo appends the row that replaces this one.
 */
export interface ValidationsTable {
  validation_id: string;
  batch_id: string | null;
  run_id: string;
  record_key: string;
  segment_index: number;
  user_id: string;
  kind: 'decision' | 'restore' | 'retract';
  /** `;`-joined theme ids the validator kept or added. */
  themes: string;
  valence: string | null;
  /** 1 = « je ne sais pas ». */
  unsure: number;
  /** Pseudonymized free text. */
  note: string | null;
  /** What was in force before this row (machine proposal or the earlier human answer), as JSON. */
  before_json: string;
  model_version: string;
  codebook_version: string;
  created_at: string;
  superseded_by: string | null;
}

/** The validation tables, merged into `Database`. */
export interface ValidationTables {
  users: UsersTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  validation_batches: ValidationBatchesTable;
  assignments: AssignmentsTable;
  validations: ValidationsTable;
}
