import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { type SourceId, SourceIdSchema, type SourceInfo } from '../record.js';

/** Formats Verbatim reads, as `SourceInfo.format` names them. */
export type InputFormat = SourceInfo['format'];

/** A file about to be read: its identity, known before any row is parsed. */
export interface FileSource {
  /** The path as the user gave it (provenance `file`). */
  path: string;
  /** File name shown in outputs (`SourceRecord.source`). */
  name: string;
  format: InputFormat;
  sha256: string;
  /** First 12 hex digits of the SHA-256: stable across runs, so re-runs upsert. */
  sourceId: SourceId;
}

/** Hashes the file in a stream (inputs reach 150 MB) and builds its `FileSource`. */
export async function describeFile(path: string, format: InputFormat): Promise<FileSource> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  const sha256 = hash.digest('hex');
  return { path, name: basename(path), format, sha256, sourceId: SourceIdSchema.parse(sha256.slice(0, 12)) };
}
