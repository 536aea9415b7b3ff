/** The methodology section: how the figures were made, so that a CDU can judge what they mean. */
import { escapeHtml } from './escape-html.js';
import { formatCount, formatPercent } from './format-fr.js';
import { RELATIONAL_FALLBACK_LABELS, RELATIONAL_THEMES, type ReportData } from './report-data.js';

/** The "Méthodologie" section. */
export function renderMethodSection(data: ReportData): string {
  const { run, minCell } = data;
  const labelOf = (id: string) => data.themes.find((t) => t.id === id)?.label ?? RELATIONAL_FALLBACK_LABELS[id] ?? id;
  const relational = RELATIONAL_THEMES.map((id) => escapeHtml(labelOf(id))).join(', ');
  const correction =
    data.correction === 'holm'
      ? 'de Holm (risque global d’erreur)'
      : 'de Benjamini–Hochberg (taux de fausses découvertes)';
  return `<section aria-labelledby="methode">
<h2 id="methode">Méthodologie</h2>
<ul>
<li><strong>Codage</strong> : chaque commentaire est découpé en segments (remarques distinctes ou tours de parole), puis chaque segment reçoit zéro, un ou plusieurs thèmes et une tonalité (positif, négatif, mitigé, neutre) par un classifieur lexical et statistique. Version du modèle : <code>${escapeHtml(run.modelVersion)}</code> ; version de la grille de codage : <code>${escapeHtml(run.codebookVersion)}</code>.</li>
<li><strong>Comptage</strong> : un commentaire compte une fois par thème, quel que soit le nombre de ses segments qui en relèvent. Les interventions de l’enquêteur dans les entretiens sont conservées comme contexte mais ne sont pas codées ni comptées.</li>
<li><strong>« % négatif »</strong> : part des commentaires d’un thème dont au moins un segment relevant de ce thème est de tonalité négative ou mitigée.</li>
<li><strong>Score moyen</strong> : moyenne du score de satisfaction (colonne score de l’export, par exemple le score global e-Satis) des répondants dont un commentaire cite le thème ; un répondant compte une fois même s’il a rempli plusieurs champs libres.</li>
<li><strong>Matrice de priorisation</strong> : fréquence comparée à la médiane des thèmes présents (${formatPercent(data.matrix.frequencyThreshold)}) ; part négative comparée à ${data.matrix.negativeRule === 'median' ? `la médiane des thèmes (${formatPercent(data.matrix.negativeThreshold)})` : `${formatPercent(data.matrix.negativeThreshold)} (thème « majoritairement négatif »)`} ; un thème sur un seuil est compté du côté haut.</li>
<li><strong>Évolution</strong> : test de comparaison de deux proportions (z, variance commune) sur la part des commentaires citant chaque thème, p-values corrigées par la méthode ${correction}, seuil 5 % ; un thème dont un effectif attendu est inférieur à 5 n’est pas testé (« effectifs trop faibles pour conclure »).</li>
<li><strong>Projet de plan d’actions</strong> : axes prioritaires, puis thèmes relationnels en signal faible, puis thèmes en hausse significative ; les actions proposées viennent de la grille de codage (champ <code>actions</code>, modifiable).</li>
<li><strong>Thèmes relationnels</strong> : ${relational}.</li>
<li><strong>Pseudonymisation</strong> : avant tout stockage, les noms, numéros de téléphone, adresses électroniques, numéros de sécurité sociale, dates précises, numéros de chambre et identifiants sont remplacés par des marqueurs ([NOM], [TEL], [EMAIL], [NIR], [DATE], [LIEU], [ID]). Aucun texte brut ne figure dans ce rapport.</li>
<li><strong>Petits effectifs</strong> : ${minCell > 1 ? `dans les tableaux par service et par type d’enquête, les effectifs de 1 à ${formatCount(minCell - 1)} sont masqués (« &lt; ${formatCount(minCell)} ») ; un service de moins de ${formatCount(minCell)} commentaires n’est pas nommé à côté d’un verbatim.` : 'aucun masquage (seuil désactivé).'}</li>
<li><strong>Limites</strong> : le codage automatique peut se tromper ; les chiffres sont des indicateurs à discuter, et les verbatims permettent de vérifier le sens des thèmes.</li>
</ul>
</section>`;
}
