import { describe, expect, it } from 'vitest';
import { VerbatimError } from '../../../pipeline/errors.js';
import { planColumns } from '../../../pipeline/ingest/detect-columns.js';
import { ColumnMapSchema, parseMapOptions } from '../../../pipeline/ingest/ingest.js';
import { recognizeTextField } from '../../../pipeline/ingest/text-field.js';
import { collect, fixture } from './ingest-helpers.js';

function thrown(run: () => unknown): VerbatimError {
  try {
    run();
  } catch (error) {
    if (error instanceof VerbatimError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('planColumns', () => {
  it('recognizes common French headers', () => {
    const headers = [
      'N° réponse',
      'Date de séjour',
      'Pôle',
      "Type d'enquête",
      'Satisfaction globale',
      "Qu'avez-vous apprécié ?",
      'Que faudrait-il améliorer ?',
      'Remarques',
    ];
    const plan = planColumns(headers, parseMapOptions([]), 'x.csv');
    expect(plan.meta).toEqual({ id: 0, date: 1, department: 2, survey: 3, score: 4, speaker: null });
    expect(plan.text.map(({ index, field, prompt }) => [index, field, prompt])).toEqual([
      [5, 'appreciation', 'positive'],
      [6, 'amelioration', 'improvement'],
      [7, 'remarques', 'neutral'],
    ]);
  });

  it('matches qualified attribute headers and keeps text fields unique', () => {
    const plan = planColumns(['Service d’hospitalisation', 'Commentaire', 'commentaire'], parseMapOptions([]), 'x.csv');
    expect(plan.meta.department).toBe(0);
    expect(plan.text.map((column) => column.field)).toEqual(['commentaire', 'commentaire_2']);
  });

  it('uses --map columns, mapping known wordings to appreciation/amelioration', () => {
    const headers = ['Code', 'Unité', 'Réponse libre 1', 'Réponse libre 2', 'que_faudrait_il_ameliorer'];
    const map = parseMapOptions(['text=Réponse libre 1', 'text=que_faudrait_il_ameliorer', 'id=Code']);
    const plan = planColumns(headers, map, 'x.csv');
    expect(plan.meta.id).toBe(0);
    expect(plan.meta.department).toBe(1);
    expect(plan.text.map(({ field, prompt }) => [field, prompt])).toEqual([
      ['reponse_libre_1', 'neutral'],
      ['amelioration', 'improvement'],
    ]);
  });

  it('reports a mapped column missing from the header as a usage error listing the columns', () => {
    const error = thrown(() => planColumns(['id', 'Commentaire'], parseMapOptions(['text=Verbatim']), 'in.csv'));
    expect(error.code).toBe('USAGE');
    expect(error.message).toBe('in.csv: column "Verbatim" not found; columns are: "id", "Commentaire"');
  });

  it('takes a mapped per-row field column out of auto-detection, and reports it missing', () => {
    const map = ColumnMapSchema.parse({ text: ['text'], field: 'questionnaire' });
    const plan = planColumns(['id', 'questionnaire', 'text'], map, 'x.csv');
    expect(plan.field).toBe(1);
    expect(plan.meta.survey).toBeNull();
    expect(planColumns(['id', 'text'], parseMapOptions([]), 'x.csv').field).toBeNull();
    const error = thrown(() => planColumns(['id', 'text'], map, 'in.csv'));
    expect(error.code).toBe('USAGE');
    expect(error.message).toBe('in.csv: column "questionnaire" not found; columns are: "id", "text"');
  });

  it('refuses a file without any text column, naming the file and its headers', () => {
    const error = thrown(() => planColumns(['id', 'Service', 'Score'], parseMapOptions([]), 'scores.csv'));
    expect(error.code).toBe('INPUT_UNREADABLE');
    expect(error.message).toContain('scores.csv');
    expect(error.message).toContain('"Service"');
  });

  it('works end to end with --map on a file whose text headers are not recognizable', async () => {
    const map = parseMapOptions(['text=Réponse libre 1', 'text=Réponse libre 2', 'id=Code']);
    const { records } = await collect([fixture('esatis-custom-headers.csv')], { map });
    expect(records.map((record) => [record.recordId, record.field, record.meta.department])).toEqual([
      ['X1', 'reponse_libre_1', 'UF 12'],
      ['X1', 'reponse_libre_2', 'UF 12'],
    ]);
  });

  it('recognizes English prompts and other neutral boxes', async () => {
    expect(recognizeTextField('What was good?')).toEqual({ field: 'appreciation', prompt: 'positive' });
    expect(recognizeTextField('What could be improved?')).toEqual({ field: 'amelioration', prompt: 'improvement' });
    expect(recognizeTextField('What could we do better?')).toEqual({ field: 'amelioration', prompt: 'improvement' });
    expect(recognizeTextField('Réclamation')).toEqual({ field: 'reclamation', prompt: 'neutral' });
    expect(recognizeTextField('Satisfaction globale')).toBeNull();
    const { records } = await collect([fixture('esatis-comma-english.csv'), fixture('complaints-tab.tsv')]);
    expect(records.map((record) => [record.field, record.prompt])).toEqual([
      ['appreciation', 'positive'],
      ['amelioration', 'improvement'],
      ['appreciation', 'positive'],
      ['amelioration', 'improvement'],
      ['commentaire', 'neutral'],
      ['commentaire', 'neutral'],
    ]);
    expect(records[0]?.meta).toMatchObject({ department: 'Cardiology', score: 8.5, date: '2026-01-10' });
  });
});
