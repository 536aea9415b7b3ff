/**
 * Mean survey score (e.g. the e-Satis overall score) of the respondents who mention each theme,
 * computed in SQL. A respondent is one input row (`source_id`, `record_id`): one who answered
 * two free-text fields counts once per theme, not twice.
 */
import type { RunId, Store, ThemeId } from '../pipeline/index.js';
import { codedLabels, toNumber } from './coded-labels.js';

/** Mean score over respondents; `respondents` counts those with a score. */
export interface ScoreMean {
  mean: number | null;
  respondents: number;
}

/** Per theme: the mean score of respondents mentioning it. Themes without any scored respondent are absent. */
export async function themeScoreMeans(store: Store, runId: RunId): Promise<Map<ThemeId, ScoreMean>> {
  const respondents = codedLabels(store, runId)
    .innerJoin('records as r', (join) =>
      join.onRef('r.run_id', '=', 'l.run_id').onRef('r.record_key', '=', 'l.record_key'),
    )
    .where('r.score', 'is not', null)
    .select(['r.source_id', 'r.record_id', 'l.theme', 'r.score'])
    .distinct()
    .as('t');
  const rows = await store.db
    .selectFrom(respondents)
    .select((eb) => [
      't.theme',
      eb.fn.avg<string | number>('t.score').as('mean'),
      eb.fn.countAll<string | number>().as('n'),
    ])
    .groupBy('t.theme')
    .execute();
  return new Map(rows.map((r) => [r.theme as ThemeId, { mean: Number(r.mean), respondents: toNumber(r.n) }]));
}

/** The mean score of all respondents of the run (the reference a theme's mean is read against). */
export async function overallScoreMean(store: Store, runId: RunId): Promise<ScoreMean> {
  const respondents = store.db
    .selectFrom('records')
    .where('run_id', '=', runId)
    .where('score', 'is not', null)
    .select(['source_id', 'record_id', 'score'])
    .distinct()
    .as('t');
  const row = await store.db
    .selectFrom(respondents)
    .select((eb) => [eb.fn.avg<string | number>('t.score').as('mean'), eb.fn.countAll<string | number>().as('n')])
    .executeTakeFirst();
  const n = toNumber(row?.n);
  return { mean: n === 0 ? null : Number(row?.mean), respondents: n };
}
