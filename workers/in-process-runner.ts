/**
 * The embedded default: chunks processed in this process through p-queue, with a bounded number
 * of chunks waiting so that reading never runs far ahead of storing.
 */
import PQueue from 'p-queue';
import type { ChunkPayload, ChunkResult } from './payloads.js';
import { type ChunkContext, processChunk } from './process-chunk.js';
import type { Runner } from './runner.js';

export interface InProcessRunnerOptions {
  /** Chunks processed at once. Stages are synchronous CPU work, so more buys little. @defaultValue 1 */
  concurrency?: number;
  /** Chunks allowed to wait before `submit` blocks the reader. @defaultValue 2 */
  maxQueued?: number;
  /** Called after each chunk (progress display). */
  onChunkDone?: (result: ChunkResult) => void;
}

export class InProcessRunner implements Runner {
  readonly #queue: PQueue;
  readonly #ctx: ChunkContext;
  readonly #maxQueued: number;
  readonly #onChunkDone: ((result: ChunkResult) => void) | undefined;
  readonly #results: ChunkResult[] = [];
  #failure: unknown = undefined;

  constructor(ctx: ChunkContext, options: InProcessRunnerOptions = {}) {
    this.#ctx = ctx;
    this.#queue = new PQueue({ concurrency: options.concurrency ?? 1 });
    this.#maxQueued = options.maxQueued ?? 2;
    this.#onChunkDone = options.onChunkDone;
  }

  async submit(payload: ChunkPayload): Promise<void> {
    if (this.#failure !== undefined) throw this.#failure;
    this.#queue
      .add(async () => {
        const result = await processChunk(payload, this.#ctx);
        this.#results.push(result);
        this.#onChunkDone?.(result);
      })
      .catch((error: unknown) => {
        this.#failure ??= error;
      });
    await this.#queue.onSizeLessThan(this.#maxQueued);
  }

  async drain(): Promise<ChunkResult[]> {
    await this.#queue.onIdle();
    if (this.#failure !== undefined) throw this.#failure;
    return [...this.#results].sort((a, b) => a.chunkIndex - b.chunkIndex);
  }
}
