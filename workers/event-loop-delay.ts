/**
 * Event-loop delay of a worker process, from Node's histogram (`monitorEventLoopDelay`): how late
 * timers fire because synchronous work held the loop. A worker logs it when it stops, so an
 * operator can see whether lock renewals could have been late.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Delay percentiles, in milliseconds. */
export interface EventLoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

/** Starts measuring; `read` gives the figures since the start. */
export function watchEventLoopDelay(resolutionMs = 10): { read(): EventLoopDelay; stop(): void } {
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  return {
    read: () => ({
      p50Ms: ms(histogram.percentile(50)),
      p99Ms: ms(histogram.percentile(99)),
      maxMs: ms(histogram.max),
      meanMs: ms(histogram.mean),
    }),
    stop: () => histogram.disable(),
  };
}
