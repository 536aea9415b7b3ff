/**
 * The shapes that flow through the pipeline, as zod schemas with their inferred types.
 *
 * ingest → SourceRecord (raw text, memory only) → deidentify → DeidentifiedRecord
 *        → segment → Segment[] → classify → ClassifiedSegment[] → store
 *
 * Every shape that crosses a process boundary (queue payloads, files) is defined here, once.
 */
import { z } from 'zod';

/** Identifier of a run; deterministic from the inputs so that a re-run upserts instead of duplicating. */
export const RunIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+$/)
  .brand<'RunId'>();
export type RunId = z.infer<typeof RunIdSchema>;

/** Identifier of a source file within a run: a short hash of its content. */
export const SourceIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+$/)
  .brand<'SourceId'>();
export type SourceId = z.infer<typeof SourceIdSchema>;

/**
 * Internal unique key of a record: `${sourceId}-${row}-${field}`. Never contains `:` (BullMQ job
 * ids) nor any text from the comment.
 */
export const RecordKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+$/)
  .brand<'RecordKey'>();
export type RecordKey = z.infer<typeof RecordKeySchema>;

/** A theme id from a codebook, e.g. `communication`. */
export const ThemeIdSchema = z
  .string()
  .regex(/^[a-z0-9_]+$/)
  .brand<'ThemeId'>();
export type ThemeId = z.infer<typeof ThemeIdSchema>;

