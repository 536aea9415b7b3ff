/** Builds a de-identified record around a text, for segment tests. */
import type { DeidentifiedRecord, RecordKind } from '../../../pipeline/record.js';
import { DeidentifiedRecordSchema } from '../../../pipeline/record.js';

export function makeRecord(
  text: string,
  fields: { kind?: RecordKind; speaker?: string | null; key?: string } = {},
): DeidentifiedRecord {
  return DeidentifiedRecordSchema.parse({
    key: fields.key ?? 'src1-1-commentaire',
    sourceId: 'src1',
    source: 'fixture.csv',
    kind: fields.kind ?? 'survey',
    recordId: '1',
    field: 'commentaire',
    prompt: 'neutral',
    text,
    meta: { speaker: fields.speaker ?? null },
    provenance: { file: 'fixture.csv', line: 2 },
    pii: [],
  });
}
