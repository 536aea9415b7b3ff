/**
 * Files an export is still writing, removed if the process is stopped by SIGINT or SIGTERM: a
 * half-written `.qdpx` looks like a finished one to the person who opens it, and its temp file
 * holds pseudonymized text nobody asked to keep. One listener for the whole process (a second
 * one would never run: the first exits), installed while something is in progress.
 */
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';

const inProgress = new Set<string>();
const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

function stop(signal: keyof typeof EXIT_CODES): void {
  for (const path of inProgress) rmSync(path, { force: true });
  process.stderr.write(`interrompu (${signal}) : fichiers partiels supprimés\n`);
  process.exit(EXIT_CODES[signal]);
}
const onSigint = () => stop('SIGINT');
const onSigterm = () => stop('SIGTERM');

/** Marks `paths` as being written; call the returned function once they are complete or removed. */
export function trackPartialOutputs(...paths: string[]): () => void {
  if (inProgress.size === 0) {
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigterm);
  }
  for (const path of paths) inProgress.add(path);
  return () => {
    for (const path of paths) inProgress.delete(path);
    if (inProgress.size === 0) {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
    }
  };
}

/** Runs `write`, which creates `path`; the file is removed if `write` fails or the process is stopped. */
export async function writingOutput<T>(path: string, write: () => Promise<T>): Promise<T> {
  const done = trackPartialOutputs(path);
  try {
    return await write();
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  } finally {
    done();
  }
}
