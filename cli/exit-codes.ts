/**
 * Error codes → exit codes of cli-contract.md, in one place. The `Record` type makes the
 * compiler reject an error code without an exit code.
 */
import type { ErrorCode } from '../pipeline/errors.js';

export const EXIT = Object.freeze({ OK: 0, USAGE: 1, INPUT: 2, QUARANTINED: 3, SERVICE: 4 });
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES: Readonly<Record<ErrorCode, ExitCode>> = Object.freeze({
  USAGE: EXIT.USAGE,
  CODEBOOK_INVALID: EXIT.USAGE,
  INPUT_MISSING: EXIT.INPUT,
  INPUT_UNSUPPORTED: EXIT.INPUT,
  INPUT_UNREADABLE: EXIT.INPUT,
  INPUT_TOO_LARGE: EXIT.INPUT,
  ROWS_QUARANTINED: EXIT.QUARANTINED,
  SERVICE_UNREACHABLE: EXIT.SERVICE,
  // An internal failure is not the user's input: 1 keeps scripts from mistaking it for bad data.
  INTERNAL: EXIT.USAGE,
});
