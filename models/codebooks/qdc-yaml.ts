/**
 * An imported REFI-QDA codebook written as our codebook YAML, the file a researcher keeps next to
 * their corpus, edits (adding cues or actions) and passes to `verbatim run --codebook`.
 */
import { stringify } from 'yaml';
import type { ImportedCodebook } from './qdc-import.js';

/** YAML text for `imported`, with a header saying where it came from. */
export function importedCodebookYaml(imported: ImportedCodebook, sourceName: string): string {
  const header = [
    `# Codebook imported from ${sourceName} (REFI-QDA) by \`verbatim codebook import\`.`,
    '# Ids are slugs of the code names (or the ids Verbatim wrote); `guid` keeps the QDA code so',
    '# that exports give it back. No `cues`: the lexical classifier derives weak ones from labels',
    '# and examples until you add some (syntax: models/codebooks/default-fr.yaml).',
  ];
  return `${header.join('\n')}\n${stringify(imported, { lineWidth: 100 })}`;
}
