import { z } from 'zod';
import { VerbatimError } from '../errors.js';

/**
 * Which input column holds what, from repeated `--map FIELD=COLUMN` options. Columns are header
 * names; anything not mapped is auto-detected from common French headers (`detect-columns.ts`).
 */
export const ColumnMapSchema = z
  .object({
    /** Respondent or row id; the row number when absent. */
    id: z.string().min(1).optional(),
    /** Free-text columns, one record each. @defaultValue `[]` (auto-detect) */
    text: z.array(z.string().min(1)).default([]),
    date: z.string().min(1).optional(),
    department: z.string().min(1).optional(),
    survey: z.string().min(1).optional(),
    score: z.string().min(1).optional(),
    speaker: z.string().min(1).optional(),
    /**
     * A per-row prompt column (`verbatim classify --field-col`): its cell, a slug such as
     * `amelioration` or the prompt's wording, sets the field and prompt of the row's texts as a
     * JSONL `field` does; a blank cell keeps the text column's own. Not offered by `--map`.
     */
    field: z.string().min(1).optional(),
  })
  .strict();
export type ColumnMap = z.infer<typeof ColumnMapSchema>;

/** The fields `--map` accepts, in the order the help lists them. */
export const MAP_FIELDS = ['id', 'text', 'date', 'department', 'survey', 'score', 'speaker'] as const;
export type MapField = (typeof MAP_FIELDS)[number];

function isMapField(name: string): name is MapField {
  return (MAP_FIELDS as readonly string[]).includes(name);
}

/**
 * Parses `--map FIELD=COLUMN` values (the column may itself contain `=`; only the first splits).
 * `text` may repeat; any other field given twice, an unknown field or a missing `=` is a usage
 * error, so a typo never silently falls back to auto-detection.
 */
export function parseMapOptions(pairs: readonly string[]): ColumnMap {
  const text: string[] = [];
  const single: Partial<Record<Exclude<MapField, 'text'>, string>> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const name = (at < 0 ? pair : pair.slice(0, at)).trim().toLowerCase();
    const column = at < 0 ? '' : pair.slice(at + 1).trim();
    if (at < 0 || column === '') {
      throw new VerbatimError('USAGE', `--map "${pair}": expected FIELD=COLUMN`);
    }
    if (!isMapField(name)) {
      throw new VerbatimError('USAGE', `--map: unknown field "${name}" (fields: ${MAP_FIELDS.join(', ')})`);
    }
    if (name === 'text') {
      text.push(column);
    } else if (single[name] !== undefined) {
      throw new VerbatimError('USAGE', `--map: field "${name}" given twice`);
    } else {
      single[name] = column;
    }
  }
  return Object.freeze(ColumnMapSchema.parse({ ...single, text }));
}
