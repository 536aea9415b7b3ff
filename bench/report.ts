/**
 * Report generation on a run of a million segments, aggregates in SQL:
 *   node --import tsx bench/report.ts [--segments 1000000] [--previous 500000] [--db FILE] [--pdf] [--keep]
 * The synthetic store is written directly with bulk inserts (prepared statements in large
 * transactions; the pipeline is not run), then a fresh child process builds the report (data,
 * HTML, XLSX action plan and, with --pdf, the PDF) and prints the time per section and its peak
 * RSS, so that generation does not count in the report's memory.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { loadDefaultCodebook } from '../models/codebooks/codebook.js';
import { openStore, type RunId } from '../pipeline/index.js';
import { collectReportData, printPdf, renderHtmlReport, writeActionPlanXlsx } from '../reports/index.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : (args[i + 1] ?? fallback);
};
const SEGMENTS = Number(option('segments', '1000000'));
const PREVIOUS = Number(option('previous', '500000'));
const DB = option('db', join(dirname(fileURLToPath(import.meta.url)), 'out', `report-${SEGMENTS}.db`));
const CURRENT_RUN = 'run-bench-current' as RunId;
const PREVIOUS_RUN = 'run-bench-previous' as RunId;

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

/** Writes one run of `segments` segments (2.5 per record on average) with 0–3 labels each. */
function generateRun(db: Database.Database, runId: string, segments: number, themes: string[], seed: number): number {
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

async function generate(): Promise<void> {
  mkdirSync(dirname(DB), { recursive: true });
  rmSync(DB, { force: true });
  // The schema comes from the real migrations, indexes included.
  const store = await openStore(DB);
  await store.close();
  const themes = loadDefaultCodebook().themes.map((t) => t.id as string);
  const db = new Database(DB);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const t0 = performance.now();
  const labels = generateRun(db, CURRENT_RUN, SEGMENTS, themes, 1);
  const previousLabels = PREVIOUS > 0 ? generateRun(db, PREVIOUS_RUN, PREVIOUS, themes, 2) : 0;
  db.exec('ANALYZE');
  db.close();
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `store: ${SEGMENTS} segments and ${labels} labels (+ previous run ${PREVIOUS} segments, ${previousLabels} labels) written in ${seconds.toFixed(1)} s; ${(statSync(DB).size / 2 ** 20).toFixed(0)} MiB`,
  );
}

async function measure(): Promise<void> {
  const codebook = loadDefaultCodebook();
  // Wall time and CPU time per section: on a shared machine the wall time mostly measures the
  // other processes, the CPU time (user + system, since the previous section) what the report costs.
  const sections = new Map<string, { ms: number; cpu: number }>();
  let lastCpu = process.cpuUsage();
  const add = (name: string, ms: number) => {
    const cpu = process.cpuUsage(lastCpu);
    lastCpu = process.cpuUsage();
    const s = sections.get(name) ?? { ms: 0, cpu: 0 };
    sections.set(name, { ms: s.ms + ms, cpu: s.cpu + (cpu.user + cpu.system) / 1000 });
  };
  const t0 = performance.now();
  const store = await openStore(DB);
  add('open store', performance.now() - t0);
  const data = await collectReportData(store, CURRENT_RUN, {
    themeLabels: Object.fromEntries(codebook.themes.map((t) => [t.id, t.label])),
    themeOrder: codebook.themes.map((t) => t.id),
    actions: Object.fromEntries(codebook.themes.map((t) => [t.id, t.actions])),
    ...(PREVIOUS > 0 ? { compareTo: PREVIOUS_RUN } : {}),
    onSection: add,
  });
  await store.close();
  const out = join(dirname(DB), 'report-bench');
  mkdirSync(out, { recursive: true });
  let t = performance.now();
  const html = renderHtmlReport(data);
  writeFileSync(join(out, 'report.html'), html);
  add('render HTML + SVG charts', performance.now() - t);
  t = performance.now();
  await writeActionPlanXlsx(data, join(out, 'plan-actions.xlsx'));
  add('XLSX action plan', performance.now() - t);
  if (args.includes('--pdf')) {
    t = performance.now();
    writeFileSync(join(out, 'report.pdf'), await printPdf(html, { headerText: data.title, footerText: CURRENT_RUN }));
    add('PDF (Chromium)', performance.now() - t);
  }
  const total = performance.now() - t0;
  console.log(
    `report on ${data.overview.segments} segments, ${data.overview.records} comments, ${data.themes.length} themes:`,
  );
  const cell = (ms: number) => `${(ms / 1000).toFixed(2).padStart(7)} s`;
  console.log(`  ${'section'.padEnd(26)} ${'wall'.padStart(9)} ${'CPU'.padStart(9)}`);
  for (const [name, t] of sections) console.log(`  ${name.padEnd(26)} ${cell(t.ms)} ${cell(t.cpu)}`);
  const cpu = process.cpuUsage();
  console.log(`  ${'total'.padEnd(26)} ${cell(total)} ${cell((cpu.user + cpu.system) / 1000)}`);
  console.log(`  (SQLite runs in this process, so its work is in the CPU column; Chromium's is not)`);
  console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

if (args.includes('--measure')) {
  await measure();
} else {
  if (!existsSync(DB) || args.includes('--regenerate')) await generate();
  // A fresh process: the report's peak RSS must not include the generator's.
  execFileSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), ...args, '--db', DB, '--measure'],
    {
      stdio: 'inherit',
    },
  );
  if (!args.includes('--keep')) rmSync(DB, { force: true });
}
