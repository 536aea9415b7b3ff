/**
 * A synthetic e-Satis-like run written straight into a store's tables with bulk inserts
 * (prepared statements in large transactions; the pipeline is not run), so that benchmarks can
 * measure reports and exports on a million segments without coding them first. The data is
 * deterministic (seeded), so every run of a bench sees the same store.
 */
import type Database from 'better-sqlite3';

const DEPARTMENTS = [
  'Cardiologie',
  'Maternité',
  'Urgences',
  'Chirurgie ambulatoire',
  'Oncologie',
  'SMR',
  'Gériatrie',
  'Neurologie',
  'Pneumologie',
  'HAD',
  'Chirurgie digestive',
  'Chirurgie orthopédique',
  'Médecine interne',
  'Psychiatrie',
  'Pédiatrie',
  'Néphrologie',
  'Dermatologie',
  'Ophtalmologie',
  'ORL',
  'Rhumatologie',
];
const SURVEYS = ['MCO +48h', 'MCO CA', 'SMR', 'HAD'];
const REMARKS = [
  'Personne ne nous a expliqué le déroulement de la journée',
  'Les repas arrivaient froids et trop tard le soir',
  'Une équipe attentive qui a pris le temps de répondre à mes questions',
  'J’ai attendu des heures aux urgences sans aucune nouvelle',
  'Je n’ai pas osé me plaindre de peur que ça retombe sur ma mère',
  'Le médecin n’a pas tenu compte de ce que je savais de ma maladie',
  'Très bon accueil à l’admission, rapide et souriant',
  'La chambre double était bruyante toute la nuit',
  'Le Dr [NOM_1] était pressé, on ne comprenait pas ses réponses',
  'La sortie a été organisée au dernier moment, sans ordonnance',
];

/** Deterministic pseudo-random numbers (mulberry32), so that every run of the bench is the same data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes one run of `segments` segments (2.5 per record on average) with 0–3 labels each and
 * returns the number of labels. The store's schema must exist (open it once with `openStore`).
 */
export function generateRun(
  db: Database.Database,
  runId: string,
  segments: number,
  themes: string[],
  seed: number,
): number {
  const rand = random(seed);
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO runs (run_id, created_at, finished_at, status, model_version, codebook_version, options_json, summary_json) VALUES (?, ?, ?, 'done', 'lexical-bench', '1.0.0', '{}', ?)`,
  ).run(
    runId,
    now,
    now,
    JSON.stringify({ rows_read: Math.ceil(segments / 2.5), records_empty: 0, records_quarantined: 0, duplicates: 0 }),
  );
  db.prepare(
    `INSERT INTO sources (run_id, source_id, path, format, encoding, delimiter, sha256) VALUES (?, 'src1', 'bench/esatis.csv', 'csv', 'utf-8', ';', ?)`,
  ).run(runId, '0'.repeat(64));
  const insertRecord = db.prepare(
    `INSERT INTO records (run_id, record_key, source_id, source, record_id, field, prompt, kind, date, department, survey, score, speaker, file, line, row_num, column_name, text, pii_json, valence, has_theme) VALUES (?, ?, 'src1', 'esatis.csv', ?, 'amelioration', 'improvement', 'survey', NULL, ?, ?, ?, NULL, 'bench/esatis.csv', ?, ?, 'Que faudrait-il améliorer ?', ?, '[]', ?, ?)`,
  );
  const insertSegment = db.prepare(
    `INSERT INTO segments (run_id, record_key, segment_index, text, start_cp, end_cp, speaker, role, context, timestamp, valence, valence_score, themes, scores_json, model_version, codebook_version) VALUES (?, ?, ?, ?, 0, ?, NULL, NULL, 0, NULL, ?, 0, ?, '{}', 'lexical-bench', '1.0.0')`,
  );
  const insertLabel = db.prepare(
    `INSERT INTO labels (run_id, record_key, segment_index, theme, origin, score, evidence_json, model_version, codebook_version, created_at) VALUES (?, ?, ?, ?, 'rule', ?, '[]', 'lexical-bench', '1.0.0', ?)`,
  );
  let written = 0;
  let record = 0;
  let labels = 0;
  const batch = db.transaction((target: number) => {
    while (written < target) {
      record += 1;
      const key = `src1-${String(record).padStart(9, '0')}-amelioration`;
      const count = Math.min(target - written, 1 + Math.floor(rand() * 4));
      const segmentThemes: string[][] = [];
      const texts: string[] = [];
      const valences: string[] = [];
      for (let i = 0; i < count; i += 1) {
        const n = Math.floor(rand() * rand() * 4);
        // Skewed theme frequencies, as in real exports: low indices are far more common.
        const picked = new Set<string>();
        while (picked.size < n) picked.add(themes[Math.floor(rand() * rand() * themes.length)] as string);
        segmentThemes.push([...picked]);
        texts.push(`${REMARKS[Math.floor(rand() * REMARKS.length)]} (${record}.${i}).`);
        valences.push(rand() < 0.6 ? 'negative' : rand() < 0.5 ? 'positive' : 'mixed');
      }
      const hasTheme = segmentThemes.some((t) => t.length > 0) ? 1 : 0;
      insertRecord.run(
        runId,
        key,
        String(record),
        DEPARTMENTS[Math.floor(rand() * rand() * DEPARTMENTS.length)],
        SURVEYS[Math.floor(rand() * SURVEYS.length)],
        rand() < 0.9 ? Math.round(rand() * 100) : null,
        record + 1,
        record,
        texts.join(' '),
        valences[0],
        hasTheme,
      );
      for (let i = 0; i < count; i += 1) {
        const text = texts[i] as string;
        insertSegment.run(runId, key, i, text, text.length, valences[i], (segmentThemes[i] as string[]).join(';'));
        for (const theme of segmentThemes[i] as string[]) {
          insertLabel.run(runId, key, i, theme, 0.5 + rand() / 2, now);
          labels += 1;
        }
      }
      written += count;
    }
  });
  for (let target = 50_000; written < segments; target += 50_000) batch(Math.min(target, segments));
  return labels;
}
