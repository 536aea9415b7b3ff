/**
 * `verbatim report`: HTML, XLSX and PDF from a stored run, the latest finished run by default,
 * and one-line errors with the contract's exit codes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputPath, reportCommand } from '../../cli/commands/report.js';
import { EXIT_CODES } from '../../cli/exit-codes.js';
import { DEFAULT_CHROMIUM_PATH } from '../../reports/index.js';
import { runCli } from '../helpers/run-cli.js';
import { openTempStore, RUN_ID, saveRecords, startTestRun } from '../reports/fixture-store.js';
import { HOSPITAL, SUMMARY } from '../reports/hospital-fixture.js';

describe('verbatim report', () => {
  let dir: string;
  let db: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await openTempStore();
    ({ dir, cleanup } = temp);
    db = join(dir, 'x.db');
    await startTestRun(temp.store);
    await saveRecords(temp.store, HOSPITAL);
    await temp.store.finishRun(RUN_ID, 'done', SUMMARY);
  });
  afterAll(async () => cleanup());

  it('writes the HTML report of the latest finished run into the --out folder, with codebook labels', async () => {
    const { path, runId } = await reportCommand({ db, out: join(dir, 'out') });
    expect(runId).toBe(RUN_ID);
    expect(path).toBe(join(dir, 'out', 'report.html'));
    const html = readFileSync(path, 'utf8');
    expect(html).toContain('<h2 id="plan">Projet de plan d’actions</h2>');
    // Labels and actions come from the shipped codebook.
    expect(html).toContain('Communication et information');
    expect(html).toContain('tableau « qui est qui »');
  });

  it('writes the XLSX action plan to a named file', async () => {
    const { path } = await reportCommand({
      db,
      run: RUN_ID,
      format: 'xlsx',
      out: join(dir, 'plan.xlsx'),
      minCell: '3',
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Plan d’actions', 'Thèmes']);
    expect(workbook.getWorksheet('Plan d’actions')?.getCell('A2').value).toBe('Communication et information');
  });

  it('fails with one line and the contract exit code', async () => {
    await expect(reportCommand({ db: join(dir, 'missing.db') })).rejects.toMatchObject({ code: 'INPUT_MISSING' });
    expect(EXIT_CODES.INPUT_MISSING).toBe(2);
    expect(existsSync(join(dir, 'missing.db'))).toBe(false);
    await expect(reportCommand({ db, run: 'run-nope' })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(reportCommand({ db, format: 'docx' })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(reportCommand({ db, format: 'pdf', chromium: join(dir, 'no-chromium') })).rejects.toMatchObject({
      code: 'SERVICE_UNREACHABLE',
    });
    expect(() => outputPath(join(dir, 'r.html'), 'pdf')).toThrow(/--out/);
  });

  it.skipIf(!existsSync(DEFAULT_CHROMIUM_PATH))(
    'prints a PDF through the real binary',
    () => {
      const out = join(dir, 'rapport.pdf');
      const result = runCli(['report', '--db', db, '--format', 'pdf', '--out', out]);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stderr).toContain(`rapport du traitement ${RUN_ID}`);
      expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    },
    180_000,
  );
});
