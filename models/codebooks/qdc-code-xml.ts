/**
 * Writes a tree of REFI-QDA codes as `<Code>` elements. The Codebook and Project schemas declare
 * the same code element (guid, name, isCodable, then Description before child codes), so one
 * writer serves `.qdc` and `project.qde`.
 */
import type { QdaCode } from './qdc-code-tree.js';
import { xmlAttr, xmlText } from './qdc-xml-escape.js';

/** The `<Code>` elements of `codes`, indented by `depth` levels of two spaces, one per line. */
export function codeTreeXml(codes: readonly QdaCode[], depth: number): string {
  const lines: string[] = [];
  const write = (code: QdaCode, level: number) => {
    const pad = '  '.repeat(level);
    const open = `${pad}<Code guid="${code.guid}" name="${xmlAttr(code.name)}" isCodable="${code.isCodable}"`;
    const hasDescription = code.description !== undefined && code.description !== '';
    if (!hasDescription && code.children.length === 0) {
      lines.push(`${open}/>`);
      return;
    }
    lines.push(`${open}>`);
    if (hasDescription) lines.push(`${pad}  <Description>${xmlText(code.description ?? '')}</Description>`);
    for (const child of code.children) write(child, level + 1);
    lines.push(`${pad}</Code>`);
  };
  for (const code of codes) write(code, depth);
  return lines.join('\n');
}
