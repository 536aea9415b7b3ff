/**
 * Run ids are derived from what determines the result (file contents, options, model and
 * codebook versions), so re-running the same input into the same database upserts the same run
 * instead of adding a copy.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type RunId, RunIdSchema } from '../pipeline/record.js';

/** sha256 of a file, streamed. */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface RunIdentity {
  fileHashes: readonly string[];
  options: unknown;
  modelVersion: string;
  codebookVersion: string;
}

export function computeRunId(identity: RunIdentity): RunId {
  const canonical = JSON.stringify({
    files: [...identity.fileHashes].sort(),
    options: identity.options,
    model: identity.modelVersion,
    codebook: identity.codebookVersion,
  });
  return RunIdSchema.parse(`run-${createHash('sha256').update(canonical).digest('hex').slice(0, 16)}`);
}
