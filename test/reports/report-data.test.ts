import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunIdSchema } from '../../pipeline/record.js';
import type { Store } from '../../pipeline/store/store.js';
import { collectReportData, latestFinishedRun, type ReportData } from '../../reports/index.js';
import { openTempStore, type RecordSpec, saveRecords, startTestRun } from './fixture-store.js';

const CURRENT = RunIdSchema.parse('run-2025-t2');
const PREVIOUS = RunIdSchema.parse('run-2025-t1');

/** Eight different remarks, so that quotes can be diverse; the comment number is appended. */
const REMARKS = [
  'Personne ne nous a expliqué le déroulement de la journée',
  'Les horaires des repas changeaient sans cesse et le plateau arrivait froid',
  'Une équipe attentive qui a pris le temps de répondre à chaque question',
  'J’ai attendu trois heures aux urgences sans aucune nouvelle',
  'Ma fille n’a jamais pu joindre le service par téléphone',
  'Le chirurgien était pressé, on ne comprenait pas ses réponses',
  'Très bon accueil à l’admission, rapide et souriant',
  'La chambre double était bruyante toute la nuit',
];

/**
 * `total` comments; comment `i` carries `theme` when `i < n`, in its own segment, negative when
 * `i < negative`. Comments without a theme get one neutral, uncoded segment.
 */
function run(total: number, counts: Record<string, { n: number; negative: number }>): RecordSpec[] {
  return Array.from({ length: total }, (_, i) => {
    const themes = Object.entries(counts).filter(([, c]) => i < c.n);
    const segments = themes.map(([theme, c], k) => ({
      text: `${REMARKS[(i + k) % REMARKS.length]} (n° ${i + 1}).`,
      themes: { [theme]: 0.5 + (i % 10) / 20 },
      valence: i < c.negative ? ('negative' as const) : ('positive' as const),
    }));
    return {
      row: i + 1,
      department: i % 2 === 0 ? 'Cardiologie' : 'Chirurgie',
      survey: 'e-Satis +48h MCO',
      score: i < 10 ? 40 : 80,
      segments: segments.length > 0 ? segments : [{ text: `Rien à signaler (n° ${i + 1}).` }],
    };
  });
}

const LABELS = {
  communication: 'Communication et information',
  fear_of_reprisal: 'Peur des représailles',
  legitimacy: 'Légitimité et savoir du patient',
  meals: 'Repas',
  care_quality: 'Qualité des soins',
  waiting_delays: 'Attente et délais',
};

