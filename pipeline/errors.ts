/**
 * The one catalogue of Verbatim errors. Each code maps to an exit code in `cli/exit-codes.ts`;
 * messages name the file, row or line, and the reason, and never hold comment text.
 */

/** Closed set of error codes. Add a code here and the compiler asks for its exit code. */
export const ERROR_CODES = [
  'USAGE',
  'INPUT_MISSING',
  'INPUT_UNSUPPORTED',
  'INPUT_UNREADABLE',
  'INPUT_TOO_LARGE',
  'CODEBOOK_INVALID',
  'ROWS_QUARANTINED',
  'SERVICE_UNREACHABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Where an error happened, for the one-line message. */
export interface ErrorDetails {
  file?: string;
  row?: number;
  line?: number;
  reason?: string;
}

/** An error with a code from the catalogue; `message` is safe to show to a user. */
export class VerbatimError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VerbatimError';
    this.code = code;
    this.details = details;
  }
}

/** A file that cannot be read at all: one line naming it, exit code 2. */
export function inputUnreadable(file: string, reason: string, cause?: unknown): VerbatimError {
  return new VerbatimError('INPUT_UNREADABLE', `${file}: cannot be read: ${reason}`, { file, reason }, { cause });
}

/** Formats any error as the single line the CLI prints (no stack unless asked). */
export function formatError(error: unknown): string {
  if (error instanceof VerbatimError) return `error [${error.code}] ${error.message}`;
  if (error instanceof Error) return `error [INTERNAL] ${error.message}`;
  return `error [INTERNAL] ${String(error)}`;
}
