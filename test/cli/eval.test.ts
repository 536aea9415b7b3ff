/**
 * `verbatim eval` on a small gold file whose expected coding is certain, and on a malformed one.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const FIXTURES = 'test/fixtures/classify';

describe('verbatim eval', () => {
  it('prints per-theme rows, micro and macro F1 and the valence table', () => {
    const r = runCli(['eval', '--gold', `${FIXTURES}/gold-small.jsonl`]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^theme\s+precision\s+recall\s+f1\s+support\s+predicted$/m);
    expect(r.stdout).toMatch(/^communication\s+1\.000\s+1\.000\s+1\.000\s+1\s+1$/m);
    expect(r.stdout).toMatch(/^meals\s+1\.000\s+1\.000\s+1\.000\s+1\s+1$/m);
    expect(r.stdout).toContain('micro-F1 1.000');
    expect(r.stdout).toContain('macro-F1 1.000');
    expect(r.stdout).toContain('valence: accuracy 1.000');
    expect(r.stdout).toMatch(/^negative\s+0\s+2\s+0\s+0\s+1\.000$/m);
  });

  it('--json prints the same metrics', () => {
    const r = runCli(['eval', '--gold', `${FIXTURES}/gold-small.jsonl`, '--json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ items: 4, micro_f1: 1, macro_f1: 1, macro_themes: 4, valence: { accuracy: 1 } });
    expect(report.themes.find((t: { theme: string }) => t.theme === 'communication')).toEqual({
      theme: 'communication',
      precision: 1,
      recall: 1,
      f1: 1,
      support: 1,
      predicted: 1,
    });
    expect(report.valence.confusion.negative.negative).toBe(2);
  });

  it('a malformed gold line is exit 2, one line naming the file and the line', () => {
    const r = runCli(['eval', '--gold', `${FIXTURES}/gold-malformed.jsonl`]);
    expect(r.status).toBe(2);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('gold-malformed.jsonl: line 3:');
    expect(errors[0]).toContain('"valence"');
    expect(r.stderr).not.toContain('Très bon accueil');
    expect(r.stdout).toBe('');
  });

  it('--gold is required', () => {
    expect(runCli(['eval']).status).toBe(1);
  });
});
