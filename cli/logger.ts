/**
 * The CLI's logger: pino to stderr (stdout is for `--json` output). Comment text is never logged;
 * `redact` is a second net for fields that could hold it.
 */
import pino, { type Logger } from 'pino';

export const REDACTED_PATHS = [
  'text',
  '*.text',
  'records[*].text',
  'segments[*].text',
  'comment',
  '*.comment',
  'evidence',
];

export function createLogger(options: { level: string }): Logger {
  return pino(
    { level: options.level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: undefined },
    pino.destination(2),
  );
}
