/**
 * The boundary of the validation store: zod schemas for what callers (web pages, CLI) pass in,
 * and the plain types handed back. Parsed once, inside each store method, so that a web form
 * cannot slip an invalid role, valence or theme id into the database.
 */
import { z } from 'zod';
import { ValenceSchema } from '../record.js';

export const RoleSchema = z.enum(['admin', 'researcher', 'coresearcher']);
/** admin: accounts; researcher: batches, agreement, retraining; coresearcher: validates. */
export type Role = z.infer<typeof RoleSchema>;

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in lower-case hex');
// Normalized to UTC ISO so that string comparison is time comparison on both engines.
const IsoTime = z
  .string()
  .datetime({ offset: true })
  .transform((s) => new Date(s).toISOString());
const ThemeId = z.string().regex(/^[a-z0-9_]{1,64}$/, 'a codebook theme id');

export const NewUserSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.string().email().max(254)),
  displayName: z.string().trim().min(1).max(128),
  role: RoleSchema,
  /** Set directly only to bootstrap the first admin; everyone else sets it via an invitation. */
  passwordHash: z.string().min(1).nullable().default(null),
});
export type NewUser = z.input<typeof NewUserSchema>;

/** An account as the application sees it (never the hash unless asked for login). */
export interface User {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  createdAt: string;
  disabled: boolean;
  /** Present only from `getUserForLogin`. */
  passwordHash?: string | null;
}

export const NewInvitationSchema = z.object({
  tokenSha256: Sha256Hex,
  userId: z.string().min(1),
  expiresAt: IsoTime,
});
export type NewInvitation = z.input<typeof NewInvitationSchema>;

export const NewSessionSchema = z.object({
  sessionSha256: Sha256Hex,
  userId: z.string().min(1),
  csrfToken: z.string().min(16).max(128),
  expiresAt: IsoTime,
});
export type NewSession = z.input<typeof NewSessionSchema>;

export interface Session {
  sessionSha256: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  user: User;
}

export const StrategySchema = z.enum(['random', 'stratified', 'active']);
/** random; stratified by (main) theme; active = smallest margin |score − threshold| first. */
export type Strategy = z.infer<typeof StrategySchema>;

export const NewBatchSchema = z.object({
  runId: z.string().min(1),
  name: z.string().trim().min(1).max(200),
  strategy: StrategySchema,
  /** Number of distinct segments in the batch (fewer when the run has fewer left). */
  size: z.number().int().positive().max(100_000),
  /** Validators, in the order used to spread the work; at least two for double coding. */
  validators: z.array(z.string().min(1)).min(1),
  /** Share of segments given to two validators for agreement. @defaultValue 0.2 */
  doubleShare: z.number().min(0).max(1).default(0.2),
  /** Seed of the deterministic sampler. @defaultValue the batch name */
  seed: z.string().optional(),
  createdBy: z.string().min(1),
  /** Decision thresholds by theme for the active strategy. @defaultValue 0.5 for all */
  thresholds: z.record(z.string(), z.number()).default({}),
  defaultThreshold: z.number().default(0.5),
});
export type NewBatch = z.input<typeof NewBatchSchema>;

export interface Batch {
  batchId: string;
  runId: string;
  name: string;
  strategy: Strategy;
  doubleShare: number;
  createdBy: string;
  createdAt: string;
  /** Distinct segments, segments given to two validators, assignments done / total. */
  segments: number;
  doubled: number;
  done: number;
  total: number;
}

/** A machine-proposed theme with what triggered it, shown next to its toggle. */
export interface ProposedTheme {
  theme: string;
  score: number;
  origin: string;
  evidence: unknown;
}

/** What a validator sees for one segment. Never another validator's answer. */
export interface AssignmentView {
  batchId: string;
  runId: string;
  recordKey: string;
  segmentIndex: number;
  position: number;
  /** Pseudonymized segment text and its whole (pseudonymized) comment, for context. */
  segmentText: string;
  recordText: string;
  startCp: number;
  endCp: number;
  proposed: ProposedTheme[];
  valence: string;
  modelVersion: string;
  codebookVersion: string;
  /** This validator's progress in the batch. */
  done: number;
  total: number;
  /**
   * The answer this validator gave on this passage and then undid, if the passage is back for
   * that reason: shown checked instead of the machine's proposal, so that undoing to fix one
   * theme does not mean redoing the whole answer.
   */
  undoneAnswer: DecisionState | null;
}

export const NewValidationSchema = z.object({
  batchId: z.string().min(1).nullable().default(null),
  runId: z.string().min(1),
  recordKey: z.string().min(1),
  segmentIndex: z.number().int().nonnegative(),
  userId: z.string().min(1),
  themes: z.array(ThemeId).max(64).default([]),
  valence: ValenceSchema.nullable().default(null),
  /** « je ne sais pas »: recorded, never used for training. */
  unsure: z.boolean().default(false),
  /** Free note; the caller passes it through the pseudonymizer first. */
  note: z.string().max(4000).nullable().default(null),
});
export type NewValidation = z.input<typeof NewValidationSchema>;

/** One row of the append-only validations table. */
export interface Validation {
  validationId: string;
  batchId: string | null;
  runId: string;
  recordKey: string;
  segmentIndex: number;
  userId: string;
  kind: 'decision' | 'restore' | 'retract';
  themes: string[];
  valence: string | null;
  unsure: boolean;
  note: string | null;
  before: DecisionState;
  modelVersion: string;
  codebookVersion: string;
  createdAt: string;
  supersededBy: string | null;
}

/** The state a decision replaced: the machine's proposal or an earlier human answer. */
export const DecisionStateSchema = z.object({
  origin: z.enum(['machine', 'human']),
  themes: z.array(z.string()),
  valence: z.string().nullable(),
  unsure: z.boolean(),
});
export type DecisionState = z.infer<typeof DecisionStateSchema>;

/** Validation methods of the Store (reached as `store.validation`). */
export interface ValidationStore {
  createUser(user: NewUser): Promise<User>;
  getUser(userId: string): Promise<User | null>;
  /** The account with its password hash, for the login check only. */
  getUserForLogin(email: string): Promise<User | null>;
  listUsers(): Promise<User[]>;
  setUserDisabled(userId: string, disabled: boolean, actor: string): Promise<void>;
  createInvitation(invitation: NewInvitation): Promise<void>;
  /** Sets the password once: null when the token is unknown, used or expired. */
  acceptInvitation(tokenSha256: string, passwordHash: string): Promise<User | null>;
  createSession(session: NewSession): Promise<void>;
  /** The live session with its user; null when unknown, expired or the account is disabled. */
  getSession(sessionSha256: string): Promise<Session | null>;
  deleteSession(sessionSha256: string): Promise<void>;
  createBatch(batch: NewBatch): Promise<Batch>;
  listBatches(runId?: string): Promise<Batch[]>;
  /** The user's next pending segment (oldest batch first), or null when all are done. */
  nextAssignment(userId: string, batchId?: string): Promise<AssignmentView | null>;
  /** Appends a decision (and its audit entry), marks the assignment done, writes human labels. */
  saveValidation(validation: NewValidation): Promise<Validation>;
  /** Undoes the user's latest decision still in force; null when there is none. */
  undoLast(userId: string): Promise<Validation | null>;
  /** Every row of the run, oldest first (superseded ones included: filter with `inForce`). */
  listValidations(runId: string): Promise<Validation[]>;
}

/** Rows still in force and carrying an answer (not superseded, not a retraction). */
export function inForce(rows: readonly Validation[]): Validation[] {
  return rows.filter((r) => r.supersededBy === null && r.kind !== 'retract');
}
