/**
 * k-fold assignment that keeps identical texts in the same fold: a duplicated comment ("Très
 * bien", "Did not answer") would otherwise be scored on a copy of itself.
 */
import { foldFrench } from '../../pipeline/classify/normalize-french.js';
import { seededRandom, shuffleInPlace } from './seeded-random.js';

/** The key two texts must share to count as identical: folded, spaces collapsed. */
export function duplicateKey(text: string): string {
  return foldFrench(text).replace(/\s+/g, ' ').trim();
}

/**
 * Returns the fold (0 … folds−1) of each text. Groups of identical texts are shuffled with the
 * seed, then each goes to the fold holding the fewest texts so far.
 */
export function assignGroupFolds(texts: readonly string[], folds: number, seed: number): Int32Array {
  const groups = new Map<string, number[]>();
  texts.forEach((text, i) => {
    const key = duplicateKey(text);
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  const list = [...groups.values()];
  shuffleInPlace(list, seededRandom(seed));
  // Largest groups first, so that they do not unbalance the last folds (stable for equal sizes).
  list.sort((a, b) => b.length - a.length);
  const sizes = new Array<number>(folds).fill(0);
  const fold = new Int32Array(texts.length);
  for (const group of list) {
    let best = 0;
    for (let f = 1; f < folds; f++) if ((sizes[f] as number) < (sizes[best] as number)) best = f;
    for (const i of group) fold[i] = best;
    sizes[best] = (sizes[best] as number) + group.length;
  }
  return fold;
}
