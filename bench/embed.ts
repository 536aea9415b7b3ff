/**
 * Throughput of the local embedder against a raw onnxruntime-node session, on a random-weight
 * model of real MiniLM-L12 shape (12 layers, hidden 384, 12 heads, intermediate 1536, vocabulary
 * 30,522) built here into a temp folder by the tests' generator (no download, nothing committed).
 * Both sides get the same batches of 32 real French comments (the e-Satis gold texts); the raw
 * side is fed pre-tokenized tensors and only runs the session, so the ratio is what our
 * tokenization, pooling, normalization and copies cost. Each measurement runs in its own child
 * process (peak RSS per side), alternating ours and raw to share the machine's noise.
 * Target: ours ≥ 0.9 × raw segments/s. Prints JSON lines.
 *
 *   node --import tsx bench/embed.ts [--segments 1000] [--batch 32] [--rounds 2] [--threads N]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadEmbedder } from '../models/embedder.js';
import { MINILM_L12_SHAPE, writeBertModel } from '../test/helpers/tiny-bert.js';

const { values } = parseArgs({
  options: {
    segments: { type: 'string', default: '1000' },
    batch: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '2' },
    mode: { type: 'string' },
    model: { type: 'string' },
  },
});
const SEGMENTS = Number(values.segments);
const BATCH = Number(values.batch);

const CORPUS = ['corpora/esatis/gold-tune.jsonl', 'corpora/esatis/gold-heldout.jsonl'].map((p) =>
  fileURLToPath(new URL(`../${p}`, import.meta.url)),
);

/** The first `n` non-empty comment texts of the e-Satis gold files (realistic lengths). */
function segments(n: number): string[] {
  const texts = CORPUS.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => (JSON.parse(l) as { text: string }).text.trim())
      .filter((t) => t !== ''),
  );
  return Array.from({ length: n }, (_, i) => texts[i % texts.length] as string);
}

/** Corpus words by frequency, so that the vocabulary tokenizes like a trained one would. */
function corpusWords(): string[] {
  const counts = new Map<string, number>();
  for (const text of segments(5000)) {
    for (const w of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([w]) => w);
}

const batches = (texts: string[]) =>
  Array.from({ length: Math.ceil(texts.length / BATCH) }, (_, k) => texts.slice(k * BATCH, (k + 1) * BATCH));

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function runOurs(model: string): Promise<Record<string, number>> {
  const embedder = await loadEmbedder({ model, batchSize: BATCH });
  const work = batches(segments(SEGMENTS));
  await embedder.embed(work[0] as string[]); // warm-up
  const start = performance.now();
  for (const batch of work) await embedder.embed(batch);
  const seconds = (performance.now() - start) / 1000;
  return { seconds, segments_per_s: SEGMENTS / seconds, peak_rss_mb: peakRssMb() };
}

async function runRaw(model: string): Promise<Record<string, number>> {
  const { AutoTokenizer } = await import('@huggingface/transformers');
  const ort = await import('onnxruntime-node');
  const tokenizer = await AutoTokenizer.from_pretrained(model, { local_files_only: true });
  // The options transformers.js gives its own session on Node: the CPU provider, warnings only.
  const session = await ort.InferenceSession.create(join(model, 'onnx', 'model.onnx'), {
    executionProviders: ['cpu'],
    logSeverityLevel: 2,
  });
  const work = batches(segments(SEGMENTS));
  let tokens = 0;
  const feeds = work.map((batch) => {
    const enc = tokenizer(batch, { padding: true, truncation: true });
    const dims = enc.input_ids.dims as [number, number];
    tokens += dims[0] * dims[1];
    return {
      input_ids: new ort.Tensor('int64', enc.input_ids.data as BigInt64Array, dims),
      attention_mask: new ort.Tensor('int64', enc.attention_mask.data as BigInt64Array, dims),
      token_type_ids: new ort.Tensor('int64', new BigInt64Array(dims[0] * dims[1]), dims),
    };
  });
  await session.run(feeds[0] as Record<string, InstanceType<typeof ort.Tensor>>); // warm-up
  const start = performance.now();
  for (const feed of feeds) await session.run(feed);
  const seconds = (performance.now() - start) / 1000;
  await session.release();
  return {
    seconds,
    segments_per_s: SEGMENTS / seconds,
    peak_rss_mb: peakRssMb(),
    padded_tokens_per_segment: tokens / SEGMENTS,
  };
}

async function child(mode: string, model: string): Promise<void> {
  const result = mode === 'ours' ? await runOurs(model) : await runRaw(model);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'vb-bench-embed-'));
  const model = join(root, 'minilm-l12-random');
  try {
    const built = performance.now();
    const { modelBytes, vocab } = writeBertModel(model, { ...MINILM_L12_SHAPE, words: corpusWords() });
    const shape = { layers: 12, hidden: 384, heads: 12, intermediate: 1536, vocab: vocab.length };
    process.stdout.write(
      `${JSON.stringify({ event: 'model', ...shape, onnx_mb: Math.round(modelBytes / 1_048_576), build_s: (performance.now() - built) / 1000 })}\n`,
    );
    const results: Record<string, Record<string, number>[]> = { ours: [], raw: [] };
    for (let round = 1; round <= Number(values.rounds); round++) {
      for (const mode of round % 2 === 1 ? ['ours', 'raw'] : ['raw', 'ours']) {
        const out = execFileSync(
          process.execPath,
          [
            ...process.execArgv,
            fileURLToPath(import.meta.url),
            '--mode',
            mode,
            '--model',
            model,
            '--segments',
            String(SEGMENTS),
            '--batch',
            String(BATCH),
          ],
          { encoding: 'utf8', maxBuffer: 1 << 20 },
        );
        const row = JSON.parse(out.trim().split('\n').at(-1) as string) as Record<string, number>;
        (results[mode] as Record<string, number>[]).push(row);
        process.stdout.write(
          `${JSON.stringify({ event: 'run', round, mode, segments: SEGMENTS, batch: BATCH, ...row })}\n`,
        );
      }
    }
    const best = (rows: Record<string, number>[]) => Math.max(...rows.map((r) => r.segments_per_s as number));
    const ours = best(results.ours as Record<string, number>[]);
    const raw = best(results.raw as Record<string, number>[]);
    process.stdout.write(
      `${JSON.stringify({
        event: 'summary',
        ours_segments_per_s: Math.round(ours * 10) / 10,
        raw_segments_per_s: Math.round(raw * 10) / 10,
        ratio: Math.round((ours / raw) * 1000) / 1000,
        target: 0.9,
        ours_peak_rss_mb: Math.max(...(results.ours as Record<string, number>[]).map((r) => r.peak_rss_mb as number)),
        raw_peak_rss_mb: Math.max(...(results.raw as Record<string, number>[]).map((r) => r.peak_rss_mb as number)),
      })}\n`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (values.mode !== undefined && values.model !== undefined) await child(values.mode, values.model);
else await main();