describe('collectReportData', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let data: ReportData;

  beforeAll(async () => {
    ({ store, cleanup } = await openTempStore());
    await startTestRun(store, PREVIOUS);
    await saveRecords(
      store,
      run(200, {
        communication: { n: 20, negative: 10 },
        meals: { n: 30, negative: 30 },
        fear_of_reprisal: { n: 1, negative: 1 },
      }),
      PREVIOUS,
    );
    await store.finishRun(PREVIOUS, 'done', {});
    await startTestRun(store, CURRENT);
    await saveRecords(
      store,
      [
        ...run(200, {
          communication: { n: 60, negative: 45 },
          meals: { n: 28, negative: 28 },
          fear_of_reprisal: { n: 3, negative: 3 },
          care_quality: { n: 50, negative: 5 },
          waiting_delays: { n: 8, negative: 1 },
        }),
        // Respondent 1 answered a second free-text field, also about communication: counted once in the score mean.
        {
          row: 1,
          field: 'ameliorer',
          score: 40,
          segments: [{ text: 'Plus d’explications.', themes: { communication: 0.9 }, valence: 'negative' }],
        },
      ],
      CURRENT,
    );
    await store.finishRun(CURRENT, 'done', {});
    data = await collectReportData(store, CURRENT, {
      themeLabels: LABELS,
      compareTo: PREVIOUS,
      actions: { communication: ['Tableau « qui est qui » dans les chambres.'], meals: ['Revoir les horaires.'] },
    });
  });
  afterAll(async () => cleanup());

  const theme = (id: string) => {
    const t = data.themes.find((x) => x.id === id);
    if (t === undefined) throw new Error(`no theme ${id}`);
    return t;
  };

  it('counts comments, frequency and the mean score of respondents citing each theme', () => {
    expect(data.overview.records).toBe(201);
    const communication = theme('communication');
    expect(communication.comments).toBe(61);
    expect(communication.frequency).toBeCloseTo(61 / 201, 12);
    // 60 respondents (rows 1–60): 10 scored 40, 50 scored 80; row 1's second field does not count twice.
    expect(communication.score).toEqual({ mean: (10 * 40 + 50 * 80) / 60, respondents: 60 });
    expect(data.overallScore).toEqual({ mean: (10 * 40 + 190 * 80) / 200, respondents: 200 });
    expect(theme('legitimacy').comments).toBe(0);
    expect(theme('legitimacy').score).toBeNull();
  });

  it('places themes in the priority matrix: median frequency, 50 % negative', () => {
    // Frequencies of present themes: 61, 50, 28, 8, 3 comments → median 28/201.
    expect(data.matrix.frequencyThreshold).toBeCloseTo(28 / 201, 12);
    expect(data.matrix.negativeThreshold).toBe(0.5);
    expect(theme('communication').quadrant).toBe('axes_prioritaires');
    expect(theme('meals').quadrant).toBe('axes_prioritaires');
    expect(theme('care_quality').quadrant).toBe('points_forts');
    expect(theme('fear_of_reprisal').quadrant).toBe('signaux_faibles');
    expect(theme('waiting_delays').quadrant).toBe('bonnes_pratiques');
    expect(theme('legitimacy').quadrant).toBeNull();
  });

  it('tests trends with a corrected two-proportion test and says which change is more than noise', () => {
    expect(data.previous?.run.runId).toBe(PREVIOUS);
    expect(theme('communication').trend).toMatchObject({
      verdict: 'hausse',
      previousComments: 20,
      currentComments: 61,
    });
    expect(theme('meals').trend?.verdict).toBe('stable');
    expect(theme('fear_of_reprisal').trend?.verdict).toBe('non_testable');
    expect(theme('care_quality').trend?.verdict).toBe('hausse');
    const communication = theme('communication').trend;
    expect(communication?.adjustedPValue).toBeGreaterThanOrEqual(communication?.pValue ?? 1);
  });

  it('drafts one action-plan row per priority theme, with negative quotes and the codebook actions', () => {
    expect(data.actionPlan.map((r) => [r.themeId, r.reason])).toEqual([
      ['communication', 'axe_prioritaire'],
      ['meals', 'axe_prioritaire'],
      ['fear_of_reprisal', 'signal_relationnel'],
      ['care_quality', 'hausse_significative'],
    ]);
    const communication = data.actionPlan[0];
    expect(communication?.actions).toEqual(['Tableau « qui est qui » dans les chambres.']);
    expect(communication?.trend).toBe('hausse significative');
    expect(communication?.quotes.length).toBeGreaterThanOrEqual(1);
    expect(communication?.quotes.every((q) => q.valence === 'negative')).toBe(true);
    expect(communication?.status).toBe('à lancer');
    expect(data.actionPlan.find((r) => r.themeId === 'fear_of_reprisal')?.actions).toEqual([]);
  });

  it('picks up to four diverse quotes per theme', () => {
    const quotes = data.quotes.get('communication') ?? [];
    expect(quotes).toHaveLength(4);
    expect(new Set(quotes.map((q) => q.recordKey)).size).toBe(4);
  });

  it('rejects an unknown comparison run and finds the latest finished run', async () => {
    await expect(
      collectReportData(store, CURRENT, { themeLabels: LABELS, compareTo: RunIdSchema.parse('nope') }),
    ).rejects.toMatchObject({ code: 'USAGE' });
    expect(await latestFinishedRun(store)).toBe(CURRENT);
  });

  it('reports each section’s duration', async () => {
    const sections: string[] = [];
    await collectReportData(store, CURRENT, { themeLabels: LABELS, onSection: (name) => sections.push(name) });
    expect(sections).toEqual(expect.arrayContaining(['overview', 'theme cells (one pass)', 'quotes', 'by department']));
  });
});
