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
import { generateRun } from './synthetic-store.js';

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
