import type { PiiType } from '../record.js';
import { fold } from './fold.js';
import type { Span } from './span.js';

/** Words that do not tell two people apart: "de Villiers" and "Villiers" are one person. */
const NAME_PARTICLES = new Set(['de', 'du', 'des', 'd', 'le', 'la', 'van', 'von', 'da', 'di']);

/**
 * Numbers the entities of one record, per type, in order of first mention: the same entity
 * gets the same index ("Dr Martin" ... "Martin" → `[NOM_1]` twice). Names are matched on
 * their words: a mention whose words are a subset or superset of a known person's ("Julie",
 * "Julie Martin", "Mme Martin") is that person. Other types match on their normalised key.
 * Build one per record: indexes never leak across records.
 */
export class EntityIndex {
  readonly #keys = new Map<string, number>();
  readonly #counts = new Map<PiiType, number>();
  readonly #people: { words: Set<string>; index: number }[] = [];

  /** The index (1-based) for this span's entity within its type. */
  indexOf(span: Span, value: string): number {
    if (span.type === 'NOM') return this.#personIndex(span.key ?? fold(value));
    const key = `${span.type}:${span.key ?? fold(value)}`;
    const known = this.#keys.get(key);
    if (known !== undefined) return known;
    const index = this.#next(span.type);
    this.#keys.set(key, index);
    return index;
  }

  #next(type: PiiType): number {
    const index = (this.#counts.get(type) ?? 0) + 1;
    this.#counts.set(type, index);
    return index;
  }

  #personIndex(key: string): number {
    const all = key.split(/[\s-]+/).filter((word) => word.length > 0);
    const significant = all.filter((word) => !NAME_PARTICLES.has(word));
    const words = new Set(significant.length > 0 ? significant : all);
    for (const person of this.#people) {
      if (isSubset(words, person.words)) return person.index;
      if (isSubset(person.words, words)) {
        for (const word of words) person.words.add(word);
        return person.index;
      }
    }
    const index = this.#next('NOM');
    this.#people.push({ words, index });
    return index;
  }
}

function isSubset(small: ReadonlySet<string>, large: ReadonlySet<string>): boolean {
  for (const word of small) if (!large.has(word)) return false;
  return true;
}
