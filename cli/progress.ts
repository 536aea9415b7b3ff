/**
 * Progress on stderr, only when it is a terminal: scripts and CI logs stay clean.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(rowsRead: number, recordsQueued: number): void;
  stop(): void;
}

export function createProgress(enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'lignes lues {rows} · commentaires {records} · {duration}s', fps: 5 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(0, 0, { rows: 0, records: 0 });
  return {
    update: (rows, records) => bar.update(0, { rows, records }),
    stop: () => bar.stop(),
  };
}
