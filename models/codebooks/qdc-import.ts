/**
 * Reads a researcher's REFI-QDA codebook (`.qdc`, or the `CodeBook` of a `project.qde`) into our
 * codebook shape, so that `verbatim run --codebook` codes against it. Mapping:
 * - a codable `<Code>` becomes a theme: `name` → label, `<Description>` → definition (and the
 *   include/exclude/examples sections Verbatim writes, see qdc-description.ts), `guid` kept;
 * - its id is the one written in the description by Verbatim, else a slug of the name (lower-case
 *   ASCII, `_`), made unique by a numeric suffix in document order, so that the same file always
 *   gives the same ids;
 * - a code nested in a codable code gets it as `parent`;
 * - a top-level non-codable code is a family: its codes get `family` (its Verbatim family id, else
 *   the slug of its name); a non-codable code deeper down is kept as a theme, since our codebook
 *   has no other place for it and dropping it would lose its children's parent.
 * Sets are not imported (our codebook has no sets). Imported themes have no cues: the lexical
 * classifier derives weak ones from labels and examples.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { VerbatimError } from '../../pipeline/errors.js';
import { type Codebook, loadCodebook, parseCodebook } from './codebook.js';
import { parseDescription } from './qdc-description.js';

interface XmlCode {
  guid?: string;
  name?: string;
  isCodable?: string;
  Description?: string | { '#text'?: string };
  Code?: XmlCode[];
}

/** A theme as written to YAML: only what the `.qdc` says, in codebook field order. */
export interface ImportedTheme {
  id: string;
  label: string;
  family?: string;
  definition: string;
  include?: string[];
  exclude?: string[];
  examples?: string[];
  parent?: string;
  guid?: string;
}

/** What an import yields before validation: plain data, ready for YAML. */
export interface ImportedCodebook {
  language: 'fr' | 'en';
  name?: string;
  themes: ImportedTheme[];
}

const GUID = /^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/;
const THEME_ID = /^[a-z0-9_]+$/;

/** `Communication et information` → `communication_et_information`; empty → `code`. */
export function slugifyCodeName(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return slug === '' ? 'code' : slug.slice(0, 64);
}

/**
 * Parses `.qdc` (or `.qde`) XML text. `source` names the file in errors. Throws
 * `VerbatimError('CODEBOOK_INVALID')` when the document is not a REFI-QDA codebook.
 */
export function importQdc(xml: string, source: string, options: { language?: 'fr' | 'en' } = {}): ImportedCodebook {
  const invalid = (reason: string) =>
    new VerbatimError('CODEBOOK_INVALID', `${source}: ${reason}`, { file: source, reason });
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => name === 'Code',
  });
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml, true) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? 'not XML') : 'not XML';
    throw new VerbatimError(
      'CODEBOOK_INVALID',
      `${source}: not valid XML: ${reason}`,
      { file: source, reason },
      { cause: error },
    );
  }
  const project = doc.Project as { CodeBook?: unknown; name?: string } | undefined;
  const book = (doc.CodeBook ?? project?.CodeBook) as { Codes?: { Code?: XmlCode[] } } | undefined;
  if (book === undefined) throw invalid('no <CodeBook> element (not a REFI-QDA codebook or project)');
  const top = book.Codes?.Code ?? [];
  if (top.length === 0) throw invalid('the codebook has no <Code>');

  const themes: ImportedTheme[] = [];
  const used = new Set<string>();
  const uniqueId = (wanted: string): string => {
    let id = wanted;
    for (let n = 2; used.has(id); n += 1) id = `${wanted}_${n}`;
    used.add(id);
    return id;
  };
  const visit = (code: XmlCode, parent: string | undefined, family: string | undefined, path: string) => {
    const name = (code.name ?? '').trim();
    if (name === '') throw invalid(`${path}: a <Code> has no name`);
    const parts = parseDescription(descriptionText(code.Description));
    const codable = code.isCodable !== 'false' && code.isCodable !== '0';
    const children = code.Code ?? [];
    if (!codable && parent === undefined && family === undefined) {
      const familyId = parts.id !== undefined && THEME_ID.test(parts.id) ? parts.id : slugifyCodeName(name);
      for (const [i, child] of children.entries()) visit(child, undefined, familyId, `${path}/Code[${i + 1}]`);
      return;
    }
    const id = uniqueId(parts.id !== undefined && THEME_ID.test(parts.id) ? parts.id : slugifyCodeName(name));
    const theme: ImportedTheme = { id, label: name, definition: parts.definition };
    if (family !== undefined) theme.family = family;
    if (parts.include.length > 0) theme.include = parts.include;
    if (parts.exclude.length > 0) theme.exclude = parts.exclude;
    if (parts.examples.length > 0) theme.examples = parts.examples;
    if (parent !== undefined) theme.parent = parent;
    if (code.guid !== undefined && GUID.test(code.guid.trim())) theme.guid = code.guid.trim();
    themes.push(theme);
    for (const [i, child] of children.entries()) visit(child, id, family, `${path}/Code[${i + 1}]`);
  };
  for (const [i, code] of top.entries()) visit(code, undefined, undefined, `Codes/Code[${i + 1}]`);
  if (themes.length === 0) throw invalid('no codable <Code> (only empty groups)');
  const imported: ImportedCodebook = { language: options.language ?? 'fr', themes };
  if (project?.name !== undefined) imported.name = project.name;
  return imported;
}

/** Reads, imports and validates a `.qdc` file: the result is a codebook the classifier can use. */
export function loadQdcCodebook(path: string, options: { language?: 'fr' | 'en' } = {}): Codebook {
  return parseCodebook(importQdc(readQdc(path), path, options), path);
}

/** A codebook file by its extension: REFI-QDA (`.qdc`, `.qde`) imported, YAML/JSON read as ours. */
export function loadCodebookFile(path: string): Codebook {
  const ext = extname(path).toLowerCase();
  return ext === '.qdc' || ext === '.qde' ? loadQdcCodebook(path) : loadCodebook(path);
}

/** Reads a `.qdc` file as UTF-8 text; a missing or unreadable file is an input error. */
export function readQdc(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'INPUT_MISSING' : 'INPUT_UNREADABLE';
    throw new VerbatimError(code, `${path}: codebook cannot be read`, { file: path }, { cause: error });
  }
}

function descriptionText(description: XmlCode['Description']): string {
  if (description === undefined) return '';
  if (typeof description === 'string') return description;
  return description['#text'] ?? '';
}
