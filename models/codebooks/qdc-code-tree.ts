/**
 * A codebook as the tree of REFI-QDA codes that `.qdc` and `project.qde` both carry: one
 * non-codable grouping code per family (relational, care experience), each theme nested under
 * its parent theme or, at the top, under its family. The tree is also where a project adds codes
 * of its own (speaker roles, themes found in labels but absent from the codebook).
 */
import type { Codebook, Theme } from './codebook.js';
import { formatDescription } from './qdc-description.js';
import { familyGuid, themeGuid } from './qdc-guid.js';

/** One `<Code>`: what both schemas allow (guid, name, isCodable, Description, child codes). */
export interface QdaCode {
  guid: string;
  name: string;
  isCodable: boolean;
  description?: string;
  children: QdaCode[];
}

/** Display names of the default codebook's families; other families are shown as written. */
export const FAMILY_NAMES: Readonly<Record<string, string>> = Object.freeze({
  relational: 'Relationnel et partenariat',
  care_experience: 'Expérience des soins',
});

/** The code of one theme, without children. */
export function themeCode(theme: Theme, language: 'fr' | 'en'): QdaCode {
  return {
    guid: themeGuid(theme),
    name: theme.label,
    isCodable: true,
    description: formatDescription(
      {
        definition: theme.definition,
        include: theme.include,
        exclude: theme.exclude,
        examples: theme.examples,
        id: theme.id,
      },
      language,
    ),
    children: [],
  };
}

/**
 * The codebook's code tree, in codebook order: families in order of first appearance, themes
 * without a family at the top level after them.
 */
export function codebookCodeTree(codebook: Codebook): QdaCode[] {
  const codes = new Map<string, QdaCode>();
  for (const theme of codebook.themes) codes.set(theme.id, themeCode(theme, codebook.language));
  const families = new Map<string, QdaCode>();
  const loose: QdaCode[] = [];
  for (const theme of codebook.themes) {
    const code = codes.get(theme.id) as QdaCode;
    const parent = theme.parent === undefined ? undefined : codes.get(theme.parent);
    if (parent !== undefined) {
      parent.children.push(code);
    } else if (theme.family !== undefined) {
      let family = families.get(theme.family);
      if (family === undefined) {
        family = {
          guid: familyGuid(theme.family),
          name: FAMILY_NAMES[theme.family] ?? theme.family,
          isCodable: false,
          description: formatDescription(
            { definition: '', include: [], exclude: [], examples: [], id: theme.family },
            codebook.language,
          ),
          children: [],
        };
        families.set(theme.family, family);
      }
      family.children.push(code);
    } else {
      loose.push(code);
    }
  }
  return [...families.values(), ...loose];
}
