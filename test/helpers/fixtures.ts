/**
 * Builders for pipeline records in tests: short, synthetic, already pseudonymized.
 */
import type { ClassifiedSegment, DeidentifiedRecord, RecordKey, SourceId, ThemeId } from '../../pipeline/record.js';

export function makeRecord(overrides: Partial<DeidentifiedRecord> & { row: number; text: string }): DeidentifiedRecord {
  const { row, text, ...rest } = overrides;
  const field = rest.field ?? 'amelioration';
  return {
    key: `src1-${row}-${field}` as RecordKey,
    sourceId: 'src1' as SourceId,
    source: 'export.csv',
    kind: 'survey',
    recordId: `R${row}`,
    field,
    prompt: 'improvement',
    text,
    meta: { date: '2026-07-01', department: 'Cardiologie', survey: 'MCO +48h', score: 70, speaker: null },
    provenance: { file: 'export.csv', line: row + 1, row, column: 'Que faudrait-il améliorer ?' },
    pii: [],
    ...rest,
  };
}

export function makeSegment(
  record: DeidentifiedRecord,
  index: number,
  themes: string[],
  valence: ClassifiedSegment['valence'] = 'negative',
): ClassifiedSegment {
  return {
    recordKey: record.key,
    index,
    text: record.text,
    start: 0,
    end: [...record.text].length,
    speaker: null,
    role: null,
    context: false,
    timestamp: null,
    themes: themes.map((theme) => ({ theme: theme as ThemeId, score: 0.8, evidence: ['cue'] })),
    valence,
    valenceScore: valence === 'negative' ? -0.6 : 0.6,
    origin: 'rule',
    modelVersion: 'lexical-test',
    codebookVersion: 'test',
  };
}
