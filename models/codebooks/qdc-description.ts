/**
 * A theme's text as one REFI-QDA `<Description>`. QDA tools show a code's description to the
 * coder, and a codebook has no other place for our definition, include/exclude notes, examples
 * and stable id, so they are written as short labelled sections a researcher can read and edit,
 * and read back on import. A description without these sections (any other tool's codebook) is
 * taken whole as the definition.
 */

/** The parts of a theme a description carries. */
export interface DescriptionParts {
  definition: string;
  include: string[];
  exclude: string[];
  examples: string[];
  /** Verbatim theme id, or family id for a family's grouping code. */
  id?: string;
}

type ListKey = 'include' | 'exclude' | 'examples';

/** Section headings written, per codebook language. */
const HEADINGS = {
  fr: { include: 'Inclure :', exclude: 'Exclure :', examples: 'Exemples :', id: 'Identifiant Verbatim :' },
  en: { include: 'Include:', exclude: 'Exclude:', examples: 'Examples:', id: 'Verbatim id:' },
} as const;

/** Headings recognised on import, in either language, with or without the space before the colon. */
const LIST_HEADING = /^(inclure|include|exclure|exclude|exemples|examples)\s?:\s*$/i;
const ID_LINE = /^(identifiant verbatim|verbatim id)\s?:\s*(\S+)\s*$/i;

const LIST_KEYS: Record<string, ListKey> = {
  inclure: 'include',
  include: 'include',
  exclure: 'exclude',
  exclude: 'exclude',
  exemples: 'examples',
  examples: 'examples',
};

/** Writes the description; empty sections are left out. List items are kept on one line each. */
export function formatDescription(parts: DescriptionParts, language: 'fr' | 'en' = 'fr'): string {
  const h = HEADINGS[language];
  const blocks: string[] = [];
  if (parts.definition.trim() !== '') blocks.push(parts.definition.trim());
  for (const key of ['include', 'exclude', 'examples'] as const) {
    const items = parts[key];
    if (items.length === 0) continue;
    blocks.push([h[key], ...items.map((item) => `- ${item.replace(/\s*[\r\n]+\s*/g, ' ').trim()}`)].join('\n'));
  }
  if (parts.id !== undefined) blocks.push(`${h.id} ${parts.id}`);
  return blocks.join('\n\n');
}

/** Reads a description written by {@link formatDescription}, or any free text as a definition. */
export function parseDescription(text: string): DescriptionParts {
  const parts: DescriptionParts = { definition: '', include: [], exclude: [], examples: [] };
  const definition: string[] = [];
  let list: ListKey | null = null;
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const heading = LIST_HEADING.exec(line);
    const id = ID_LINE.exec(line);
    if (heading?.[1] !== undefined) {
      list = LIST_KEYS[heading[1].toLowerCase()] ?? null;
    } else if (id?.[2] !== undefined) {
      parts.id = id[2];
      list = null;
    } else if (list !== null && line.startsWith('- ')) {
      parts[list].push(line.slice(2).trim());
    } else if (list !== null && line === '') {
      // blank line between sections
    } else {
      // Free text after a section belongs to the definition: nothing is dropped.
      list = null;
      definition.push(raw);
    }
  }
  parts.definition = definition.join('\n').trim();
  return parts;
}
