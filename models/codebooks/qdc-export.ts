/**
 * A codebook as a REFI-QDA codebook file (`.qdc`, schema `urn:QDA-XML:codebook:1.0`), the
 * exchange format NVivo, ATLAS.ti, MAXQDA and QualCoder import to share a coding frame.
 */
import type { Codebook } from './codebook.js';
import { codebookCodeTree } from './qdc-code-tree.js';
import { codeTreeXml } from './qdc-code-xml.js';

/** Namespace of the REFI-QDA codebook schema. */
export const QDC_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

/** The `.qdc` document (UTF-8 XML text) for `codebook`. */
export function buildQdc(codebook: Codebook): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<CodeBook xmlns="${QDC_NAMESPACE}" origin="Verbatim">`,
    '  <Codes>',
    codeTreeXml(codebookCodeTree(codebook), 2),
    '  </Codes>',
    '</CodeBook>',
    '',
  ].join('\n');
}
