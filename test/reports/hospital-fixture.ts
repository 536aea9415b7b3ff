/**
 * A small synthetic hospital run whose counts are known by construction; shared by the SQLite
 * and PostgreSQL report tests. Texts are invented and already pseudonymized.
 */
import type { RecordSpec } from './fixture-store.js';

const MCO = 'e-Satis +48h MCO';
const CA = 'e-Satis MCO CA';

export const SCRIPT_TEXT = '<script>alert("x")</script> Les repas étaient froids et servis très tard le soir.';
export const PLACEHOLDER_TEXT = 'Le Dr [NOM_1] ne m’a rien expliqué sur mon traitement, j’étais complètement perdu.';
export const FORMULA_TEXT = '=HYPERLINK("http://exemple.invalid","cliquez")';
export const NEAR_DUPLICATE = 'Très bonne communication avec l’équipe soignante, merci à tous !';

export const HOSPITAL: readonly RecordSpec[] = [
  {
    row: 1,
    score: 80,
    department: 'Cardiologie',
    survey: MCO,
    segments: [
      {
        text: 'Les infirmières ont pris le temps de m’écouter à mon arrivée.',
        themes: { communication: 0.6 },
        valence: 'positive',
      },
      {
        text: 'Mais le médecin ne nous a jamais expliqué les résultats des examens.',
        themes: { communication: 0.7 },
        valence: 'negative',
      },
    ],
  },
  {
    row: 2,
    score: 40,
    department: 'Cardiologie',
    survey: MCO,
    segments: [{ text: PLACEHOLDER_TEXT, themes: { communication: 0.95 }, valence: 'negative' }],
  },
  {
    row: 3,
    score: 60,
    department: 'Cardiologie',
    survey: MCO,
    segments: [
      {
        text: 'Aucune information sur la date de sortie, on ne savait rien jusqu’au dernier moment.',
        themes: { communication: 0.8 },
        valence: 'negative',
      },
    ],
  },
  {
    row: 4,
    department: 'Cardiologie',
    survey: MCO,
    segments: [
      {
        text: 'Équipe gentille mais des explications contradictoires entre le jour et la nuit.',
        themes: { communication: 0.75 },
        valence: 'mixed',
      },
    ],
  },
  {
    row: 5,
    department: 'Cardiologie',
    survey: MCO,
    segments: [
      {
        text: 'Le cardiologue a répondu à toutes mes questions avec patience et clarté.',
        themes: { communication: 0.85 },
        valence: 'positive',
      },
    ],
  },
  {
    row: 6,
    department: 'Cardiologie',
    survey: MCO,
    segments: [
      {
        text: 'On m’a bien informée avant l’intervention, je me suis sentie rassurée.',
        themes: { communication: 0.65 },
        valence: 'positive',
      },
    ],
  },
  {
    row: 7,
    department: 'Cardiologie',
    survey: MCO,
    segments: [
      {
        text: 'Dialogue facile avec toute l’équipe, ma famille a été tenue au courant.',
        themes: { communication: 0.55 },
        valence: 'positive',
      },
    ],
  },
  ...[8, 9, 10].map(
    (row): RecordSpec => ({
      row,
      score: row * 5,
      department: 'Urgences',
      survey: MCO,
      segments: [
        {
          text: `Attente de ${row} heures aux urgences mais le personnel expliquait bien ce qui se passait.`,
          themes: { communication: 0.5, waiting_delays: 0.9 },
          valence: 'negative',
        },
      ],
    }),
  ),
  {
    row: 11,
    score: 100,
    department: 'Pédiatrie & néonat',
    segments: [{ text: SCRIPT_TEXT, themes: { meals: 0.99 }, valence: 'negative' }],
  },
  ...[12, 13, 14, 15].map(
    (row): RecordSpec => ({
      row,
      department: 'Chirurgie',
      survey: CA,
      segments: [
        {
          text: row % 2 === 0 ? NEAR_DUPLICATE : NEAR_DUPLICATE.toUpperCase().replace(' !', '.'),
          themes: { communication: 0.98 },
          valence: 'positive',
        },
      ],
    }),
  ),
  {
    row: 16,
    field: 'transcript',
    segments: [
      {
        text: 'Vous êtes-vous sentie légitime dans ce comité ?',
        themes: { legitimacy: 0.9 },
        context: true,
        speaker: 'Enquêteur',
        role: 'Interviewer',
      },
      {
        text: 'J’avais peur des représailles si je me plaignais auprès du cadre de santé.',
        themes: { fear_of_reprisal: 0.9 },
        valence: 'negative',
        speaker: 'RU1',
        role: 'RU',
      },
    ],
  },
  { row: 17, score: 90, segments: [{ text: 'RAS' }] },
  { row: 18, segments: [{ text: 'Soins parfaits.', themes: { care_quality: 0.99 }, valence: 'positive' }] },
  { row: 19, department: 'Pédiatrie & néonat', segments: [{ text: FORMULA_TEXT }] },
];

/** Counts of HOSPITAL, worked out by hand. */
export const EXPECTED = Object.freeze({
  overview: { records: 19, recordsWithTheme: 17, segments: 21, codedSegments: 18, contextSegments: 1 },
  themes: {
    care_quality: { comments: 1, negative: 0 },
    communication: { comments: 14, negative: 7 },
    fear_of_reprisal: { comments: 1, negative: 1 },
    meals: { comments: 1, negative: 1 },
    waiting_delays: { comments: 3, negative: 3 },
  },
  departmentCommunication: { Cardiologie: 7, Urgences: 3, Chirurgie: 4 },
  departmentTotals: { Cardiologie: 7, Chirurgie: 4, Urgences: 3, 'Pédiatrie & néonat': 2, null: 3 },
  surveyCommunication: { [MCO]: 10, [CA]: 4 },
  /** Scored respondents: rows 1 (80), 2 (40), 3 (60), 8–10 (40, 45, 50), 11 (100), 17 (90). */
  scores: {
    overall: { mean: 505 / 8, respondents: 8 },
    themes: {
      communication: { mean: 315 / 6, respondents: 6 },
      waiting_delays: { mean: 45, respondents: 3 },
      meals: { mean: 100, respondents: 1 },
    },
  },
});

export const THEME_LABELS: Record<string, string> = {
  communication: 'Communication',
  fear_of_reprisal: 'Peur des représailles',
  legitimacy: 'Légitimité',
  waiting_delays: 'Attente et délais',
  meals: 'Repas',
  care_quality: 'Qualité des soins',
  pain_management: 'Prise en charge de la douleur',
};

export const SUMMARY = {
  run_id: 'run-test-1',
  rows_read: 1234,
  records_ok: 1200,
  records_empty: 20,
  records_quarantined: 2,
  duplicates: 12,
  segments: 21,
  themes: {},
  elapsed_s: 1.5,
};
