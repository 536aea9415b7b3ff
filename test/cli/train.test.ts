/**
 * `verbatim train` as a user runs it: a small labelled file in, a versioned head in the model
 * folder out, then `--model NAME` used by `classify` and shown by `models list`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { TINY_SET } from '../models/linear/tiny-set.js';

const dir = mkdtempSync(join(tmpdir(), 'vb-train-'));
const modelsDir = join(dir, 'models');
const previous = process.env.VERBATIM_MODELS_DIR;
// `classify` and `models list` find user models through this variable (runCli passes env on).
beforeAll(() => {
  process.env.VERBATIM_MODELS_DIR = modelsDir;
});
afterAll(() => {
  if (previous === undefined) delete process.env.VERBATIM_MODELS_DIR;
  else process.env.VERBATIM_MODELS_DIR = previous;
  rmSync(dir, { recursive: true, force: true });
});

const trainJsonl = join(dir, 'train.jsonl');
writeFileSync(
  trainJsonl,
  TINY_SET.map((e) =>
    JSON.stringify({ text: e.text, themes: e.labels, field: e.prompt === 'improvement' ? 'amelioration' : undefined }),
  ).join('\n'),
);

// Each case spawns the CLI (and trains) several times: slow on a busy machine.
const SLOW = { timeout: 300_000 };

/** 400 informative rows of the public FFT file (English NHS comments, one-hot labels). */
const FFT_SLICE = fileURLToPath(new URL('../fixtures/fft/v6framework-train-slice.csv', import.meta.url));
const FFT_CODEBOOK = fileURLToPath(new URL('../../models/codebooks/fft-v6-en.yaml', import.meta.url));

/** Writes the slice's header and the rows `pick` keeps as `name`.csv; returns its path. */
function fftSlice(name: string, pick: (rows: string[][], header: string[]) => string[][]): string {
  const [header = [], ...rows] = parseCsv(readFileSync(FFT_SLICE, 'utf8'), { relax_column_count: true }) as string[][];
  const path = join(dir, `${name}.csv`);
  writeFileSync(path, stringify([header, ...pick(rows, header)]));
  return path;
}

/** `verbatim train` on an FFT slice: text, prompt and one-hot columns, then `extra`. */
function trainFft(slice: string, name: string, extra: string[]) {
  const columns = ['--text-col', 'FFT answer', '--field-col', 'FFT question', '--onehot-from', 'Not assigned'];
  return runCli(['train', '--in', slice, '--name', name, ...columns, ...extra, '--models-dir', modelsDir, '--json']);
}

