/**
 * The priority matrix section: the SVG scatter, then the same placement as a table grouped by
 * quadrant, with what each quadrant asks of the team.
 */
import { renderPriorityMatrixChart } from './chart-priority-matrix.js';
import { escapeHtml } from './escape-html.js';
import { formatCount, formatPercent } from './format-fr.js';
import { QUADRANT_LABELS, QUADRANTS } from './priority-matrix.js';
import type { ReportData } from './report-data.js';

/** The "Matrice de priorisation" section body. */
export function renderPriorityMatrixSection(data: ReportData): string {
  const present = data.themes.filter((t) => t.quadrant !== null);
  if (present.length === 0) return '<p>Aucun thème n’a été codé : la matrice est vide.</p>';
  const { frequencyThreshold, negativeThreshold } = data.matrix;
  const chart = renderPriorityMatrixChart(
    present.map((t) => ({
      label: t.label,
      frequency: t.frequency,
      negativeShare: t.negativeShare,
      relational: t.relational,
    })),
    { frequency: frequencyThreshold, negative: negativeThreshold },
  );
  const rows = QUADRANTS.map((q) => {
    const themes = present
      .filter((t) => t.quadrant === q)
      .sort((a, b) => b.comments - a.comments)
      .map(
        (t) =>
          `${escapeHtml(t.label)}${t.relational ? ' <span class="tag">relationnel</span>' : ''} <span class="figures">(${formatCount(t.comments)} ; ${formatPercent(t.negativeShare)} nég.)</span>`,
      );
    const { label, reading } = QUADRANT_LABELS[q];
    return `<tr class="quadrant-${q}"><th scope="row">${label}<br><span class="reading">${reading}</span></th><td>${themes.length === 0 ? '<em>aucun thème</em>' : themes.join(' · ')}</td></tr>`;
  }).join('\n');
  return `<p>Chaque thème est placé selon sa <strong>fréquence</strong> (part des commentaires qui le citent) et sa <strong>part de commentaires négatifs</strong>. Les lignes pointillées sont les médianes des thèmes : fréquence ${formatPercent(frequencyThreshold)}, part négative ${formatPercent(negativeThreshold)}.</p>
<figure class="chart" role="img" aria-label="Matrice de priorisation : fréquence et part négative de chaque thème. Le tableau suivant donne les mêmes informations.">
${chart}
<figcaption>Matrice de priorisation (méthode HAS / Hospices Civils de Lyon pour les commentaires e-Satis). Thèmes relationnels en bleu foncé et en gras.</figcaption>
</figure>
<div class="table-wrap">
<table>
<caption>Thèmes par quadrant (nombre de commentaires ; part négative)</caption>
<thead><tr><th scope="col">Quadrant</th><th scope="col">Thèmes</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div>`;
}
