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
  // Numbered in table order (quadrant, then most comments), so that the chart's numbers read
  // 1, 2, 3… down the table.
  const present = QUADRANTS.flatMap((q) =>
    data.themes
      .filter((t) => t.quadrant === q)
      .sort((a, b) => b.comments - a.comments || a.label.localeCompare(b.label, 'fr')),
  );
  if (present.length === 0) return '<p>Aucun thème n’a été codé : la matrice est vide.</p>';
  const numberOf = new Map(present.map((t, i) => [t.id, i + 1]));
  const { frequencyThreshold, negativeThreshold } = data.matrix;
  const chart = renderPriorityMatrixChart(
    present.map((t) => ({
      number: numberOf.get(t.id) ?? 0,
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
      .map(
        (t) =>
          `<li><span class="point${t.relational ? ' relational-point' : ''}" aria-hidden="true">${numberOf.get(t.id)}</span> ${escapeHtml(t.label)}${t.relational ? ' <span class="tag">relationnel</span>' : ''} <span class="figures">${formatCount(t.comments)} comm. ; ${formatPercent(t.negativeShare)} nég.</span></li>`,
      );
    const { label, reading } = QUADRANT_LABELS[q];
    return `<tr class="quadrant-${q}"><th scope="row">${label}<br><span class="reading">${reading}</span></th><td>${themes.length === 0 ? '<em>aucun thème</em>' : `<ul class="points">${themes.join('')}</ul>`}</td></tr>`;
  }).join('\n');
  return `<p>Chaque thème est placé selon sa <strong>fréquence</strong> (part des commentaires qui le citent) et sa <strong>part de commentaires négatifs</strong>. Les lignes pointillées marquent la fréquence médiane des thèmes (${formatPercent(frequencyThreshold)}) et ${data.matrix.negativeRule === 'median' ? `la part négative médiane (${formatPercent(negativeThreshold)})` : `${formatPercent(negativeThreshold)} de commentaires négatifs`}.</p>
<figure class="chart" role="img" aria-label="Matrice de priorisation : fréquence et part négative de chaque thème. Le tableau suivant donne les mêmes informations.">
${chart}
<figcaption>Matrice de priorisation (méthode HAS / Hospices Civils de Lyon pour les commentaires e-Satis). Chaque point porte le numéro du thème dans le tableau ci-dessous ; thèmes relationnels en bleu foncé.</figcaption>
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
