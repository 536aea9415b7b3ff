/**
 * Representative quotes as `<figure><blockquote>` with the segment id, service and valence in
 * French. Quote text is pseudonymized upstream; here it is only escaped and, when long, elided.
 */
import { escapeHtml } from './escape-html.js';
import { valenceLabel } from './format-fr.js';
import type { Quote } from './queries.js';

/** Longest quote shown whole, in characters; longer ones end with ` […]`. @defaultValue 300 */
export const MAX_QUOTE_LENGTH = 300;

/** What {@link renderQuotes} needs besides the quotes. */
export interface QuoteContext {
  /** Services too small to be named next to a quote (fewer comments than the small-cell threshold). */
  maskedDepartments: ReadonlySet<string>;
  minCell: number;
}

/** Cuts `text` at a word boundary before `max` characters, marking the cut the French way. */
export function elide(text: string, max: number = MAX_QUOTE_LENGTH): string {
  const chars = Array.from(text.trim());
  if (chars.length <= max) return chars.join('');
  const head = chars.slice(0, max).join('');
  const lastSpace = head.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? head.slice(0, lastSpace) : head).trimEnd()} […]`;
}

function departmentText(department: string | null, context: QuoteContext): string {
  if (department === null || department.trim() === '') return 'non renseigné';
  // Naming a very small service next to a quote could point at its author (domain.md §6).
  if (context.maskedDepartments.has(department)) return `masqué (moins de ${context.minCell} commentaires)`;
  return department;
}

/** The quotes of one theme, or a sentence saying there are none. */
export function renderQuotes(quotes: readonly Quote[], context: QuoteContext): string {
  if (quotes.length === 0) return '<p>Aucun verbatim disponible pour ce thème.</p>';
  return quotes
    .map(
      (q) => `<figure class="quote">
<blockquote><p>${escapeHtml(elide(q.text))}</p></blockquote>
<figcaption>Segment <code>${escapeHtml(q.segmentId)}</code> · Service : ${escapeHtml(departmentText(q.department, context))} · Tonalité : ${escapeHtml(valenceLabel(q.valence))}</figcaption>
</figure>`,
    )
    .join('\n');
}
