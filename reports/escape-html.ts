/**
 * HTML escaping for every piece of text that comes from the store (comment text, department
 * names, theme labels, file names). Reports are opened by people who trust them, so a comment
 * holding `<script>` must render as text, never as markup.
 */

const ENTITIES: Readonly<Record<string, string>> = Object.freeze({
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
});

/** Escapes `& < > " '` so that the value is safe both as element text and inside a quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
