/**
 * What a user sees when the input is wrong: one line naming the file and the reason, the exit
 * code of cli-contract.md, no stack trace.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vb-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectOneLineError(stderr: string, ...needles: string[]): void {
  const lines = stderr
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('error'));
  expect(lines).toHaveLength(1);
  for (const n of needles) expect(lines[0]).toContain(n);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('verbatim run, bad input', () => {
  it('a missing file is exit 2 naming it', () => {
    const r = runCli(['run', join(dir, 'absent.csv'), '--out', join(dir, 'o1')]);
    expect(r.status).toBe(2);
    expectOneLineError(r.stderr, 'absent.csv');
  });

  it('an unsupported format is exit 2', () => {
    const file = join(dir, 'notes.pdf');
    writeFileSync(file, '%PDF-1.4');
    const r = runCli(['run', file, '--out', join(dir, 'o2')]);
    expect(r.status).toBe(2);
    expectOneLineError(r.stderr, 'notes.pdf');
  });

  it('a corrupt XLSX is exit 2 naming it', () => {
    const file = join(dir, 'export.xlsx');
    writeFileSync(file, 'this is not a zip file at all');
    const r = runCli(['run', file, '--out', join(dir, 'o3')]);
    expect(r.status).toBe(2);
    expectOneLineError(r.stderr, 'export.xlsx');
  });

  it('a mapped column that does not exist is a usage error listing the columns', () => {
    const file = join(dir, 'small.csv');
    writeFileSync(file, 'id;commentaire\n1;Très bien\n');
    const r = runCli(['run', file, '--map', 'text=Verbatim patient', '--out', join(dir, 'o4')]);
    expect(r.status).toBe(1);
    expectOneLineError(r.stderr, 'Verbatim patient', 'commentaire');
  });

  it('an unknown --map field is a usage error', () => {
    const file = join(dir, 'small2.csv');
    writeFileSync(file, 'id;commentaire\n1;Très bien\n');
    const r = runCli(['run', file, '--map', 'colour=commentaire', '--out', join(dir, 'o5')]);
    expect(r.status).toBe(1);
  });

  it('an unknown command is exit 1', () => {
    expect(runCli(['frobnicate']).status).toBe(1);
  });

  it('an invalid codebook is exit 1 naming the file', () => {
    const file = join(dir, 'small3.csv');
    writeFileSync(file, 'id;commentaire\n1;Très bien\n');
    const codebook = join(dir, 'codebook.yaml');
    writeFileSync(codebook, 'version: "1"\nthemes:\n  - label: sans id\n');
    const r = runCli(['run', file, '--codebook', codebook, '--out', join(dir, 'o6')]);
    expect(r.status).toBe(1);
    expectOneLineError(r.stderr, 'codebook.yaml');
  });
});
