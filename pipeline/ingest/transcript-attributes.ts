import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { inputUnreadable } from '../errors.js';
import { decodeBuffer } from './decode-stream.js';
import { detectDelimiter } from './detect-delimiter.js';
import { detectEncoding } from './detect-encoding.js';
import { foldHeader } from './fold-text.js';
import type { IngestContext } from './ingest-context.js';

const attribute = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) =>
    value === null || value === undefined || String(value).trim() === '' ? undefined : String(value).trim(),
  );

/** File-level attributes of an interview: site (CHU 1, CH 2), date, speaker role. */
export const TranscriptAttributesSchema = z.object({ site: attribute, date: attribute, role: attribute });
export type TranscriptAttributes = z.infer<typeof TranscriptAttributesSchema>;

/** A transcript with no sidecar. */
const NO_ATTRIBUTES: TranscriptAttributes = Object.freeze({ site: undefined, date: undefined, role: undefined });

/** The name of the per-folder attribute table; `resolveInputs` does not treat it as survey data. */
export const ATTRIBUTES_FILE = 'attributes.csv';

/** The suffix of a per-file sidecar: `interview-01.txt` → `interview-01.meta.json`. */
export const META_SUFFIX = '.meta.json';

async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return null;
    throw inputUnreadable(path, 'cannot read this attribute file', error);
  }
}

async function readMetaJson(file: string): Promise<TranscriptAttributes | null> {
  const stem = basename(file, extname(file));
  for (const path of [join(dirname(file), `${stem}${META_SUFFIX}`), `${file}${META_SUFFIX}`]) {
    const bytes = await readIfExists(path);
    if (bytes === null) continue;
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      throw inputUnreadable(path, 'sidecar is not valid JSON', error);
    }
    const parsed = TranscriptAttributesSchema.safeParse(value);
    if (!parsed.success) throw inputUnreadable(path, 'sidecar fields site, date, role must be strings');
    return parsed.data;
  }
  return null;
}

/** Rows of a folder's `attributes.csv` (columns `file;site;date;role`) by file name and stem. */
async function readAttributesTable(folder: string): Promise<ReadonlyMap<string, TranscriptAttributes> | null> {
  const path = join(folder, ATTRIBUTES_FILE);
  const bytes = await readIfExists(path);
  if (bytes === null) return null;
  const { encoding } = await detectEncoding(path);
  const text = decodeBuffer(bytes, encoding);
  let rows: string[][];
  try {
    rows = parse(text, {
      delimiter: detectDelimiter(text, true).delimiter,
      relax_quotes: true,
      skip_empty_lines: true,
    });
  } catch (error) {
    throw inputUnreadable(path, 'cannot parse the attribute table', error);
  }
  const [header = [], ...body] = rows;
  const columns = header.map(foldHeader);
  const at = (name: string): number => columns.indexOf(name);
  if (at('file') < 0) throw inputUnreadable(path, 'the attribute table needs a "file" column');
  const table = new Map<string, TranscriptAttributes>();
  for (const row of body) {
    const cell = (name: string): string | undefined => (at(name) < 0 ? undefined : row[at(name)]);
    const name = cell('file')?.trim();
    if (!name) continue;
    const attributes = TranscriptAttributesSchema.parse({ site: cell('site'), date: cell('date'), role: cell('role') });
    table.set(name, attributes);
    table.set(basename(name, extname(name)), attributes);
  }
  return table;
}

/**
 * Attributes of a transcript from `<stem>.meta.json` next to it, else from its folder's
 * `attributes.csv` (looked up by file name, then stem; read once per folder and call). A broken
 * sidecar is an error naming it rather than a silently unattributed interview.
 */
export async function loadTranscriptAttributes(file: string, context: IngestContext): Promise<TranscriptAttributes> {
  const fromJson = await readMetaJson(file);
  if (fromJson !== null) return fromJson;
  const folder = dirname(file);
  if (!context.attributesByFolder.has(folder)) {
    context.attributesByFolder.set(folder, await readAttributesTable(folder));
  }
  const table = context.attributesByFolder.get(folder);
  return table?.get(basename(file)) ?? table?.get(basename(file, extname(file))) ?? NO_ATTRIBUTES;
}
