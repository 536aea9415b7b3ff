import { inputUnreadable, VerbatimError } from '../errors.js';
import type { ColumnMap } from './column-map.js';
import { foldHeader } from './fold-text.js';
import { recognizeTextField, type TextField, textFieldFor } from './text-field.js';

/** A free-text column: where it is and which field/prompt its records carry. */
export interface TextColumn extends TextField {
  index: number;
  header: string;
}

/** Attribute columns kept as record meta (plus the id). */
export const META_FIELDS = ['id', 'date', 'department', 'survey', 'score', 'speaker'] as const;
export type MetaField = (typeof META_FIELDS)[number];

/** Column indexes for one file's header: what `RowMapper` needs to turn cells into records. */
export interface ColumnPlan {
  meta: Readonly<Record<MetaField, number | null>>;
  text: readonly TextColumn[];
  /** The per-row prompt column (`map.field`), whose cell overrides the text columns' field. */
  field: number | null;
}

/** Folded French (and a few English) headers per attribute, matched exactly, then as a prefix. */
const META_HEADERS: Readonly<Record<MetaField, readonly string[]>> = {
  id: ['n reponse', 'n de reponse', 'numero de reponse', 'id', 'id reponse', 'identifiant', 'numero', 'num', 'n', 'no'],
  date: ['date', 'date de sortie', 'date de reponse', 'date de sejour', 'date de la reponse', 'date du sejour'],
  department: ['service', 'pole', 'unite', 'departement', 'uf', 'unite fonctionnelle', 'department'],
  survey: ['questionnaire', 'type d enquete', 'enquete', 'survey', 'type de questionnaire'],
  score: ['score', 'score global', 'note', 'note globale', 'satisfaction globale', 'appreciation globale'],
  speaker: ['locuteur', 'speaker'],
};

/** Prefix matches are only tried for attributes whose headers often carry a qualifier. */
const PREFIX_FIELDS: readonly MetaField[] = ['department', 'survey', 'score'];

function formatColumns(headers: readonly string[]): string {
  return headers.map((header) => `"${header.slice(0, 60)}"`).join(', ');
}

function findMapped(headers: readonly string[], column: string, file: string): number {
  const exact = headers.findIndex((header) => header.trim() === column);
  if (exact >= 0) return exact;
  const folded = foldHeader(column);
  const loose = headers.findIndex((header) => foldHeader(header) === folded);
  if (loose >= 0) return loose;
  throw new VerbatimError('USAGE', `${file}: column "${column}" not found; columns are: ${formatColumns(headers)}`, {
    file,
  });
}

/** Makes fields unique within a row (record keys end with the field): `commentaire`, `commentaire_2`. */
function uniqueFields(columns: TextColumn[]): TextColumn[] {
  const seen = new Map<string, number>();
  return columns.map((column) => {
    const count = (seen.get(column.field) ?? 0) + 1;
    seen.set(column.field, count);
    return count === 1 ? column : { ...column, field: `${column.field}_${count}` };
  });
}

/**
 * Decides which column is which. `--map` wins; then exact matches of common French headers for
 * attributes, then text columns by wording (`recognizeTextField`), then qualified attribute
 * headers ("Service d'hospitalisation"). A mapped column missing from the header is a usage
 * error; a file with no text column cannot be processed.
 */
export function planColumns(headers: readonly string[], map: ColumnMap, file: string): ColumnPlan {
  const folded = headers.map(foldHeader);
  const taken = new Set<number>();
  const meta: Record<MetaField, number | null> = {
    id: null,
    date: null,
    department: null,
    survey: null,
    score: null,
    speaker: null,
  };
  for (const field of META_FIELDS) {
    const column = map[field];
    if (column === undefined) continue;
    const index = findMapped(headers, column, file);
    meta[field] = index;
    taken.add(index);
  }
  const field = map.field === undefined ? null : findMapped(headers, map.field, file);
  if (field !== null) taken.add(field);
  let text: TextColumn[] = map.text.map((column) => {
    const index = findMapped(headers, column, file);
    taken.add(index);
    return {
      index,
      header: headers[index] ?? column,
      ...textFieldFor(headers[index] ?? column, `column_${index + 1}`),
    };
  });

  const claim = (field: MetaField, matches: (name: string) => boolean): void => {
    if (meta[field] !== null) return;
    const index = folded.findIndex((name, i) => !taken.has(i) && matches(name));
    if (index < 0) return;
    meta[field] = index;
    taken.add(index);
  };
  for (const field of META_FIELDS) claim(field, (name) => META_HEADERS[field].includes(name));
  if (map.text.length === 0) {
    text = headers.flatMap((header, index) => {
      if (taken.has(index)) return [];
      const recognized = recognizeTextField(header);
      return recognized === null ? [] : [{ index, header, ...recognized }];
    });
    for (const column of text) taken.add(column.index);
  }
  for (const field of PREFIX_FIELDS) {
    claim(field, (name) => META_HEADERS[field].some((candidate) => name.startsWith(`${candidate} `)));
  }
  if (text.length === 0) {
    throw inputUnreadable(file, `no text column found (use --map text=COLUMN); columns are: ${formatColumns(headers)}`);
  }
  return { meta, text: uniqueFields(text), field };
}
