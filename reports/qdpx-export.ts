/**
 * A run as a REFI-QDA project (`.qdpx`: a zip holding `project.qde` and `sources/`), the format
 * NVivo, ATLAS.ti, MAXQDA and QualCoder import. The project holds:
 * - Users: one machine coder per model version and one per human coder (qdpx-users.ts);
 * - CodeBook: the codebook's themes nested by family, plus speaker roles (qdpx-code-tree.ts);
 * - Variables: record attributes, valued on each source (qdpx-variables.ts);
 * - Sources: one plain-text source per record (a comment field or a whole transcript), its
 *   pseudonymized text in `sources/<guid>.txt`, coded segments as selections in code points
 *   (qdpx-text-source.ts).
 * GUIDs are name-based on the run id and keys, and zip timestamps are the run's start, so
 * exporting the same run twice gives the same bytes. Records are read page by page, each source
 * is zipped as it comes (qdpx-zip.ts: constant cost per entry) and the XML is streamed to a
 * temporary file then into the zip, waiting for the file whenever too many bytes are unwritten,
 * so memory stays flat in the size of the run.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { Codebook } from '../models/codebooks/codebook.js';
import { codeTreeXml } from '../models/codebooks/qdc-code-xml.js';
import { xmlAttr, xmlText } from '../models/codebooks/qdc-xml-escape.js';
import { type RunId, type Store, VerbatimError } from '../pipeline/index.js';
import { trackPartialOutputs } from './partial-outputs.js';
import { projectCodes, ROLE_GROUP_NAME } from './qdpx-code-tree.js';
import { DEFAULT_SOURCE_PAGE_SIZE, sourcePages } from './qdpx-source-pages.js';
import { textSource, xsdDateTime } from './qdpx-text-source.js';
import { machineUser, projectUsers } from './qdpx-users.js';
import { variablesXml } from './qdpx-variables.js';
import { ZipFileWriter } from './qdpx-zip.js';
import { runHeader } from './queries.js';

/** Namespace of the REFI-QDA project schema. */
export const QDE_NAMESPACE = 'urn:QDA-XML:project:1.0';

/** Source files smaller than this are stored, not deflated. @defaultValue 1024 */
export const MIN_DEFLATE_BYTES = 1024;

/** Archive bytes not yet written to the file before the export waits for them. @defaultValue 8 MiB */
export const MAX_PENDING_BYTES = 8 << 20;

/** Options of {@link writeQdpx}. */
export interface QdpxOptions {
  /** The codebook the run was coded with: labels, definitions and families of the codes. */
  codebook: Codebook;
  /** Records read per query. @defaultValue 1000 */
  pageSize?: number;
  /** `origin` attribute of the project. @defaultValue 'Verbatim' */
  origin?: string;
}

/** What an export wrote. */
export interface QdpxStats {
  runId: RunId;
  sources: number;
  selections: number;
  codings: number;
  users: number;
  bytes: number;
}

/** Writes the `.qdpx` of `runId` to `path`. Throws `USAGE` when the store has no such run. */
export async function writeQdpx(store: Store, runId: RunId, path: string, options: QdpxOptions): Promise<QdpxStats> {
  const header = await runHeader(store, runId);
  if (header === null) throw new VerbatimError('USAGE', `--run: no run "${runId}" in the store`);
  const createdAt = xsdDateTime(header.createdAt, '1970-01-01T00:00:00Z');
  const mtime = new Date(createdAt);
  const users = await projectUsers(store, runId, header.modelVersion);
  const codes = await projectCodes(store, runId, options.codebook);
  const ctx = { runId, codes, runModelVersion: header.modelVersion, createdAt };

  const qdePath = `${path}.project-qde.tmp`;
  const done = trackPartialOutputs(path, qdePath);
  const zip = new ZipFileWriter(path, mtime);
  const qde = createWriteStream(qdePath, { encoding: 'utf8' });
  const stats: QdpxStats = { runId, sources: 0, selections: 0, codings: 0, users: users.length, bytes: 0 };
  try {
    const creator = machineUser(header.modelVersion).guid;
    await write(qde, [
      '<?xml version="1.0" encoding="utf-8"?>',
      `<Project xmlns="${QDE_NAMESPACE}" name="${xmlAttr(`Verbatim ${runId}`)}" origin="${xmlAttr(options.origin ?? 'Verbatim')}" creatingUserGUID="${creator}" creationDateTime="${createdAt}">`,
      '  <Users>',
      ...users.map((u) => `    <User guid="${u.guid}" name="${xmlAttr(u.name)}"/>`),
      '  </Users>',
      '  <CodeBook>',
      '    <Codes>',
      codeTreeXml(codes.tree, 3),
      '    </Codes>',
      '  </CodeBook>',
      variablesXml('  '),
      '',
    ]);
    for await (const page of sourcePages(store, runId, options.pageSize ?? DEFAULT_SOURCE_PAGE_SIZE)) {
      const xml: string[] = [];
      // The schema wants at least one source inside <Sources>, so the element opens with the first.
      if (stats.sources === 0) xml.push('  <Sources>');
      for (const entry of page) {
        const source = textSource(entry, ctx, '    ');
        const bytes = Buffer.from(source.text, 'utf8');
        // Deflating a short comment saves a few bytes for a per-entry cost that dominates the export.
        const compress = bytes.length >= MIN_DEFLATE_BYTES;
        zip.addBuffer(source.path, bytes, compress);
        xml.push(source.xml);
        stats.sources += 1;
        stats.selections += source.selections;
        stats.codings += source.codings;
      }
      await write(qde, [...xml, '']);
      // The page's entries wait in the file's buffer: let it catch up so memory stays flat.
      await zip.drained(MAX_PENDING_BYTES);
    }
    await write(qde, [
      ...(stats.sources > 0 ? ['  </Sources>'] : []),
      `  <Description>${xmlText(projectDescription(runId, header.modelVersion, options.codebook))}</Description>`,
      '</Project>',
      '',
    ]);
    qde.end();
    await once(qde, 'finish');
    await zip.addStream('project.qde', createReadStream(qdePath), true, MAX_PENDING_BYTES);
    stats.bytes = await zip.close();
    return stats;
  } catch (error) {
    qde.destroy();
    await zip.abort();
    throw error;
  } finally {
    await rm(qdePath, { force: true });
    done();
  }
}

/** What the project is and how it was made, shown by QDA tools as the project description. */
function projectDescription(runId: RunId, modelVersion: string, codebook: Codebook): string {
  return [
    `Export Verbatim du run ${runId} : textes pseudonymisés, un document par commentaire ou par entretien.`,
    `Codage automatique par Verbatim ${modelVersion} (codebook ${codebook.name ?? ''} version ${codebook.version}) ; les étiquettes validées par des personnes sont des codages de leur auteur.`,
    `Les tours de parole des entretiens sont codés par rôle (groupe « ${ROLE_GROUP_NAME} ») ; les tours de l'enquêteur ne sont pas codés.`,
  ].join('\n');
}

/** Writes lines (joined by newlines) and waits when the stream asks for it. */
async function write(stream: Writable, lines: readonly string[]): Promise<void> {
  if (!stream.write(lines.join('\n'))) await once(stream, 'drain');
}
