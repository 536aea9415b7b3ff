/**
 * Builds `entretien-ide-ch2.docx` from `entretien-ide-ch2.source.md`, so that the corpus has a
 * Word transcript whose text is reviewable in git. One `w:p` per source line; a speaker label
 * ("E :", "IDE 3 :") goes in a bold run, as transcribers usually type it. Only the three parts a
 * reader needs are written ([Content_Types].xml, _rels/.rels, word/document.xml), with a fixed
 * date so that re-running the script gives the same bytes.
 *
 * Run: `npx tsx corpora/interviews/build-docx.ts`
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';

const HERE = dirname(fileURLToPath(import.meta.url));
const SOURCE = join(HERE, 'entretien-ide-ch2.source.md');
const TARGET = join(HERE, 'entretien-ide-ch2.docx');
const FIXED_DATE = new Date('2024-01-01T00:00:00Z');
/** A speaker label at paragraph start: "E : ", "IDE 3 : ", "CDS 1 : ". */
const LABEL = /^([\p{L}]{1,12}(?: \d{1,2})?) : /u;

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function run(text: string, style: { bold: boolean } = { bold: false }): string {
  const properties = style.bold ? '<w:rPr><w:b/></w:rPr>' : '';
  return `<w:r>${properties}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
}

function paragraph(line: string): string {
  const label = LABEL.exec(line);
  if (label === null) return `<w:p>${run(line)}</w:p>`;
  return `<w:p>${run(label[0], { bold: true })}${run(line.slice(label[0].length))}</w:p>`;
}

const lines = readFileSync(SOURCE, 'utf8')
  .split(/\r?\n/)
  .filter((line) => line.trim() !== '');
const documentXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${lines.map(paragraph).join('')}<w:sectPr/></w:body></w:document>`;

const zip = new JSZip();
for (const [name, content] of [
  ['[Content_Types].xml', CONTENT_TYPES],
  ['_rels/.rels', RELS],
  ['word/document.xml', documentXml],
] as const) {
  // No implicit folder entries: JSZip would stamp them with the current time.
  zip.file(name, content, { date: FIXED_DATE, createFolders: false });
}
writeFileSync(TARGET, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
console.log(`wrote ${TARGET} (${lines.length} paragraphs)`);
