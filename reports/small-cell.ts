/**
 * Small-cell suppression (domain.md §6): a cross-tabulated count between 1 and `minCell − 1`
 * could point at one identifiable patient in a small department, so it is shown as `< minCell`.
 */
import { formatCount } from './format-fr.js';

/** Default threshold below which a non-zero count is masked. @defaultValue 5 */
export const DEFAULT_MIN_CELL = 5;

/** True when `count` must not be shown as such: strictly between 0 and `minCell`. */
export function isSuppressed(count: number, minCell: number): boolean {
  return count > 0 && count < minCell;
}

/**
 * The text of a cross-tab cell: `0`, `< 5` (with the actual threshold) or the French-formatted
 * count. Plain text; the caller escapes it.
 */
export function displayCount(count: number, minCell: number): string {
  return isSuppressed(count, minCell) ? `< ${formatCount(minCell)}` : formatCount(count);
}
