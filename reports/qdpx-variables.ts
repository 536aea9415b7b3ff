/**
 * Record attributes as REFI-QDA variables on each text source (file, respondent id, question,
 * department, survey, date, e-Satis score, record valence), so a researcher can filter and
 * compare sources in the QDA tool. Dates stay text: exports write them in many formats and a
 * wrong `xsd:date` would make the whole project invalid.
 */
import { qdaGuid } from '../models/codebooks/qdc-guid.js';
import { xmlAttr, xmlText } from '../models/codebooks/qdc-xml-escape.js';
import type { RecordsTable } from '../pipeline/index.js';

/** The record columns a source carries as variables. */
export type VariableColumn =
  | 'source'
  | 'record_id'
  | 'field'
  | 'prompt'
  | 'department'
  | 'survey'
  | 'date'
  | 'score'
  | 'valence';

interface VariableSpec {
  column: VariableColumn;
  name: string;
  type: 'Text' | 'Float';
  description: string;
}

/** Variables in the order they are declared and written. */
export const SOURCE_VARIABLES: readonly VariableSpec[] = Object.freeze([
  { column: 'source', name: 'Fichier', type: 'Text', description: "Fichier d'origine du texte." },
  {
    column: 'record_id',
    name: 'Identifiant',
    type: 'Text',
    description: 'Identifiant de la ligne (répondant) ou de l’entretien.',
  },
  { column: 'field', name: 'Question', type: 'Text', description: 'Champ de texte libre (colonne) ou « transcript ».' },
  {
    column: 'prompt',
    name: 'Type de question',
    type: 'Text',
    description: 'positive, improvement (à améliorer) ou neutral.',
  },
  { column: 'department', name: 'Service', type: 'Text', description: 'Service ou pôle, quand l’export le donne.' },
  { column: 'survey', name: 'Enquête', type: 'Text', description: 'Questionnaire e-Satis ou type d’enquête.' },
  { column: 'date', name: 'Date', type: 'Text', description: 'Date telle qu’écrite dans l’export.' },
  { column: 'score', name: 'Score e-Satis', type: 'Float', description: 'Score de satisfaction du répondant.' },
  {
    column: 'valence',
    name: 'Valence',
    type: 'Text',
    description: 'Tonalité du commentaire : positive, negative, mixed, neutral.',
  },
]);

/** GUID of a variable; the same in every export. */
export function variableGuid(column: VariableColumn): string {
  return qdaGuid('variable', column);
}

/** The project-level `<Variables>` element. */
export function variablesXml(indent: string): string {
  const lines = [`${indent}<Variables>`];
  for (const v of SOURCE_VARIABLES) {
    lines.push(
      `${indent}  <Variable guid="${variableGuid(v.column)}" name="${xmlAttr(v.name)}" typeOfVariable="${v.type}">`,
      `${indent}    <Description>${xmlText(v.description)}</Description>`,
      `${indent}  </Variable>`,
    );
  }
  lines.push(`${indent}</Variables>`);
  return lines.join('\n');
}

/** The `<VariableValue>` elements of one record; absent values are left out. */
export function variableValuesXml(record: Pick<RecordsTable, VariableColumn>, indent: string): string {
  const lines: string[] = [];
  for (const v of SOURCE_VARIABLES) {
    const raw = record[v.column];
    if (raw === null || raw === '') continue;
    let value: string;
    if (v.type === 'Float') {
      const n = Number(raw);
      // xsd:decimal has no exponent, NaN or infinity.
      if (!Number.isFinite(n)) continue;
      value = `<FloatValue>${decimal(n)}</FloatValue>`;
    } else {
      value = `<TextValue>${xmlText(String(raw))}</TextValue>`;
    }
    lines.push(`${indent}<VariableValue><VariableRef targetGUID="${variableGuid(v.column)}"/>${value}</VariableValue>`);
  }
  return lines.join('\n');
}

/** A finite number as an `xsd:decimal` literal (no exponent). */
export function decimal(n: number): string {
  const text = String(n);
  if (!/e/i.test(text)) return text;
  if (Math.abs(n) >= 1e21) return BigInt(Math.trunc(n)).toString();
  return n.toFixed(20).replace(/\.?0+$/, '');
}
