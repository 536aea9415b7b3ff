/**
 * `verbatim run` on the sample corpus, then `verbatim export` as a researcher runs it, from the
 * same folder with no --db and no --run: the REFI-QDA project validates, its selections are exact
 * in code points, it holds no planted PII, and the CSV/XLSX exports agree with the store.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { refiSchemaErrors } from '../reports/qdc-schema.js';

/** Each CLI call starts a fresh process (tsx, the whole program): slow on a loaded machine. */
const CLI_TIMEOUT = 300_000;

const ESATIS = join(REPO_ROOT, 'corpora/esatis/esatis-export-2026-T3.csv');
const INTERVIEWS = join(REPO_ROOT, 'corpora/interviews');
const PLANTED_PII = [
  ...(JSON.parse(readFileSync(join(REPO_ROOT, 'corpora/esatis/expected.json'), 'utf8')) as { pii: string[] }).pii,
  ...Object.values(JSON.parse(readFileSync(join(INTERVIEWS, 'pii.json'), 'utf8')) as Record<string, string[]>).flat(),
];

const cwd = mkdtempSync(join(tmpdir(), 'vb-export-'));
let runId = '';
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

beforeAll(() => {
  const r = runCli(['run', ESATIS, INTERVIEWS, '--json', '--quiet'], { cwd });
  expect(r.status, r.stderr).toBe(0);
  runId = (JSON.parse(r.stdout) as { run_id: string }).run_id;
}, CLI_TIMEOUT);

function exportCli(args: string[]) {
  const r = runCli(['export', ...args, '--json'], { cwd });
  return { ...r, summary: r.status === 0 ? (JSON.parse(r.stdout) as Record<string, unknown>) : {} };
}

describe('verbatim export on the sample corpus run', () => {
  it(
    'writes a .qdpx whose project.qde validates, with exact code-point selections and no planted PII',
    async () => {
      const r = exportCli(['--format', 'qdpx', '--out', 'projet.qdpx']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.summary.run_id).toBe(runId);
      const zip = await JSZip.loadAsync(readFileSync(join(cwd, 'projet.qdpx')));
      const qde = (await zip.file('project.qde')?.async('string')) ?? '';
      expect(await refiSchemaErrors(qde, 'project', 'project.qde')).toEqual([]);

      const db = new Database(join(cwd, 'verbatim-out/verbatim.db'), { readonly: true });
      const segments = new Map(
        (
          db.prepare('select record_key, segment_index, text from segments where context = 0').all() as {
            record_key: string;
            segment_index: number;
            text: string;
          }[]
        ).map((s) => [`${s.record_key}#${s.segment_index}`, s.text]),
      );
      const recordCount = (db.prepare('select count(*) n from records').get() as { n: number }).n;
      const coded = (
        db
          .prepare("select count(*) n from segments where context = 0 and (themes != '' or role is not null)")
          .get() as {
          n: number;
        }
      ).n;
      db.close();

      const project = new XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: '',
        isArray: (name) => ['TextSource', 'PlainTextSelection'].includes(name),
      }).parse(qde).Project;
      const sources = project.Sources.TextSource as {
        guid: string;
        PlainTextSelection?: { name: string; startPosition: string; endPosition: string }[];
      }[];
      expect(sources).toHaveLength(recordCount);
      expect(r.summary.sources).toBe(recordCount);
      let selections = 0;
      const texts: string[] = [qde];
      for (const source of sources) {
        const text = (await zip.file(`sources/${source.guid}.txt`)?.async('string')) ?? '';
        texts.push(text);
        const codePoints = Array.from(text);
        for (const sel of source.PlainTextSelection ?? []) {
          expect(codePoints.slice(Number(sel.startPosition), Number(sel.endPosition)).join(''), sel.name).toBe(
            segments.get(sel.name),
          );
          selections += 1;
        }
      }
      expect(selections).toBe(coded);
      const all = texts.join('\n');
      expect(PLANTED_PII.filter((value) => all.includes(value))).toEqual([]);
    },
    CLI_TIMEOUT,
  );

  it(
    'writes the codebook as a .qdc that validates',
    async () => {
      const r = exportCli(['--format', 'qdc', '--out', 'codebook.qdc']);
      expect(r.status, r.stderr).toBe(0);
      expect(await refiSchemaErrors(readFileSync(join(cwd, 'codebook.qdc'), 'utf8'), 'codebook')).toEqual([]);
    },
    CLI_TIMEOUT,
  );

  it(
    'writes segments, matrix and co-occurrence CSVs that agree with the summary',
    () => {
      const segments = exportCli(['--format', 'csv', '--out', 'segments.csv']);
      expect(segments.status, segments.stderr).toBe(0);
      expect(readFileSync(join(cwd, 'segments.csv'), 'utf8')).toBe(
        readFileSync(join(cwd, 'verbatim-out/segments.csv'), 'utf8'),
      );
      expect(exportCli(['--format', 'csv', '--what', 'matrix', '--out', 'matrix.csv']).status).toBe(0);
      const matrix = parse(readFileSync(join(cwd, 'matrix.csv')), { columns: true }) as Record<string, string>[];
      expect(Object.keys(matrix[0] ?? {})).toEqual(expect.arrayContaining(['RU', 'Patient', 'IDE', '(sans rôle)']));
      expect(Object.keys(matrix[0] ?? {})).not.toContain('Interviewer');
      expect(exportCli(['--format', 'csv', '--what', 'cooccurrence', '--out', 'cooc.csv']).status).toBe(0);
      const cooc = parse(readFileSync(join(cwd, 'cooc.csv')), { columns: true }) as Record<string, string>[];
      const summary = JSON.parse(readFileSync(join(cwd, 'verbatim-out/summary.json'), 'utf8')) as {
        themes: Record<string, number>;
      };
      // The diagonal at record level is the number of comments with the theme, as in summary.json.
      for (const [theme, comments] of Object.entries(summary.themes)) {
        const diagonal = cooc.find((row) => row.theme_a === theme && row.theme_b === theme);
        expect(Number(diagonal?.records), theme).toBe(comments);
      }
    },
    CLI_TIMEOUT,
  );

  it(
    'writes the research workbook',
    () => {
      const r = exportCli(['--format', 'xlsx', '--out', 'recherche.xlsx']);
      expect(r.status, r.stderr).toBe(0);
      expect(Object.keys(r.summary.sheets as object)).toHaveLength(4);
      expect(statSync(join(cwd, 'recherche.xlsx')).size).toBeGreaterThan(10_000);
    },
    CLI_TIMEOUT,
  );

  it(
    'fails with a clear message and exit code when the store, the run or an option is wrong',
    () => {
      const missing = runCli(['export', '--format', 'qdpx', '--out', 'x.qdpx', '--db', 'nowhere/verbatim.db'], { cwd });
      expect(missing.status).toBe(2);
      expect(missing.stderr).toMatch(/nowhere\/verbatim\.db: no Verbatim store here/);
      const run = runCli(['export', '--format', 'qdpx', '--out', 'x.qdpx', '--run', 'run-nope'], { cwd });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/--run: no run "run-nope"/);
      const what = runCli(['export', '--format', 'qdpx', '--what', 'matrix', '--out', 'x.qdpx'], { cwd });
      expect(what.status).toBe(1);
      expect(what.stderr).toMatch(/--what: only with --format csv or xlsx/);
      const format = runCli(['export', '--format', 'pdf', '--out', 'x.pdf'], { cwd });
      expect(format.status).toBe(1);
    },
    CLI_TIMEOUT,
  );
});
