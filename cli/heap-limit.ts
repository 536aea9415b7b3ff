/**
 * V8 lets collectable garbage grow to two or three times the live heap before a full
 * collection; on a 1M-row run that is 250 MB of slack over a live heap near 100 MB. The CLI runs
 * with a capped old space instead, so that its resident memory stays flat and predictable (the
 * pipeline holds a bounded number of chunks, never the whole input).
 */

/** Old-space cap of the `verbatim` process, in MB. Override with VERBATIM_MAX_HEAP_MB. @defaultValue 256 */
export const DEFAULT_MAX_HEAP_MB = 256;

export const HEAP_FLAG = '--max-old-space-size';

/** True when the user already chose a heap size (command line or NODE_OPTIONS). */
export function heapLimitChosen(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return execArgv.some((a) => a.startsWith(HEAP_FLAG)) || (nodeOptions ?? '').includes(HEAP_FLAG);
}
