/**
 * Chooses illustrative quotes among a bounded list of candidates (best first): one per comment,
 * and never two that say the same thing in almost the same words, since three copies of one
 * templated remark would misrepresent what patients wrote.
 */

/** The fields a candidate needs for picking; callers keep their own extra fields. */
export interface QuoteCandidate {
  record_key: string;
  segment_index: number;
  text: string;
}

/** Word-set overlap (Jaccard) at or above which two quotes count as near-duplicates. */
export const NEAR_DUPLICATE_SIMILARITY = 0.7;

/**
 * Picks up to `count` candidates in the given order, skipping a candidate whose comment was
 * already picked or whose words largely repeat an earlier pick. Candidates are few (tens), so
 * the pairwise comparison is bounded.
 */
export function pickQuotes<C extends QuoteCandidate>(candidates: readonly C[], count: number): C[] {
  const picked: C[] = [];
  const pickedWords: Set<string>[] = [];
  const records = new Set<string>();
  for (const candidate of candidates) {
    if (picked.length >= count) break;
    if (records.has(candidate.record_key)) continue;
    const words = wordSet(candidate.text);
    if (pickedWords.some((other) => isNearDuplicate(words, other))) continue;
    picked.push(candidate);
    pickedWords.push(words);
    records.add(candidate.record_key);
  }
  return picked;
}

/** Lower-cased words without accents or punctuation, so that "Très BIEN !" equals "tres bien". */
export function wordSet(text: string): Set<string> {
  const normalized = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return new Set(normalized.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0));
}

function isNearDuplicate(a: Set<string>, b: Set<string>): boolean {
  if (a.size === 0 || b.size === 0) return a.size === b.size;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  const jaccard = shared / (a.size + b.size - shared);
  if (jaccard >= NEAR_DUPLICATE_SIMILARITY) return true;
  // Containment catches a remark repeated inside a longer one; below 4 words it would match
  // any two sentences sharing "le", "la" and "très".
  const smaller = Math.min(a.size, b.size);
  return smaller >= 4 && shared / smaller >= 0.9;
}
