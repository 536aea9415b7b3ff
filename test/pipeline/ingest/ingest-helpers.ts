/**
 * Shared helpers for the ingest tests: run `ingest` to completion, write generated fixtures
 * (encodings, binary bytes, zips) into a throwaway folder.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IngestOptions } from '../../../pipeline/ingest/ingest.js';
import { ingest, parseMapOptions } from '../../../pipeline/ingest/ingest.js';
import type { IngestItem, SourceInfo, SourceRecord } from '../../../pipeline/record.js';

/** `test/fixtures/ingest/<name>`. */
export function fixture(name: string): string {
  return join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/ingest', name);
}

export interface Collected {
  items: IngestItem[];
  sources: SourceInfo[];
  records: SourceRecord[];
}

/** Runs `ingest` over `files` and keeps everything it yields. */
export async function collect(files: string[], options: Partial<IngestOptions> = {}): Promise<Collected> {
  const sources: SourceInfo[] = [];
  const items: IngestItem[] = [];
  for await (const item of ingest(files, {
    map: parseMapOptions([]),
    maxCellChars: 50_000,
    onSource: (source) => sources.push(source),
    ...options,
  })) {
    items.push(item);
  }
  const records = items.flatMap((item) => (item.kind === 'row' ? item.records : []));
  return { items, sources, records };
}

/** Counts per item kind, with rows split into "with records" and "empty". */
export function tally(items: IngestItem[]): { ok: number; empty: number; quarantined: number; duplicates: number } {
  const counts = { ok: 0, empty: 0, quarantined: 0, duplicates: 0 };
  for (const item of items) {
    if (item.kind === 'duplicate') counts.duplicates++;
    else if (item.kind === 'quarantined') counts.quarantined++;
    else if (item.records.length > 0) counts.ok++;
    else counts.empty++;
  }
  return counts;
}

/** A fresh temporary folder and a writer into it; call `cleanup` in `afterEach`/`afterAll`. */
export async function tempFolder(): Promise<{
  dir: string;
  write: (name: string, content: string | Uint8Array) => Promise<string>;
  cleanup: () => Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'verbatim-ingest-'));
  return {
    dir,
    write: async (name, content) => {
      const path = join(dir, name);
      await writeFile(path, content);
      return path;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
