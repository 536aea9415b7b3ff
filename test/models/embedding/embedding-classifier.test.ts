/**
 * The embedding head end to end in one process: trained with the async embedder, saved, loaded
 * by the registry (embedder in a worker thread behind Atomics.wait), and classifying segments
 * the same way the async path scores them; the worker's store cache; a changed embedder refused.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCodebook } from '../../../models/codebooks/codebook.js';
import { type Embedder, loadEmbedder } from '../../../models/embedder.js';
import {
  buildEmbeddingHead,
  createSyncEmbedder,
  EmbeddingTrainSettingsSchema,
  embeddingHeadModel,
  embeddingMargins,
  headFeatures,
  nextEmbeddingHeadVersion,
  saveEmbeddingHead,
  textSha256,
} from '../../../models/embedding/index.js';
import { classifierPath, listModels, loadClassifier } from '../../../models/registry.js';
import type { RecordKey, Segment } from '../../../pipeline/record.js';
import { openStore } from '../../../pipeline/store/open-store.js';
import { writeBertModel } from '../../helpers/tiny-bert.js';
import { labelledTexts, TWO_THEME_CODEBOOK } from './labelled-texts.js';

const segment = (text: string, index: number, context = false): Segment => ({
  recordKey: 'src1-1-text' as RecordKey,
  index,
  text,
  start: 0,
  end: text.length,
  speaker: null,
  role: null,
  context,
  timestamp: null,
});

describe('embedding head through the registry', () => {
  let root = '';
  let embedder: Embedder;
  // The codebook lives beside the models folder, not in it.
  const codebookPath = () => join(root, '..', `${root.split('/').pop()}-codebook.yaml`);
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'vb-emb-head-'));
    writeBertModel(join(root, 'embedders', 'tiny-bert'));
    writeFileSync(codebookPath(), TWO_THEME_CODEBOOK);
    embedder = await loadEmbedder({ model: 'tiny-bert', modelsDir: root });
    const codebook = loadCodebook(codebookPath());
    const examples = labelledTexts(40).map((e) => ({ text: e.text, labels: e.themes }));
    const head = await buildEmbeddingHead(
      examples,
      ['waiting', 'meals'],
      codebook,
      embedder,
      EmbeddingTrainSettingsSchema.parse({ folds: 4 }),
      {
        name: 'emb',
        version: nextEmbeddingHeadVersion(root, 'emb'),
        createdAt: '2026-12-05T00:00:00.000Z',
        description: 'test head',
        codebookVersion: codebook.version,
        embedderModel: 'tiny-bert',
        dtype: 'fp32',
        training: { fingerprint: '0'.repeat(64), examples: examples.length, source: 'synthetic' },
      },
    );
    expect(head.crossValidation.micro.f1).toBeGreaterThan(0.85);
    saveEmbeddingHead(root, head);
  });
  afterAll(async () => {
    await embedder?.dispose();
    rmSync(root, { recursive: true, force: true });
    rmSync(codebookPath(), { force: true });
  });

  it('is listed and loaded as an embedding classifier that agrees with the async scoring', async () => {
    const codebook = loadCodebook(codebookPath());
    expect(listModels({ modelsDir: root }).find((m) => m.name === 'emb')?.description).toBe('test head');
    const classifier = loadClassifier('emb', codebook, { modelsDir: root });
    expect(classifier.modelVersion).toBe('embedding-emb-v1');
    expect(classifierPath(classifier)).toBe('embedding');
    const texts = ['nous avons attendre des heures et des jours', 'le repas est froid', 'Bonjour, je vous écoute.'];
    const out = classifier.classify(
      [segment(texts[0] as string, 0), segment(texts[1] as string, 1), segment(texts[2] as string, 2, true)],
      { prompt: 'improvement', lang: 'fr' },
    );
    expect(out.map((s) => s.themes.map((t) => t.theme))).toEqual([['waiting'], ['meals'], []]);
    expect(out[2]?.valence).toBe('neutral');
    for (const s of out.slice(0, 2)) {
      expect(s.modelVersion).toBe('embedding-emb-v1');
      expect(s.themes[0]?.score).toBeGreaterThan(0.5);
    }
    // Same decision as scoring the async embedder's vectors directly.
    const { readEmbeddingHead } = await import('../../../models/embedding/index.js');
    const head = readEmbeddingHead(join(root, 'emb', 'v1'));
    const { model, prototypes } = embeddingHeadModel(head);
    const [v] = await embedder.embed([texts[0] as string]);
    const margins = embeddingMargins(model, headFeatures(v as Float32Array, prototypes, 1));
    const expected = 1 / (1 + Math.exp(-((margins[0] as number) - (model.thresholds[0] as number))));
    expect(out[0]?.themes[0]?.score).toBeCloseTo(expected, 4);
  });

  it('the worker caches vectors in the store: a second embedder on the same store computes nothing', async () => {
    const db = join(root, 'cache.db');
    const texts = ['attente longue', 'repas froid', 'attente longue'];
    const first = createSyncEmbedder({ model: 'tiny-bert', modelsDir: root }, { cacheUrl: db });
    const a = first.embedSync(texts);
    // The repeat within one call is embedded once but is not a cache hit.
    expect(a).toMatchObject({ hits: 0, computed: 2 });
    await first.dispose();
    const second = createSyncEmbedder({ model: 'tiny-bert', modelsDir: root }, { cacheUrl: db });
    const b = second.embedSync(texts);
    expect(b).toMatchObject({ hits: 3, computed: 0, modelId: embedder.modelId });
    expect(b.vectors.map((v) => Array.from(v))).toEqual(a.vectors.map((v) => Array.from(v)));
    await second.dispose();
    const store = await openStore(db);
    const rows = await store.db.selectFrom('embeddings').selectAll().execute();
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toContain('attente');
    await store.close();
  });

  it('answers while the caller holds the SQLite write lock; the cache write lands afterwards', async () => {
    const db = join(root, 'locked.db');
    const store = await openStore(db);
    const sync = createSyncEmbedder({ model: 'tiny-bert', modelsDir: root }, { cacheUrl: db }, 120_000);
    let answer: ReturnType<typeof sync.embedSync> | undefined;
    await store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('embeddings')
        .values({ model_id: 'lock', text_sha256: '0'.repeat(64), dim: 1, vector: 'AAAAAA==', created_at: 'x' })
        .execute();
      // This thread now holds the write lock and blocks until the worker answers.
      answer = sync.embedSync(['repas froid']);
    });
    expect(answer).toMatchObject({ computed: 1, failedWrites: 0 });
    await sync.dispose();
    const rows = await store.getEmbeddings(answer?.modelId ?? '', [textSha256('repas froid')]);
    expect(rows.size).toBe(1);
    await store.close();
  });

  it('refuses to classify when the embedder folder now holds other weights', () => {
    const other = join(root, 'other');
    writeBertModel(other, { seed: 99 });
    copyFileSync(join(other, 'onnx', 'model.onnx'), join(root, 'embedders', 'tiny-bert', 'onnx', 'model.onnx'));
    const classifier = loadClassifier('emb', loadCodebook(codebookPath()), { modelsDir: root });
    expect(() => classifier.classify([segment('attente', 0)], { prompt: 'improvement', lang: 'fr' })).toThrow(
      /trained on embedder tiny-bert#[0-9a-f]{12}, but tiny-bert now holds tiny-bert#/,
    );
  });

  it('reports a missing embedder as a usage error instead of hanging', () => {
    const broken = createSyncEmbedder({ model: 'absent', modelsDir: root });
    expect(() => broken.embedSync(['x'])).toThrow(/absent lacks config\.json/);
  });
});
