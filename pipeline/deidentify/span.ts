import type { PiiType } from '../record.js';

/**
 * A piece of PII found by a detector, in UTF-16 offsets of the ORIGINAL text (`end` exclusive).
 * Detectors return spans; `deidentify.ts` resolves overlaps and turns them into placeholders.
 */
export interface Span {
  start: number;
  end: number;
  type: PiiType;
  /**
   * Normalised identity of the entity, so that two mentions of the same thing in one record
   * share a placeholder index (`chambre 12` twice → `[LIEU_1]` twice). Defaults to the
   * accent- and case-folded span text. For names: the name's words joined by a space.
   */
  key?: string;
}
