/**
 * Chooses the segments of a validation batch and who validates each, deterministically from a
 * seed: the same run, strategy and seed always give the same batch (reproducible research).
 * Pure functions; the store feeds them the candidates and writes the result.
 */
import { createHash } from 'node:crypto';
import type { Strategy } from './validation-types.js';

/** A segment that may enter a batch, with its machine labels' scores. */
export interface Candidate {
  recordKey: string;
  segmentIndex: number;
  scores: ReadonlyArray<{ theme: string; score: number }>;
}

/** One planned assignment row. */
export interface PlannedAssignment {
  recordKey: string;
  segmentIndex: number;
  userId: string;
  position: number;
  double: boolean;
}

/** Small seeded PRNG (mulberry32) from the sha256 of the seed string. */
export function seededRandom(seed: string): () => number {
  let a = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The theme a segment is filed under for stratification: its best-scored one, or 'none'. */
export function mainTheme(c: Candidate): string {
  let best: { theme: string; score: number } | undefined;
  for (const s of c.scores) if (best === undefined || s.score > best.score) best = s;
  return best?.theme ?? 'none';
}

/**
 * Smallest |score − threshold| over the segment's labels: how close the model was to deciding
 * otherwise. Segments without any label have no score here and come last (margin Infinity).
 */
export function margin(c: Candidate, thresholds: Readonly<Record<string, number>>, fallback: number): number {
  let m = Number.POSITIVE_INFINITY;
  for (const s of c.scores) m = Math.min(m, Math.abs(s.score - (thresholds[s.theme] ?? fallback)));
  return m;
}

/** Picks `size` candidates by the strategy, in the order they will be shown. */
export function selectSegments(
  candidates: readonly Candidate[],
  strategy: Strategy,
  size: number,
  seed: string,
  thresholds: Readonly<Record<string, number>> = {},
  defaultThreshold = 0.5,
): Candidate[] {
  const random = seededRandom(seed);
  // A stable base order first, so that the result never depends on the database's row order.
  const base = [...candidates].sort((a, b) =>
    a.recordKey === b.recordKey ? a.segmentIndex - b.segmentIndex : a.recordKey < b.recordKey ? -1 : 1,
  );
  if (strategy === 'random') return shuffle(base, random).slice(0, size);
  if (strategy === 'active') {
    // Shuffle first so that ties in margin are broken by the seed, not by key order.
    const shuffled = shuffle(base, random).map((c) => ({ c, m: margin(c, thresholds, defaultThreshold) }));
    return shuffled
      .sort((a, b) => a.m - b.m)
      .slice(0, size)
      .map((x) => x.c);
  }
  // Stratified: one segment per theme in turn (themes in seeded order), so that rare themes are
  // as present as frequent ones until they run out.
  const strata = new Map<string, Candidate[]>();
  for (const c of shuffle(base, random)) {
    const key = mainTheme(c);
    const list = strata.get(key) ?? [];
    list.push(c);
    strata.set(key, list);
  }
  const order = shuffle([...strata.keys()].sort(), random);
  const out: Candidate[] = [];
  for (let round = 0; out.length < size; round++) {
    let took = false;
    for (const key of order) {
      const c = strata.get(key)?.[round];
      if (c === undefined) continue;
      out.push(c);
      took = true;
      if (out.length === size) break;
    }
    if (!took) break;
  }
  return out;
}

/**
 * Spreads the selected segments over validators in turn. The first round(doubleShare × n)
 * segments of the (already seeded) order go to two different validators; positions follow the
 * selection order for each validator. With one validator nothing can be doubled.
 */
export function planAssignments(
  selected: readonly Candidate[],
  validators: readonly string[],
  doubleShare: number,
): PlannedAssignment[] {
  const nDouble = validators.length >= 2 ? Math.round(doubleShare * selected.length) : 0;
  const positions = new Map<string, number>(validators.map((v) => [v, 0]));
  const out: PlannedAssignment[] = [];
  let next = 0;
  const take = (): string => {
    const v = validators[next % validators.length] as string;
    next++;
    return v;
  };
  selected.forEach((c, i) => {
    const double = i < nDouble;
    const users = double ? [take(), take()] : [take()];
    for (const userId of users) {
      const position = positions.get(userId) ?? 0;
      positions.set(userId, position + 1);
      out.push({ recordKey: c.recordKey, segmentIndex: c.segmentIndex, userId, position, double });
    }
  });
  return out;
}
