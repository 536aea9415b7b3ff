/**
 * CPU seconds of processes, read from /proc (Linux), for benchmarks that must count the work of
 * other processes too: workers, the PostgreSQL server.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds (user + system, all threads) of a live process, from /proc; 0 once it is gone. */
export function processCpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of proc(5) (utime, stime), counted after the command name.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds of every PostgreSQL server process on this machine (the bench's backends included). */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      total += processCpuSeconds(Number(entry));
    } catch {
      // The process ended between readdir and read.
    }
  }
  return total;
}
