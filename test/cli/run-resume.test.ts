import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticEsatis } from '../../bench/synthetic-esatis.js';
import { runCli } from '../helpers/run-cli.js';

describe('verbatim run --resume (embedded)', { timeout: 300_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'vb-resume-'));
  const input = join(dir, 'esatis.csv');
  const out = join(dir, 'out');

  beforeAll(async () => {
    await writeSyntheticEsatis(input, 60);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a run the store does not hold, then resumes the run the inputs give', () => {
    const unknown = runCli(['run', input, '--out', out, '--quiet', '--resume', 'run-0000000000000000']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('no such run');

    const first = runCli(['run', input, '--out', out, '--json', '--quiet']);
    expect(first.status, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout);
    const resumed = runCli(['run', input, '--out', out, '--json', '--quiet', '--resume', summary.run_id]);
    expect(resumed.status, resumed.stderr).toBe(0);
    const again = JSON.parse(resumed.stdout);
    expect({ ...again, elapsed_s: 0 }).toEqual({ ...summary, elapsed_s: 0 });
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).run_id).toBe(summary.run_id);
  });

  it('refuses to resume a run with inputs that give another run id', async () => {
    const other = join(dir, 'other.csv');
    await writeSyntheticEsatis(other, 30);
    const first = runCli(['run', input, '--out', out, '--json', '--quiet']);
    const runId = JSON.parse(first.stdout).run_id as string;
    const wrong = runCli(['run', other, '--out', out, '--quiet', '--resume', runId]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain(`--resume ${runId}: these inputs and options give run`);
  });
});
