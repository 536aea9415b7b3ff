/**
 * Trained heads on disk: `<modelsDir>/<name>/v<N>/head.json`, plus `codebook.json` when the
 * labels came from the training file or from a codebook other than the built-in one. A new training of the same name
 * adds the next version; the highest version is the one `--model NAME` selects.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { VerbatimError } from '../../pipeline/errors.js';
import { type HeadFile, HeadFileSchema } from './head-file.js';

/** File names inside a version folder. */
export const HEAD_FILE = 'head.json';
export const HEAD_CODEBOOK_FILE = 'codebook.json';

const NAME_RE = /^[a-z0-9][a-z0-9._-]*$/i;
const VERSION_RE = /^v(\d+)$/;

/** Model names are folder names: letters, digits, `.`, `_`, `-`. */
export function isValidModelName(name: string): boolean {
  return NAME_RE.test(name) && name.length <= 64;
}

function versionsOf(folder: string): number[] {
  // The models folder also holds plain files (a promoted default, codebooks): not models.
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return [];
  return readdirSync(folder)
    .map((entry) => VERSION_RE.exec(entry)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number)
    .filter((v) => existsSync(join(folder, `v${v}`, HEAD_FILE)))
    .sort((a, b) => a - b);
}

/** The version folder the next training of `name` goes to, e.g. `v3`. */
export function nextVersion(modelsDir: string, name: string): string {
  const versions = versionsOf(join(modelsDir, name));
  return `v${(versions.at(-1) ?? 0) + 1}`;
}

/** Writes the head (and its label codebook) into `<modelsDir>/<name>/<version>/`; returns that folder. */
export function saveHead(modelsDir: string, head: HeadFile, codebook?: unknown): string {
  const folder = join(modelsDir, head.name, head.version);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, HEAD_FILE), `${JSON.stringify(head)}\n`);
  if (codebook !== undefined) writeFileSync(join(folder, HEAD_CODEBOOK_FILE), `${JSON.stringify(codebook, null, 2)}\n`);
  return folder;
}

/** The latest version folder of a user model, or null. */
export function findHeadFolder(modelsDir: string, name: string): string | null {
  if (!isValidModelName(name)) return null;
  const latest = versionsOf(join(modelsDir, name)).at(-1);
  return latest === undefined ? null : join(modelsDir, name, `v${latest}`);
}

/** Reads and validates `head.json` of a version folder. */
export function readHead(folder: string): HeadFile {
  const path = join(folder, HEAD_FILE);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new VerbatimError('INPUT_UNREADABLE', `${path}: model head cannot be read`, { file: path }, { cause: error });
  }
  const parsed = HeadFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const reason = `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`;
    throw new VerbatimError('INPUT_UNREADABLE', `${path}: not a model head (${reason})`, { file: path, reason });
  }
  return parsed.data;
}

/** One user model, as `verbatim models list` shows it. */
export interface UserModel {
  name: string;
  version: string;
  folder: string;
  description: string;
}

/** The latest version of every model in `modelsDir` (none when the folder does not exist). */
export function listUserModels(modelsDir: string): UserModel[] {
  if (!existsSync(modelsDir)) return [];
  const out: UserModel[] = [];
  for (const name of readdirSync(modelsDir).sort()) {
    const folder = findHeadFolder(modelsDir, name);
    if (folder === null) continue;
    let description = '';
    try {
      description = readHead(folder).description;
    } catch (error) {
      description = error instanceof VerbatimError ? `(illisible: ${error.message})` : '(illisible)';
    }
    out.push({ name, version: basename(folder), folder, description });
  }
  return out;
}