describe('verbatim train', () => {
  it('trains on JSONL, prints cross-validated figures and saves v1 then v2', SLOW, () => {
    const args = ['train', '--in', trainJsonl, '--name', 'tiny', '--folds', '3', '--models-dir', modelsDir];
    const first = runCli(args);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/meals\s+\d\.\d{3}\s+\d\.\d{3}\s+\d\.\d{3}\s+7/);
    expect(first.stdout).toContain('micro-F1');
    expect(existsSync(join(modelsDir, 'tiny', 'v1', 'head.json'))).toBe(true);
    const second = runCli([...args, '--json']);
    expect(second.status, second.stderr).toBe(0);
    const summary = JSON.parse(second.stdout) as { version: string; training: { fingerprint: string } };
    expect(summary.version).toBe('v2');
    const v1 = JSON.parse(readFileSync(join(modelsDir, 'tiny', 'v1', 'head.json'), 'utf8')) as {
      training: { fingerprint: string };
      weights: unknown;
    };
    // Same data, same seed: same fingerprint and same weights.
    expect(summary.training.fingerprint).toBe(v1.training.fingerprint);
    const v2 = JSON.parse(readFileSync(join(modelsDir, 'tiny', 'v2', 'head.json'), 'utf8')) as { weights: unknown };
    expect(v2.weights).toEqual(v1.weights);
  });

  it('then `classify --model` uses the trained head', SLOW, () => {
    const input = join(dir, 'input.jsonl');
    writeFileSync(input, `${JSON.stringify({ id: 'a', text: 'le repas était froid' })}\n`);
    const result = runCli(['classify', '--in', input, '--model', 'tiny']);
    expect(result.status, result.stderr).toBe(0);
    const line = JSON.parse(result.stdout.trim()) as { themes: string[]; segments: { themes: string[] }[] };
    expect(line.themes).toEqual(['meals']);
  });

  it('lists the user model in `models list`', () => {
    const result = runCli(['models', 'list', '--json']);
    expect(result.status, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout) as { name: string }[];
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['lexical', 'fr-linear', 'tiny']));
  });

  it('trains from one-hot CSV columns with a codebook made from the labels', SLOW, () => {
    const csv = join(dir, 'onehot.csv');
    const rows = TINY_SET.map((e) =>
      [
        JSON.stringify(e.text),
        ...['meals', 'waiting_delays', 'room_comfort'].map((l) => (e.labels.includes(l) ? '1' : '')),
      ].join(','),
    );
    writeFileSync(csv, ['answer,Food & drink,Waiting time,Room', ...rows].join('\n'));
    const result = runCli([
      'train',
      '--in',
      csv,
      '--name',
      'onehot',
      '--text-col',
      'answer',
      '--onehot-from',
      'Food & drink',
      '--codebook-from-labels',
      '--folds',
      '3',
      '--models-dir',
      modelsDir,
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('food_drink');
    expect(existsSync(join(modelsDir, 'onehot', 'v1', 'codebook.json'))).toBe(true);
    const input = join(dir, 'input2.jsonl');
    writeFileSync(input, `${JSON.stringify({ id: 'b', text: 'attente interminable' })}\n`);
    const classified = runCli(['classify', '--in', input, '--model', 'onehot']);
    expect(classified.status, classified.stderr).toBe(0);
    expect((JSON.parse(classified.stdout.trim()) as { themes: string[] }).themes).toEqual(['waiting_time']);
  });

  it(
    'trains on a slice of the FFT file (one-hot labels, prompts, 1–5 sentiment) then classifies other FFT text',
    SLOW,
    () => {
      const slice = fftSlice('fft-slice', (rows, header) =>
        rows.filter((r) => (r[header.indexOf('FFT answer')] ?? '').trim().length > 20).slice(0, 400),
      );
      const trained = trainFft(slice, 'fft', [
        '--codebook-from-labels',
        '--valence-col',
        'Comment sentiment',
        '--valence-map',
        '1=positive,2=positive,3=mixed,4=negative,5=negative',
      ]);
      expect(trained.status, trained.stderr).toBe(0);
      const summary = JSON.parse(trained.stdout) as { labels: string[]; crossValidation: { micro: { f1: number } } };
      expect(summary.labels).toContain('positive_experience_gratitude');
      expect(summary.crossValidation.micro.f1).toBeGreaterThan(0.3);
      const head = JSON.parse(readFileSync(join(modelsDir, 'fft', 'v1', 'head.json'), 'utf8')) as {
        settings: { features: { lang: string } };
        valence: { labels: string[]; crossValidation: { accuracy: number } } | null;
      };
      expect(head.settings.features.lang).toBe('en');
      expect(head.valence?.labels).toEqual(['positive', 'negative', 'mixed']);
      expect(head.valence?.crossValidation.accuracy).toBeGreaterThan(0.5);

      const input = join(dir, 'fft-input.jsonl');
      const others = [
        'The staff were lovely and very caring, thank you so much.',
        'I waited over three hours for the ambulance to arrive.',
      ];
      writeFileSync(input, others.map((text, i) => JSON.stringify({ id: `f${i}`, text })).join('\n'));
      const classified = runCli(['classify', '--in', input, '--model', 'fft', '--lang', 'en']);
      expect(classified.status, classified.stderr).toBe(0);
      const lines = classified.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { themes: string[]; valence: string });
      expect(lines).toHaveLength(2);
      expect(lines[0]?.themes).toContain('staff_manner_personal_attributes');
      expect(lines[0]?.valence).toBe('positive');
      expect(lines[1]?.themes).toContain('timeliness_of_care');
      expect(lines[1]?.valence).toBe('negative');
    },
  );

  it(
    'trains FFT one-hot columns against the shipped English codebook (labels matched by name, cues as features)',
    SLOW,
    () => {
      const slice = fftSlice('fft-codebook-slice', (rows) => rows.slice(0, 300));
      const trained = trainFft(slice, 'fft-cues', [
        '--codebook',
        FFT_CODEBOOK,
        '--rules-weight',
        '0.5',
        '--folds',
        '3',
      ]);
      expect(trained.status, trained.stderr).toBe(0);
      const head = JSON.parse(readFileSync(join(modelsDir, 'fft-cues', 'v1', 'head.json'), 'utf8')) as {
        labels: string[];
        lexicalFeatures: boolean;
        codebookVersion: string;
        settings: { features: { lang: string; lexicalWeight: number } };
      };
      // Column "Staff manner & personal attributes" is the theme of that label.
      expect(head.labels).toContain('staff_manner_personal_attributes');
      expect(head.labels).toHaveLength(50);
      expect(head.lexicalFeatures).toBe(true);
      expect(head.settings.features).toMatchObject({ lang: 'en', lexicalWeight: 0.5 });
      expect(head.codebookVersion).toBe('fft-v6-en-1');
      // The codebook travels with the head: classify needs no --codebook, and shows the cue evidence.
      const kept = JSON.parse(readFileSync(join(modelsDir, 'fft-cues', 'v1', 'codebook.json'), 'utf8')) as {
        version: string;
      };
      expect(kept.version).toBe('fft-v6-en-1');
      const input = join(dir, 'fft-cues-input.jsonl');
      writeFileSync(
        input,
        `${JSON.stringify({ id: 'w', text: 'I waited over three hours for the ambulance to arrive.' })}\n`,
      );
      const classified = runCli(['classify', '--in', input, '--model', 'fft-cues', '--lang', 'en']);
      expect(classified.status, classified.stderr).toBe(0);
      const line = JSON.parse(classified.stdout.trim()) as { themes: string[] };
      expect(line.themes).toContain('timeliness_of_care');
    },
  );

  it('adds texts labelled by the codebook rules with --weak, judged on gold rows only', SLOW, () => {
    const weak = join(dir, 'weak.jsonl');
    const texts = ['Les repas étaient froids.', "Trop d'attente aux urgences.", 'Rien à signaler.'];
    writeFileSync(weak, texts.map((text) => JSON.stringify({ text })).join('\n'));
    const result = runCli([
      'train',
      '--in',
      trainJsonl,
      '--weak',
      weak,
      '--name',
      'weak',
      '--folds',
      '3',
      '--models-dir',
      modelsDir,
      '--json',
    ]);
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { training: { examples: number }; crossValidation: unknown };
    // The rules find a theme in the first two texts only.
    expect(summary.training.examples).toBe(TINY_SET.length + 2);
  });

  it('refuses labels outside the codebook (exit 1, one line)', () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, TINY_SET.map((e) => JSON.stringify({ text: e.text, themes: ['nope'] })).join('\n'));
    const result = runCli(['train', '--in', bad, '--name', 'bad', '--models-dir', modelsDir]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--codebook-from-labels');
  });

  it('says which file is missing (exit 2)', () => {
    const result = runCli(['train', '--in', join(dir, 'missing.jsonl'), '--name', 'x', '--models-dir', modelsDir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('missing.jsonl');
  });
});
