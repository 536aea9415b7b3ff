/**
 * `verbatim classify` as a user runs it: one JSON line per input row in input order, duplicates
 * included, pseudonymized text only, error lines for quarantined rows.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const FIXTURES = 'test/fixtures/classify';
const CSV = `${FIXTURES}/esatis-cp1252-semicolon.csv`;
const JSONL = `${FIXTURES}/comments.jsonl`;

const dir = mkdtempSync(join(tmpdir(), 'vb-classify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Line {
  id: string | null;
  themes?: string[];
  scores?: Record<string, number>;
  valence?: string;
  segments?: { index: number; text: string; start: number; end: number; themes: string[]; evidence: object }[];
  empty?: boolean;
  error?: { code: string; reason: string; line: number };
}

function parseLines(stdout: string): Line[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Line);
}

function expectOneLineError(stderr: string, ...needles: string[]): void {
  const lines = stderr
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('error'));
  expect(lines).toHaveLength(1);
  for (const n of needles) expect(lines[0]).toContain(n);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('verbatim classify, CSV (cp1252, semicolons)', () => {
  const r = runCli(['classify', '--in', CSV]);
  const lines = parseLines(r.stdout);

  it('answers one line per input row, in order, the duplicate included', () => {
    expect(r.status).toBe(0);
    expect(lines.map((l) => l.id)).toEqual(['A1', 'A2', 'A3', 'A4', 'A1', null, 'A6']);
    expect(lines[4]).toEqual(lines[0]);
  });

  it('codes a certain case and rounds scores to 3 decimals', () => {
    expect(lines[0]?.themes).toEqual(['communication']);
    expect(lines[3]?.themes).toEqual(['meals']);
    for (const line of lines) {
      for (const score of Object.values(line.scores ?? {})) expect(Math.round(score * 1000) / 1000).toBe(score);
    }
    const segment = lines[0]?.segments?.[0];
    expect(segment).toMatchObject({ index: 0, start: 0, themes: ['communication'] });
    expect(Object.keys(segment ?? {}).sort()).toEqual(
      ['end', 'evidence', 'index', 'scores', 'start', 'text', 'themes', 'valence'].sort(),
    );
  });

  it('outputs pseudonymized text only, decoded from cp1252', () => {
    expect(lines[1]?.segments?.[0]?.text).toBe("L'infirmière Mme [NOM_1] a été très gentille et à l'écoute.");
    expect(lines[6]?.segments?.[0]?.text).toContain('[TEL_1]');
    expect(r.stdout).not.toContain('Lefèvre');
    expect(r.stdout).not.toContain('06 12 34 56 78');
  });

  it('marks an empty text and keeps a quarantined row as an error line, with a warning', () => {
    expect(lines[2]).toEqual({ id: 'A3', themes: [], scores: {}, valence: 'neutral', segments: [], empty: true });
    expect(lines[5]).toEqual({
      id: null,
      error: { code: 'COLUMN_COUNT', reason: 'expected 3 columns, found 5', line: 7 },
    });
    expect(r.stderr).toContain(`warning: ${CSV} line 7:`);
    expect(r.stderr).not.toContain('colonnes');
  });
});

describe('verbatim classify, JSONL', () => {
  it('reads {"id","text","field"?} lines, in order, with error lines for bad ones', () => {
    const r = runCli(['classify', '--in', JSONL]);
    expect(r.status).toBe(0);
    const lines = parseLines(r.stdout);
    expect(lines.map((l) => l.id)).toEqual(['j1', 'j2', null, '7', 'j5']);
    expect(lines[0]?.segments?.[0]?.text).toBe('Le docteur [NOM_1] ne répond jamais aux questions.');
    expect(r.stdout).not.toContain('Bernard');
    expect(lines[1]).toMatchObject({ themes: [], segments: [], empty: true });
    expect(lines[2]?.error).toEqual({ code: 'INVALID_JSON', reason: 'not valid JSON', line: 3 });
    expect(r.stdout).not.toContain('unterminated');
  });
});

describe('verbatim classify options', () => {
  it('--field-col gives each row its prompt: the valence prior of a flat text', () => {
    const r = runCli(['classify', '--in', `${FIXTURES}/field-col-prompts.csv`, '--field-col', 'prompt']);
    expect(r.status).toBe(0);
    expect(parseLines(r.stdout).map((l) => [l.id, l.valence])).toEqual([
      ['P1', 'negative'],
      ['P2', 'positive'],
      ['P3', 'neutral'],
      ['P4', 'negative'],
    ]);
  });

  it('a missing column is a usage error listing the columns', () => {
    const r = runCli(['classify', '--in', CSV, '--text-col', 'verbatim']);
    expect(r.status).toBe(1);
    expectOneLineError(r.stderr, '"verbatim"', '"id", "question", "text"');
    expect(r.stdout).toBe('');
    const f = runCli(['classify', '--in', CSV, '--field-col', 'prompt']);
    expect(f.status).toBe(1);
    expectOneLineError(f.stderr, '"prompt"', '"question"');
  });

  it('--codebook codes against a custom codebook only', () => {
    const r = runCli(['classify', '--in', JSONL, '--codebook', `${FIXTURES}/tiny-codebook.yaml`]);
    expect(r.status).toBe(0);
    const lines = parseLines(r.stdout);
    expect([...(lines[4]?.themes ?? [])].sort()).toEqual(['noise', 'parking']);
    for (const line of lines) for (const theme of line.themes ?? []) expect(['noise', 'parking']).toContain(theme);
  });

  it('--out writes the JSONL file; --json prints the counts; --strict exits 3 on quarantine', () => {
    const out = join(dir, 'out.jsonl');
    const r = runCli(['classify', '--in', CSV, '--out', out, '--json', '--strict']);
    expect(r.status).toBe(3);
    // The counts, and which model and path coded the text (the shipped default: a linear head).
    expect(JSON.parse(r.stdout)).toEqual({
      lines: 7,
      classified: 5,
      empty: 1,
      quarantined: 1,
      model: expect.stringMatching(/^linear-fr-default-v\d+$/),
      path: 'linear',
    });
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(7);
  });

  it('a missing or unsupported input is exit 2', () => {
    expect(runCli(['classify', '--in', join(dir, 'absent.csv')]).status).toBe(2);
    const txt = join(dir, 'notes.txt');
    writeFileSync(txt, 'Bonjour');
    const r = runCli(['classify', '--in', txt]);
    expect(r.status).toBe(2);
    expectOneLineError(r.stderr, 'notes.txt');
  });
});
