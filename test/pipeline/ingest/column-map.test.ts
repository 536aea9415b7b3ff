import { describe, expect, it } from 'vitest';
import { VerbatimError } from '../../../pipeline/errors.js';
import { ColumnMapSchema, parseMapOptions } from '../../../pipeline/ingest/ingest.js';

describe('parseMapOptions', () => {
  it('collects repeated text mappings and single attributes', () => {
    expect(parseMapOptions(['text=Réponse libre 1', 'text = Réponse 2', 'id=Code', 'Score=Note /10'])).toEqual({
      text: ['Réponse libre 1', 'Réponse 2'],
      id: 'Code',
      score: 'Note /10',
    });
  });

  it('defaults to auto-detection and splits on the first = only', () => {
    expect(parseMapOptions([])).toEqual({ text: [] });
    expect(parseMapOptions(['department=Service=Pôle'])).toEqual({ text: [], department: 'Service=Pôle' });
  });

  it.each([['colour=Service'], ['text'], ['text='], ['id=A', 'id=B']])('rejects %j as a usage error', (...pairs) => {
    const error = (() => {
      try {
        parseMapOptions(pairs);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(VerbatimError);
    expect((error as VerbatimError).code).toBe('USAGE');
  });

  it('validates a map coming from a payload', () => {
    expect(ColumnMapSchema.parse({ text: ['Commentaire'] })).toEqual({ text: ['Commentaire'] });
    expect(ColumnMapSchema.safeParse({ text: [], colour: 'x' }).success).toBe(false);
  });
});
