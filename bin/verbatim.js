#!/usr/bin/env node
// The CLI is written in TypeScript and run through tsx's loader, so `npx verbatim` works right
// after `npm ci` with no build step.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { DEFAULT_MAX_HEAP_MB, HEAP_FLAG, heapLimitChosen } = await import('../cli/heap-limit.ts');

if (heapLimitChosen(process.execArgv, process.env.NODE_OPTIONS)) {
  await import('../cli/main.ts');
} else {
  // Re-run this file with a capped heap (see cli/heap-limit.ts); signals are passed on so that
  // Ctrl-C and a supervisor's SIGTERM reach the real process.
  const megabytes = process.env.VERBATIM_MAX_HEAP_MB ?? String(DEFAULT_MAX_HEAP_MB);
  const child = spawn(
    process.execPath,
    [`${HEAP_FLAG}=${megabytes}`, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal === 'SIGINT' ? 130 : 143);
  });
}
