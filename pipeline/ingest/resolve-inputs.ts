import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { inputUnreadable, VerbatimError } from '../errors.js';
import type { InputFormat } from './file-source.js';
import { ATTRIBUTES_FILE, META_SUFFIX } from './transcript-attributes.js';

/** File extension → format; the frozen list of what `verbatim run` accepts. */
export const FORMATS_BY_EXTENSION: Readonly<Record<string, InputFormat>> = Object.freeze({
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.xlsx': 'xlsx',
  '.jsonl': 'jsonl',
  '.txt': 'txt',
  '.docx': 'docx',
  '.vtt': 'vtt',
  '.srt': 'srt',
});

/** The format of a path by its extension (case-insensitive), or null. */
export function formatOf(path: string): InputFormat | null {
  return FORMATS_BY_EXTENSION[extname(path).toLowerCase()] ?? null;
}

function unsupported(path: string): VerbatimError {
  const extension = extname(path) || '(none)';
  return new VerbatimError(
    'INPUT_UNSUPPORTED',
    `${path}: unsupported format ${extension} (supported: ${Object.keys(FORMATS_BY_EXTENSION).join(' ')})`,
    { file: path },
  );
}

/**
 * Files a folder scan skips: hidden files, Office lock files (`~$export.xlsx`), and transcript
 * sidecars (`attributes.csv`, `*.meta.json`), which describe other files rather than hold data.
 */
function skippedInFolder(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || name === ATTRIBUTES_FILE || name.endsWith(META_SUFFIX);
}

async function statOrThrow(path: string): Promise<Awaited<ReturnType<typeof stat>>> {
  try {
    return await stat(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new VerbatimError('INPUT_MISSING', `${path}: no such file or directory`, { file: path }, { cause: error });
    }
    throw inputUnreadable(path, code === 'EACCES' ? 'permission denied' : 'cannot be opened', error);
  }
}

/** A symbolic link found in a folder counts if it leads to a file; a dangling one is skipped. */
async function isLinkToFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return false;
    throw inputUnreadable(path, 'cannot follow this link', error);
  }
}

async function walk(folder: string, into: string[]): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw inputUnreadable(folder, 'cannot list this folder', error);
  }
  const names = entries
    .filter((entry) => !skippedInFolder(entry.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of names) {
    const path = join(folder, entry.name);
    // Symbolic links to folders are not followed: no loops, no escaping the given tree.
    if (entry.isDirectory()) await walk(path, into);
    else if ((entry.isFile() || (entry.isSymbolicLink() && (await isLinkToFile(path)))) && formatOf(path) !== null) {
      into.push(path);
    }
  }
}

/**
 * Expands the command line's INPUT arguments into the files to read, in order: files as given,
 * folders recursively with entries sorted by name and only supported extensions. A path given
 * twice (or inside a given folder too) is read once. A missing path is `INPUT_MISSING`, a file
 * with an unsupported extension given explicitly is `INPUT_UNSUPPORTED`, and no file at all is
 * `INPUT_MISSING`.
 */
export async function resolveInputs(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await statOrThrow(path);
    if (info.isDirectory()) await walk(path, files);
    else if (formatOf(path) === null) throw unsupported(path);
    else files.push(path);
  }
  const seen = new Set<string>();
  const unique = files.filter((file) => {
    const key = resolve(file);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length === 0) {
    throw new VerbatimError('INPUT_MISSING', `no supported input files in ${paths.join(', ')}`);
  }
  return unique;
}
