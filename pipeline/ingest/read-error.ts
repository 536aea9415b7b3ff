/** File-system error codes worth a human phrase; anything else is named by its code. */
const PHRASES: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'file not found',
  EISDIR: 'is a directory',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/**
 * A short reason for a read failure, for `inputUnreadable`. Library messages are not reused:
 * parsers quote the input they choke on, and the input is patient text.
 */
export function describeReadError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return PHRASES[code] ?? `read error (${code})`;
  return 'read error';
}
