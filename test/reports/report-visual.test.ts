/**
 * Visual check of the full report on the sample corpus: the pipeline runs on the e-Satis export
 * and the interviews (this period) and on the first part of the export (the "previous period"),
 * then the report is rendered by Chromium to PDF and PNG under test-artifacts/report/ for a
 * person to look at. Assertions check what can be checked mechanically (pages, sections, sizes).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../cli/commands/run.js';
import { loadDefaultCodebook } from '../../models/codebooks/codebook.js';
import { openStore } from '../../pipeline/index.js';
import {
  collectReportData,
  DEFAULT_CHROMIUM_PATH,
  printPdf,
  type ReportData,
  renderHtmlReport,
  screenshotPngs,
} from '../../reports/index.js';
import { REPO_ROOT } from '../helpers/run-cli.js';

const ARTIFACTS = join(REPO_ROOT, 'test-artifacts/report');
const EXPORT = join(REPO_ROOT, 'corpora/esatis/esatis-export-2026-T3.csv');
const MAP = [
  'id=N° réponse',
  "text=Qu'avez-vous apprécié ?",
  'text=Que faudrait-il améliorer ?',
  'date=Date de sortie',
  'department=Service',
  'survey=Questionnaire',
  'score=Score global',
];

const chromiumMissing = !existsSync(DEFAULT_CHROMIUM_PATH);
if (chromiumMissing && process.env.CI === 'true')
  throw new Error(`Chromium required on CI at ${DEFAULT_CHROMIUM_PATH}`);
if (chromiumMissing) console.warn(`[report-visual] Chromium not found at ${DEFAULT_CHROMIUM_PATH}: skipping.`);

/** Number of pages of a PDF: page objects, not the page tree nodes. */
function pdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe.skipIf(chromiumMissing)('the report as a person sees it (sample corpus, Chromium)', () => {
  let dir: string;
  let html: string;
  let data: ReportData;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vb-report-visual-'));
    const db = join(dir, 'verbatim.db');
    // The previous period: the first ~60 % of the export (cut at a line end).
    const bytes = readFileSync(EXPORT);
    const cut = bytes.lastIndexOf(0x0a, Math.floor(bytes.length * 0.6)) + 1;
    const previousFile = join(dir, 'esatis-export-2026-T2.csv');
    writeFileSync(previousFile, bytes.subarray(0, cut));
    const common = { db, map: MAP, quiet: true };
    const previous = await runCommand([previousFile], { ...common, out: join(dir, 'previous') });
    const current = await runCommand([EXPORT, join(REPO_ROOT, 'corpora/interviews')], {
      ...common,
      out: join(dir, 'current'),
    });
    const codebook = loadDefaultCodebook();
    const store = await openStore(db);
    try {
      data = await collectReportData(store, current.summary.run_id, {
        themeLabels: Object.fromEntries(codebook.themes.map((t) => [t.id, t.label])),
        themeOrder: codebook.themes.map((t) => t.id),
        actions: Object.fromEntries(codebook.themes.map((t) => [t.id, t.actions])),
        compareTo: previous.summary.run_id,
      });
    } finally {
      await store.close();
    }
    html = renderHtmlReport(data);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'report.html'), html);
  }, 300_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds every section, the charts as inline SVG and no external resource', () => {
    for (const id of [
      'traitement',
      'themes',
      'matrice',
      'relationnels',
      'evolution',
      'plan',
      'services',
      'enquetes',
      'verbatims',
      'methode',
    ]) {
      expect(html).toContain(`<h2 id="${id}">`);
    }
    expect(html.match(/<svg width="760"/g)?.length).toBe(2);
    expect(html).not.toMatch(/<script|<link |src="http|url\(http/);
    expect(data.actionPlan.length).toBeGreaterThan(0);
    expect(data.themes.filter((t) => t.trend !== null).length).toBeGreaterThan(0);
    expect(data.overallScore.respondents).toBeGreaterThan(100);
  });

  it('prints to an A4 PDF of several pages', async () => {
    const pdf = await printPdf(html, { headerText: data.title, footerText: `Verbatim · ${data.run.runId}` });
    writeFileSync(join(ARTIFACTS, 'report.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(6);
    // A4 in points.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[56]\.\d+ 84[12]\.\d+\]/);
  }, 120_000);

  it('renders the pages to PNG (screen and print style sheets) and its key sections', async () => {
    const shots: [string, Parameters<typeof screenshotPngs>[1][number]][] = [
      ['report-screen.png', {}],
      ['report-print.png', { media: 'print', width: 794 }],
      ['section-overview.png', { selector: 'section[aria-labelledby=themes]' }],
      ['section-matrix.png', { selector: 'section[aria-labelledby=matrice]' }],
      ['section-relational.png', { selector: 'section[aria-labelledby=relationnels]' }],
      ['section-trend.png', { selector: 'section[aria-labelledby=evolution]' }],
      ['section-plan.png', { selector: 'section[aria-labelledby=plan]' }],
      ['section-services.png', { selector: 'section[aria-labelledby=services]' }],
      // As printed (A4 width, print style sheet): the pages a CDU receives.
      ['print-summary.png', { media: 'print', width: 794, selector: 'section[aria-labelledby=traitement]' }],
      ['print-matrix.png', { media: 'print', width: 794, selector: 'section[aria-labelledby=matrice]' }],
      ['print-plan.png', { media: 'print', width: 794, selector: 'section[aria-labelledby=plan]' }],
      ['print-services.png', { media: 'print', width: 794, selector: 'section[aria-labelledby=services]' }],
    ];
    const pngs = await screenshotPngs(
      html,
      shots.map(([, options]) => options),
    );
    for (const [i, [name]] of shots.entries()) {
      const png = pngs[i] as Buffer;
      writeFileSync(join(ARTIFACTS, name), png);
      const { width, height } = pngSize(png);
      expect(width, name).toBeGreaterThan(600);
      expect(height, name).toBeGreaterThan(200);
    }
  }, 180_000);
});
