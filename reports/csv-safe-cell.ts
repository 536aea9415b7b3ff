/**
 * CSV formula-injection guard. Spreadsheets evaluate a cell starting with `=`, `+`, `-`, `@`,
 * tab or carriage return as a formula; exported comment text is user text, so such a cell gets
 * a leading apostrophe (OWASP's advice), which spreadsheets display as plain text.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** Returns `value` prefixed with `'` when a spreadsheet would read it as a formula. */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
