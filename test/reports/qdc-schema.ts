/**
 * Validates generated REFI-QDA XML against the schemas in test/fixtures/refi-qda/ with xmllint
 * (compiled to WebAssembly), as the issue asks of every generated `.qde` and `.qdc`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

const SCHEMA_DIR = fileURLToPath(new URL('../fixtures/refi-qda/', import.meta.url));

/** Which schema: the repaired Codebook.xsd or the 2019 Project schema. */
export type RefiSchema = 'codebook' | 'project';

const FILES: Record<RefiSchema, string> = { codebook: 'Codebook.xsd', project: 'Project-mrt2019.xsd' };

/** Validates `xml`; resolves to the list of xmllint errors (empty when valid). */
export async function refiSchemaErrors(xml: string, schema: RefiSchema, fileName = 'doc.xml'): Promise<string[]> {
  const xsd = readFileSync(`${SCHEMA_DIR}${FILES[schema]}`, 'utf8');
  const result = await validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [{ fileName: FILES[schema], contents: xsd }],
    // Projects of a whole run are larger than xmllint's default 16 MiB of memory.
    maxMemoryPages: 16384,
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
