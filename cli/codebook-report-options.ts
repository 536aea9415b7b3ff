/**
 * What a report takes from the codebook: French labels, display order and the library of actions
 * per theme. `verbatim run` (its report.html) and `verbatim report` build the same report, so
 * they read the codebook the same way, here.
 */
import type { Codebook } from '../models/codebooks/codebook.js';
import type { ReportOptions } from '../reports/index.js';

export function codebookReportOptions(
  codebook: Codebook,
): Required<Pick<ReportOptions, 'themeLabels' | 'themeOrder' | 'actions'>> {
  return {
    themeLabels: Object.fromEntries(codebook.themes.map((t) => [t.id, t.label])),
    themeOrder: codebook.themes.map((t) => t.id),
    actions: Object.fromEntries(codebook.themes.map((t) => [t.id, t.actions])),
  };
}
