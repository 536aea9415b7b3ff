/**
 * Converts between UTF-16 indices (what JavaScript string methods and regexes use) and code-point
 * offsets (what segments carry, so that REFI-QDA exports, which count characters, stay exact).
 */

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Offset tables for one text. Text without astral characters (emojis, rare CJK) — nearly all of
 * it — maps one to one, and then nothing is allocated.
 */
export class CodePointIndex {
  /** UTF-16 index → code-point offset, or null when both are the same. */
  readonly #toCodePoint: Uint32Array | null;
  /** Code-point offset → UTF-16 index, or null when both are the same. */
  readonly #toUnit: Uint32Array | null;

  constructor(text: string) {
    if (!SURROGATE.test(text)) {
      this.#toCodePoint = null;
      this.#toUnit = null;
      return;
    }
    const toCodePoint = new Uint32Array(text.length + 1);
    const toUnit: number[] = [];
    let codePoint = 0;
    let unit = 0;
    while (unit < text.length) {
      const code = text.charCodeAt(unit);
      const next = text.charCodeAt(unit + 1);
      // A lone surrogate counts as one code point, as `[...text]` counts it.
      const width = code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
      toUnit.push(unit);
      for (let k = 0; k < width; k++) toCodePoint[unit + k] = codePoint;
      unit += width;
      codePoint++;
    }
    toCodePoint[text.length] = codePoint;
    toUnit.push(text.length);
    this.#toCodePoint = toCodePoint;
    this.#toUnit = Uint32Array.from(toUnit);
  }

  /** Code-point offset of a UTF-16 index (the start of its pair when it falls inside one). */
  codePointAt(unit: number): number {
    return this.#toCodePoint === null ? unit : (this.#toCodePoint[unit] ?? unit);
  }

  /** UTF-16 index of a code-point offset, clamped to the end of the text. */
  unitAt(codePoint: number): number {
    if (this.#toUnit === null) return codePoint;
    const last = this.#toUnit.length - 1;
    return this.#toUnit[Math.min(codePoint, last)] ?? 0;
  }

  /** Length in code points of the UTF-16 range `[start, end)`. */
  lengthOf(start: number, end: number): number {
    return this.codePointAt(end) - this.codePointAt(start);
  }
}