/** Where a record or a bad row came from. Lines and rows are 1-based. */
export const ProvenanceSchema = z.object({
  /** Path of the input file as the user gave it. */
  file: z.string(),
  /** Physical line of the file where the row (or turn) starts. */
  line: z.number().int().nonnegative(),
  /** Data row number (header excluded) for tabular input; absent for transcripts. */
  row: z.number().int().positive().optional(),
  /** Column header (tabular) or sheet!column (XLSX) the text came from. */
  column: z.string().optional(),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

/**
 * Which survey prompt the text answers: a strong valence prior. `positive` = "Qu'avez-vous
 * apprécié ?", `improvement` = "Que faudrait-il améliorer ?", `neutral` = a free comment box,
 * a complaint or an interview.
 */
export const PromptKindSchema = z.enum(['positive', 'improvement', 'neutral']);
export type PromptKind = z.infer<typeof PromptKindSchema>;

/** What kind of document a record is; transcripts are segmented into speaker turns. */
export const RecordKindSchema = z.enum(['survey', 'transcript', 'document']);
export type RecordKind = z.infer<typeof RecordKindSchema>;

/** Row attributes kept next to the text (mapped with `--map`). */
export const RecordMetaSchema = z.object({
  date: z.string().nullable().default(null),
  department: z.string().nullable().default(null),
  survey: z.string().nullable().default(null),
  score: z.number().nullable().default(null),
  /** Speaker of a single-speaker row (tabular input with a `speaker` column). */
  speaker: z.string().nullable().default(null),
});
export type RecordMeta = z.infer<typeof RecordMetaSchema>;

/**
 * One free-text field of one input row (or one whole transcript), with raw text. Lives only in
 * memory between ingest and de-identify: never stored, logged or enqueued.
 */
export const SourceRecordSchema = z.object({
  key: RecordKeySchema,
  sourceId: SourceIdSchema,
  /** File name shown in outputs (`source` column). */
  source: z.string(),
  kind: RecordKindSchema,
  /** The row's id (id column, or the row number): shared by the row's text fields. */
  recordId: z.string(),
  /** Slug of the text field, e.g. `appreciation`, `amelioration`, `commentaire`, `transcript`. */
  field: z.string(),
  prompt: PromptKindSchema,
  text: z.string(),
  meta: RecordMetaSchema,
  provenance: ProvenanceSchema,
});
export type SourceRecord = z.infer<typeof SourceRecordSchema>;

/** PII kinds with their placeholder tag (cli-contract.md). */
export const PiiTypeSchema = z.enum(['NOM', 'TEL', 'EMAIL', 'NIR', 'DATE', 'LIEU', 'ID']);
export type PiiType = z.infer<typeof PiiTypeSchema>;

/** A replaced span: type and offsets (code points in the pseudonymized text), never the value. */
export const PiiReplacementSchema = z.object({
  type: PiiTypeSchema,
  placeholder: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type PiiReplacement = z.infer<typeof PiiReplacementSchema>;

/** A record whose text has been pseudonymized: the only form of text allowed past this point. */
export const DeidentifiedRecordSchema = SourceRecordSchema.extend({
  pii: z.array(PiiReplacementSchema),
});
export type DeidentifiedRecord = z.infer<typeof DeidentifiedRecordSchema>;

/** Normalized speaker roles (domain.md §3). */
export const RoleSchema = z.enum([
  'RU',
  'Patient',
  'IDE',
  'AS',
  'Médecin',
  'Cadre',
  'Direction des soins',
  'Qualité',
  'Administratif',
  'Interviewer',
  'Other',
]);
export type Role = z.infer<typeof RoleSchema>;

/** A remark (comment) or part of a speaker turn (transcript), with offsets into the record text. */
export const SegmentSchema = z.object({
  recordKey: RecordKeySchema,
  index: z.number().int().nonnegative(),
  text: z.string(),
  /** Code-point offsets into the record's pseudonymized text, so REFI-QDA exports stay exact. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  speaker: z.string().nullable(),
  role: RoleSchema.nullable(),
  /** Interviewer turns: kept as context, never coded. */
  context: z.boolean(),
  /** Transcript timestamp such as `00:12:31`, when the turn had one. */
  timestamp: z.string().nullable().default(null),
});
export type Segment = z.infer<typeof SegmentSchema>;

export const ValenceSchema = z.enum(['positive', 'negative', 'mixed', 'neutral']);
export type Valence = z.infer<typeof ValenceSchema>;

/** One theme assigned to a segment, with a score in [0, 1] and what fired. */
export const ThemeLabelSchema = z.object({
  theme: ThemeIdSchema,
  score: z.number().min(0).max(1),
  /** Cue patterns or features that fired, for display to validators (pseudonymized text only). */
  evidence: z.array(z.string()),
});
export type ThemeLabel = z.infer<typeof ThemeLabelSchema>;

export const LabelOriginSchema = z.enum(['rule', 'model', 'human']);
export type LabelOrigin = z.infer<typeof LabelOriginSchema>;

/** A segment with its labels and the versions that produced them. */
export const ClassifiedSegmentSchema = SegmentSchema.extend({
  themes: z.array(ThemeLabelSchema),
  valence: ValenceSchema,
  /** Signed valence score in [-1, 1] (negative ↔ positive). */
  valenceScore: z.number().min(-1).max(1),
  origin: LabelOriginSchema,
  modelVersion: z.string(),
  codebookVersion: z.string(),
});
export type ClassifiedSegment = z.infer<typeof ClassifiedSegmentSchema>;

/** Why a row was set aside. The raw text is never kept: the user has the original file. */
export const QuarantineReasonCodeSchema = z.enum([
  'PARSE_ERROR',
  'COLUMN_COUNT',
  'CELL_TOO_LONG',
  'BINARY_GARBAGE',
  'INVALID_JSON',
  'INVALID_FIELD',
]);
export type QuarantineReasonCode = z.infer<typeof QuarantineReasonCodeSchema>;

export const QuarantinedSchema = z.object({
  provenance: ProvenanceSchema,
  code: QuarantineReasonCodeSchema,
  /** Human-readable reason, e.g. "expected 7 columns, found 5". Never holds cell content. */
  reason: z.string(),
});
export type Quarantined = z.infer<typeof QuarantinedSchema>;

/**
 * What ingest yields for each input row: its records (none when every text field is empty or
 * non-informative), a quarantined row, or an exact duplicate of an earlier row. Counting these
 * gives `rows_read = records_ok + records_empty + records_quarantined + duplicates`.
 */
export type IngestItem =
  | { kind: 'row'; provenance: Provenance; records: SourceRecord[]; emptyFields: number }
  | { kind: 'quarantined'; item: Quarantined }
  | { kind: 'duplicate'; provenance: Provenance };

/** A source file as the store records it. */
export const SourceInfoSchema = z.object({
  sourceId: SourceIdSchema,
  path: z.string(),
  format: z.enum(['csv', 'tsv', 'xlsx', 'jsonl', 'txt', 'docx', 'vtt', 'srt']),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  sha256: z.string(),
});
export type SourceInfo = z.infer<typeof SourceInfoSchema>;
