/**
 * A 52-bit fingerprint of a row's cells, so duplicate detection keeps 8 bytes per row instead of
 * the row. Two independent 32-bit hashes (FNV-1a and a Murmur-style multiply-rotate), each
 * finished with Murmur3's avalanche, are combined: at 1M rows the chance of any false duplicate
 * is about 1 in 10,000. 52 bits so the value is an exact JavaScript number.
 */

/** Separates cells so that ["ab", "c"] and ["a", "bc"] differ; U+FFFF never occurs in text. */
const CELL_SEPARATOR = 0xffff;

function avalanche(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fingerprint of a sequence of strings (a row's cells after decoding). */
export function fingerprintRow(cells: readonly string[]): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (const cell of cells) {
    for (let i = 0; i < cell.length; i++) {
      const code = cell.charCodeAt(i);
      h1 = Math.imul(h1 ^ code, 0x01000193);
      h2 = Math.imul(h2 ^ code, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = Math.imul(h1 ^ CELL_SEPARATOR, 0x01000193);
    h2 = Math.imul(h2 ^ CELL_SEPARATOR, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  const high = avalanche(h1 ^ cells.length) & 0xfffff;
  return high * 0x1_0000_0000 + avalanche(h2);
}
