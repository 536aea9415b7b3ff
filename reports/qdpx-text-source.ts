/**
 * One record as a REFI-QDA `<TextSource>`: its pseudonymized text goes to `sources/<guid>.txt`
 * in the archive, and each coded segment becomes a `<PlainTextSelection>` whose start and end
 * are the segment's offsets in Unicode code points (what REFI-QDA counts, and what segments store
 * as `start_cp`/`end_cp`), with one `<Coding>` per theme label, by its coder, and one for the
 * speaker's role.
 */
import { qdaGuid } from '../models/codebooks/qdc-guid.js';
import { xmlAttr } from '../models/codebooks/qdc-xml-escape.js';
import type { RunId } from '../pipeline/index.js';
import type { ProjectCodes } from './qdpx-code-tree.js';
import type { SourceEntry } from './qdpx-source-pages.js';
import { humanCoderName, humanUser, machineUser } from './qdpx-users.js';
import { variableValuesXml } from './qdpx-variables.js';

/** What every source of one export shares. */
export interface TextSourceContext {
  runId: RunId;
  codes: ProjectCodes;
  /** The run's model version: the coder of role codings and the creator of sources. */
  runModelVersion: string;
  /** The run's start, as an `xsd:dateTime`, for sources and role codings. */
  createdAt: string;
}

/** A source ready to write: its XML and the text file the XML points to. */
export interface TextSourceOutput {
  guid: string;
  /** Path inside the `.qdpx` archive. */
  path: string;
  text: string;
  xml: string;
  selections: number;
  codings: number;
}

const XSD_DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** `value` when it is a valid `xsd:dateTime`, else `fallback` (the run's start). */
export function xsdDateTime(value: string, fallback: string): string {
  return XSD_DATE_TIME.test(value) ? value : fallback;
}

/** The display name of a source: the file for a transcript, file, respondent and question otherwise. */
export function sourceName(record: SourceEntry['record']): string {
  return record.kind === 'transcript' ? record.source : `${record.source} · ${record.record_id} · ${record.field}`;
}

/** Builds the `<TextSource>` of `entry`, indented by `indent`. */
export function textSource(entry: SourceEntry, ctx: TextSourceContext, indent: string): TextSourceOutput {
  const { record } = entry;
  const guid = qdaGuid('source', ctx.runId, record.record_key);
  const runUser = machineUser(ctx.runModelVersion).guid;
  const lines = [
    `${indent}<TextSource guid="${guid}" name="${xmlAttr(sourceName(record))}" plainTextPath="internal://${guid}.txt" creatingUser="${runUser}" creationDateTime="${ctx.createdAt}">`,
  ];
  let selections = 0;
  let codings = 0;
  for (const segment of entry.segments) {
    const codingLines: string[] = [];
    const key = [ctx.runId, record.record_key, String(segment.index)];
    for (const label of segment.labels) {
      const code = ctx.codes.themes.get(label.theme);
      if (code === undefined) continue; // every stored theme has a code (see projectCodes)
      const coder =
        label.origin === 'human' ? humanUser(humanCoderName(label.evidenceJson)) : machineUser(label.modelVersion);
      const codingGuid = qdaGuid('coding', ...key, label.theme, label.origin, coder.guid);
      codingLines.push(
        `${indent}    <Coding guid="${codingGuid}" creatingUser="${coder.guid}" creationDateTime="${xsdDateTime(label.createdAt, ctx.createdAt)}"><CodeRef targetGUID="${code}"/></Coding>`,
      );
    }
    const role = segment.role === null ? undefined : ctx.codes.roles.get(segment.role);
    if (role !== undefined) {
      codingLines.push(
        `${indent}    <Coding guid="${qdaGuid('coding', ...key, 'role')}" creatingUser="${runUser}" creationDateTime="${ctx.createdAt}"><CodeRef targetGUID="${role}"/></Coding>`,
      );
    }
    if (codingLines.length === 0) continue;
    selections += 1;
    codings += codingLines.length;
    lines.push(
      `${indent}  <PlainTextSelection guid="${qdaGuid('selection', ...key)}" name="${xmlAttr(`${record.record_key}#${segment.index}`)}" startPosition="${segment.startCp}" endPosition="${segment.endCp}" creatingUser="${runUser}" creationDateTime="${ctx.createdAt}">`,
      ...codingLines,
      `${indent}  </PlainTextSelection>`,
    );
  }
  const variables = variableValuesXml(record, `${indent}  `);
  if (variables !== '') lines.push(variables);
  lines.push(`${indent}</TextSource>`);
  return { guid, path: `sources/${guid}.txt`, text: record.text, xml: lines.join('\n'), selections, codings };
}
