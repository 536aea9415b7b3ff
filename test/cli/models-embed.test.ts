/**
 * `train --embed` then `classify --model` on a tiny BERT generated at test time, and the
 * promise that nothing changes for users without a transformer model.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyCommand } from '../../cli/commands/classify.js';
import { trainEmbeddingCommand } from '../../cli/commands/train-embed.js';
import { writeBertModel } from '../helpers/tiny-bert.js';
import { labelledTexts, TWO_THEME_CODEBOOK } from '../models/embedding/labelled-texts.js';

const BIN = fileURLToPath(new URL('../../bin/verbatim.js', import.meta.url));

describe('train --embed, then classify --model', () => {
  let root = '';
  let modelsDir = '';
  const savedEnv = process.env.VERBATIM_MODELS_DIR;
  const path = (name: string) => join(root, name);

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'vb-embed-cli-'));
    modelsDir = path('models');
    writeBertModel(join(modelsDir, 'embedders', 'tiny-bert'));
    writeFileSync(path('codebook.yaml'), TWO_THEME_CODEBOOK);
    writeFileSync(
      path('train.jsonl'),
      `${labelledTexts(30)
        .map((e) => JSON.stringify(e))
        .join('\n')}\n`,
    );
    const comments = [
      { id: 'w', text: 'nous avons attendre des heures et des jours' },
      { id: 'm', text: 'le repas est froid' },
      { id: 'e', text: '' },
    ];
    writeFileSync(path('comments.jsonl'), `${comments.map((c) => JSON.stringify(c)).join('\n')}\n`);
    process.env.VERBATIM_MODELS_DIR = modelsDir;
  });
  afterAll(() => {
    if (savedEnv === undefined) delete process.env.VERBATIM_MODELS_DIR;
    else process.env.VERBATIM_MODELS_DIR = savedEnv;
    rmSync(root, { recursive: true, force: true });
  });

  it('trains an embedding head recording its embedder, then classifies with it', async () => {
    const trained = await trainEmbeddingCommand({
      in: path('train.jsonl'),
      name: 'emb',
      embed: 'tiny-bert',
      codebook: path('codebook.yaml'),
      folds: '3',
    });
    expect(trained.folder).toBe(join(modelsDir, 'emb', 'v1'));
    expect(trained.head.embedder).toMatchObject({
      model: 'tiny-bert',
      dimension: 32,
      modelId: expect.stringMatching(/^tiny-bert#/),
    });
    expect(trained.head.labels).toEqual(['waiting', 'meals']);
    expect(trained.head.crossValidation.micro.f1).toBeGreaterThan(0.85);
    // 60 texts + 2 themes × (definition + 2 examples), all distinct.
    expect(trained.embedded).toBe(66);

    const { summary } = await classifyCommand({
      in: path('comments.jsonl'),
      out: path('out.jsonl'),
      model: 'emb',
      codebook: path('codebook.yaml'),
    });
    expect(summary).toMatchObject({ path: 'embedding', model: 'embedding-emb-v1', classified: 2, empty: 1 });
    const lines = readFileSync(path('out.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.id, l.themes])).toEqual([
      ['w', ['waiting']],
      ['m', ['meals']],
      ['e', []],
    ]);
  });

  it('without --model, output is the same whether or not transformer models are present', async () => {
    const withModels = await classifyCommand({ in: path('comments.jsonl'), out: path('default-a.jsonl') });
    const empty = path('no-models');
    mkdirSync(empty);
    process.env.VERBATIM_MODELS_DIR = empty;
    const without = await classifyCommand({ in: path('comments.jsonl'), out: path('default-b.jsonl') });
    process.env.VERBATIM_MODELS_DIR = modelsDir;
    expect(withModels.summary.path).not.toBe('embedding');
    expect(without.summary).toEqual(withModels.summary);
    expect(readFileSync(path('default-b.jsonl'), 'utf8')).toBe(readFileSync(path('default-a.jsonl'), 'utf8'));
  });

  it('the real binary says which path classified', async () => {
    const result = await new Promise<{ stderr: string; code: number }>((resolve) => {
      execFile(
        process.execPath,
        [
          BIN,
          'classify',
          '--in',
          path('comments.jsonl'),
          '--out',
          path('cli.jsonl'),
          '--model',
          'emb',
          '--codebook',
          path('codebook.yaml'),
        ],
        { env: { ...process.env, VERBATIM_MODELS_DIR: modelsDir, FORCE_COLOR: '0' }, timeout: 300_000 },
        (error, _stdout, stderr) =>
          resolve({ stderr, code: error ? Number((error as { code?: unknown }).code ?? 1) : 0 }),
      );
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/embedding-emb-v1, voie embedding/);
    expect(readFileSync(path('cli.jsonl'), 'utf8')).toBe(readFileSync(path('out.jsonl'), 'utf8'));
  }, 400_000);
});
