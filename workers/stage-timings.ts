/**
 * Wall time spent in each stage, for the benchmark's per-stage rates. A value passed down in the
 * run context, not a global.
 */
export const STAGES = ['ingest', 'deidentify', 'segment', 'classify', 'store'] as const;
export type StageName = (typeof STAGES)[number];

export class StageTimings {
  readonly #ns = new Map<StageName, bigint>();

  /** Runs `fn` and adds its duration to `stage`. */
  time<T>(stage: StageName, fn: () => T): T {
    const start = process.hrtime.bigint();
    try {
      return fn();
    } finally {
      this.add(stage, process.hrtime.bigint() - start);
    }
  }

  async timeAsync<T>(stage: StageName, fn: () => Promise<T>): Promise<T> {
    const start = process.hrtime.bigint();
    try {
      return await fn();
    } finally {
      this.add(stage, process.hrtime.bigint() - start);
    }
  }

  add(stage: StageName, ns: bigint): void {
    this.#ns.set(stage, (this.#ns.get(stage) ?? 0n) + ns);
  }

  /** Seconds per stage. */
  seconds(): Record<StageName, number> {
    return Object.fromEntries(STAGES.map((s) => [s, Number(this.#ns.get(s) ?? 0n) / 1e9])) as Record<StageName, number>;
  }
}
