/**
 * The local embedder on a tiny BERT generated at test time: pinned vectors, unit norm, batching
 * that changes nothing, agreement with a hand-made mean pooling of the raw ONNX output, and no
 * change to transformers.js's global `env`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Embedder, loadEmbedder, resolveEmbedderFolder } from '../../../models/embedder.js';
import { writeBertModel } from '../../helpers/tiny-bert.js';

const TEXTS = ['Le personnel était très gentil.', 'Attente trop longue aux urgences', 'merci'];
const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('loadEmbedder on a generated tiny BERT', () => {
  let root = '';
  let folder = '';
  let embedder: Embedder;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'vb-embedder-'));
    folder = join(root, 'embedders', 'tiny-bert');
    writeBertModel(folder);
    embedder = await loadEmbedder({ model: folder, batchSize: 2 });
  });
  afterAll(async () => {
    await embedder?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('gives pinned unit-norm vectors of the configured dimension', async () => {
    const vectors = await embedder.embed(TEXTS);
    expect(embedder.dimension).toBe(32);
    expect(embedder.modelId).toMatch(/^tiny-bert#[0-9a-f]{12}$/);
    const pinned = [
      [-0.200458, -0.108504, 0.30529, 0.222328],
      [-0.176847, -0.121697, 0.341501, 0.282732],
      [-0.131182, -0.295725, 0.223368, 0.335841],
    ];
    vectors.forEach((v, i) => {
      expect(v).toHaveLength(32);
      expect(norm(v)).toBeCloseTo(1, 5);
      (pinned[i] as number[]).forEach((x, d) => {
        expect(v[d]).toBeCloseTo(x, 5);
      });
    });
  });

  it('returns the same vectors whatever the batching and input order', async () => {
    const batched = await embedder.embed([...TEXTS, 'Repas froids, chambre bruyante la nuit.']);
    for (const [i, text] of TEXTS.entries()) {
      const [alone] = await embedder.embed([text]);
      for (let d = 0; d < 32; d++)
        expect((batched[i] as Float32Array)[d]).toBeCloseTo((alone as Float32Array)[d] as number, 5);
    }
  });

  it('equals the mask-weighted mean of the raw ONNX last_hidden_state, L2-normalized', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(folder, { local_files_only: true });
    const session = await ort.InferenceSession.create(join(folder, 'onnx', 'model.onnx'));
    const encoded = tokenizer(TEXTS, { padding: true, truncation: true });
    const [batch, seq] = encoded.input_ids.dims as [number, number];
    const feeds = {
      input_ids: new ort.Tensor('int64', encoded.input_ids.data as BigInt64Array, [batch, seq]),
      attention_mask: new ort.Tensor('int64', encoded.attention_mask.data as BigInt64Array, [batch, seq]),
      token_type_ids: new ort.Tensor('int64', new BigInt64Array(batch * seq), [batch, seq]),
    };
    const out = (await session.run(feeds)).last_hidden_state as ort.Tensor;
    const hidden = out.data as Float32Array;
    const mask = encoded.attention_mask.data as BigInt64Array;
    const ours = await embedder.embed(TEXTS);
    for (let b = 0; b < batch; b++) {
      const mean = new Float32Array(32);
      let count = 0;
      for (let t = 0; t < seq; t++) {
        if (mask[b * seq + t] === 0n) continue;
        count++;
        for (let d = 0; d < 32; d++) mean[d] = (mean[d] as number) + (hidden[(b * seq + t) * 32 + d] as number);
      }
      const n = norm(mean.map((x) => x / count));
      for (let d = 0; d < 32; d++) expect((ours[b] as Float32Array)[d]).toBeCloseTo((mean[d] as number) / count / n, 5);
    }
    await session.release();
  });

  it('resolves an id under <modelsDir>/embedders and leaves transformers.js env as it was', async () => {
    const before = { remote: env.allowRemoteModels, path: env.localModelPath };
    const byId = await loadEmbedder({ model: 'tiny-bert', modelsDir: root });
    expect(byId.modelId).toBe(embedder.modelId);
    expect(env.allowRemoteModels).toBe(before.remote);
    expect(env.localModelPath).toBe(before.path);
    await byId.dispose();
  });

  it('names the folder and missing files when the model is absent (no download attempted)', () => {
    expect(() => resolveEmbedderFolder('no-such-model', root)).toThrow(/embedders\/no-such-model lacks config\.json/);
    try {
      resolveEmbedderFolder('no-such-model', root);
    } catch (error) {
      expect((error as { code?: string }).code).toBe('USAGE');
    }
  });
});
