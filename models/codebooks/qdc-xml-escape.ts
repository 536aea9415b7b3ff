/**
 * Escaping for the XML we write by hand (REFI-QDA `.qde` and `.qdc`). Comment-derived names and
 * descriptions may hold characters XML 1.0 forbids (control characters from dirty exports); they
 * become spaces so that a validator, and every QDA tool, can read the file.
 */

// XML 1.0 Char production: tab, LF, CR, and U+0020 and above except surrogates, U+FFFE, U+FFFF.
// Lone surrogates cannot occur once a string is encoded as UTF-8 by Node (they become U+FFFD).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text content (`&`, `<`, `>`), replacing characters XML cannot carry. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML_CHAR, ' ').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * Escapes an attribute value written between double quotes. Tabs and line breaks are written as
 * character references, since a parser would otherwise normalize them to spaces.
 */
export function xmlAttr(value: string): string {
  return xmlText(value)
    .replaceAll('"', '&quot;')
    .replaceAll('\t', '&#9;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;');
}
