/** Slots start here and double when half full. */
const INITIAL_CAPACITY = 1024;

/**
 * Remembers row fingerprints (`fingerprintRow`) across all files of one `ingest()` call. An
 * open-addressing table in a Float64Array: 8 bytes per slot, at most 2 slots per row, so 1M rows
 * take 16 MB (a `Set<number>` would take about three times that).
 */
export class DuplicateFilter {
  #slots = new Float64Array(INITIAL_CAPACITY);
  #size = 0;

  /** Rows remembered so far. */
  get size(): number {
    return this.#size;
  }

  /**
   * True when `fingerprint` (a non-negative integer below 2^52) was seen before; otherwise
   * remembers it and returns false.
   */
  isDuplicate(fingerprint: number): boolean {
    // Store fingerprint + 1 so that 0 can mean an empty slot.
    const stored = fingerprint + 1;
    if (this.#insert(this.#slots, stored)) return true;
    this.#size++;
    if (this.#size * 2 > this.#slots.length) this.#grow();
    return false;
  }

  /** Returns true if `stored` was already present, false after inserting it. */
  #insert(slots: Float64Array, stored: number): boolean {
    const mask = slots.length - 1;
    // The low 32 bits come from a full-avalanche hash, so they index well.
    let index = (stored >>> 0) & mask;
    for (;;) {
      const slot = slots[index];
      if (slot === 0) {
        slots[index] = stored;
        return false;
      }
      if (slot === stored) return true;
      index = (index + 1) & mask;
    }
  }

  #grow(): void {
    const previous = this.#slots;
    this.#slots = new Float64Array(previous.length * 2);
    for (const stored of previous) {
      if (stored !== 0) this.#insert(this.#slots, stored);
    }
  }
}
