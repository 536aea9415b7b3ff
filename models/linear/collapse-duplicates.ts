/**
 * Identical texts as one weighted example. Exports repeat boilerplate ("Did not answer", empty
 * cells, "Nothing.") hundreds of times; as separate rows they dominate the loss and each falls
 * into a single fold anyway. One example per distinct text, weighted by the square root of its
 * count, keeps their signal without letting them drown the rest.
 */
import type { Valence } from '../../pipeline/record.js';
import { duplicateKey } from './group-folds.js';
import type { TrainingExample } from './train.js';

/** The most frequent valence of a group (first seen on ties); undefined when none has one. */
function majorityValence(group: readonly TrainingExample[]): Valence | undefined {
  const counts = new Map<Valence, number>();
  for (const e of group) if (e.valence !== undefined) counts.set(e.valence, (counts.get(e.valence) ?? 0) + 1);
  let best: Valence | undefined;
  for (const [v, n] of counts) if (best === undefined || n > (counts.get(best) as number)) best = v;
  return best;
}

/** Distinct examples, in first-seen order, with their loss weights. */
export interface CollapsedExamples {
  readonly examples: TrainingExample[];
  readonly weights: Float64Array;
  /** For each given example, the index of its merged example. */
  readonly groupOf: Int32Array;
}

/**
 * Merges examples with the same `duplicateKey` and prompt. A merged example keeps the labels
 * carried by at least half of its copies, or the most frequent label set when none reaches half.
 */
export function collapseDuplicates(examples: readonly TrainingExample[]): CollapsedExamples {
  const groups = new Map<string, TrainingExample[]>();
  const groupOf = new Int32Array(examples.length);
  const position = new Map<string, number>();
  examples.forEach((e, i) => {
    // A rule-labelled copy never merges with a person-labelled one.
    const key = `${e.weak ? 'weak' : 'gold'}\u0000${e.prompt}\u0000${duplicateKey(e.text)}`;
    const group = groups.get(key);
    if (group) group.push(e);
    else {
      position.set(key, groups.size);
      groups.set(key, [e]);
    }
    groupOf[i] = position.get(key) as number;
  });
  const out: TrainingExample[] = [];
  const weights: number[] = [];
  for (const group of groups.values()) {
    const first = group[0] as TrainingExample;
    const labelCounts = new Map<string, number>();
    const setCounts = new Map<string, number>();
    for (const e of group) {
      for (const l of new Set(e.labels)) labelCounts.set(l, (labelCounts.get(l) ?? 0) + 1);
      const set = [...new Set(e.labels)].sort().join('\u0001');
      setCounts.set(set, (setCounts.get(set) ?? 0) + 1);
    }
    let labels = [...labelCounts].filter(([, n]) => 2 * n >= group.length).map(([l]) => l);
    if (labels.length === 0) {
      const [bestSet] = [...setCounts].reduce((a, b) => (b[1] > a[1] ? b : a));
      labels = bestSet === '' ? [] : bestSet.split('\u0001');
    }
    out.push({ text: first.text, prompt: first.prompt, labels, valence: majorityValence(group), weak: first.weak });
    weights.push(Math.sqrt(group.length));
  }
  return { examples: out, weights: Float64Array.from(weights), groupOf };
}
