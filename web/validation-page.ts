/**
 * The validation page in plain French: progress, the passage in its context, the proposed themes
 * as checkboxes with their definitions and what triggered them, the tone as a radio group, a free
 * note, and three buttons (valider, je ne sais pas, annuler la dernière décision), each with the
 * keyboard shortcut written next to it. Everything from the store is escaped.
 */
import { escapeHtml } from '../reports/escape-html.js';
import { csrfField } from './html-page.js';
import type { SegmentView, ThemeChoice } from './segment-view.js';

/** Where the validator is: the assignment addressed by its batch and position (no text). */
export interface PagePosition {
  batchId: string;
  position: number;
  done: number;
  total: number;
}

/** Valence values with their plain-French names, in the order shown. */
export const VALENCE_CHOICES: ReadonlyArray<readonly [string, string]> = [
  ['negative', 'Plutôt négatif (une critique, un problème)'],
  ['positive', 'Plutôt positif (un remerciement, une satisfaction)'],
  ['mixed', 'Les deux à la fois'],
  ['neutral', 'Ni l’un ni l’autre'],
];

const SHORTCUT_HELP = `<p class="shortcuts" id="raccourcis">Raccourcis clavier : <kbd>1</kbd> à <kbd>9</kbd> cochent ou décochent un thème,
<kbd>V</kbd> valide, <kbd>J</kbd> « je ne sais pas », <kbd>U</kbd> annule la dernière décision. <kbd>Tab</kbd> passe d’un élément à l’autre.</p>`;

function themeItem(theme: ThemeChoice, position: number): string {
  const id = `theme-${position}`;
  const shortcut = position <= 9 ? String(position) : '';
  const evidence =
    theme.evidence.length > 0
      ? `<p class="evidence" id="${id}-ev">Repéré grâce à : ${theme.evidence.map((e) => `« ${escapeHtml(e)} »`).join(', ')}</p>`
      : '';
  return `<li class="theme"><label for="${id}"><input type="checkbox" id="${id}" name="themes" value="${escapeHtml(theme.themeId)}"${
    theme.checked ? ' checked' : ''
  }${shortcut ? ` data-shortcut="${shortcut}"` : ''} aria-describedby="${id}-def${evidence ? ` ${id}-ev` : ''}">
<span>${shortcut ? `<span class="key" aria-hidden="true">${shortcut}</span> ` : ''}${escapeHtml(theme.label)}</span></label>
<p class="definition" id="${id}-def">${escapeHtml(theme.definition || 'Pas de définition pour ce thème.')}</p>${evidence}</li>`;
}

/** The body of the page for one assignment. */
export function validationBody(at: PagePosition, view: SegmentView, csrf: string, message?: string): string {
  // The first list: the machine's proposals and, after an undo, the validator's own choices.
  const proposed = view.themes.filter((t) => t.proposed || t.checked);
  const others = view.themes.filter((t) => !(t.proposed || t.checked));
  const machineCount = view.themes.filter((t) => t.proposed).length;
  const valence = VALENCE_CHOICES.map(
    ([value, label]) =>
      `<label><input type="radio" name="valence" value="${value}"${view.checkedValence === value ? ' checked' : ''}> ${label}${
        view.valence === value ? ' <span class="hint">(proposé par l’ordinateur)</span>' : ''
      }</label>`,
  ).join('');
  const intro = view.undone
    ? 'Vous avez annulé votre réponse sur ce passage : vos choix d’avant sont cochés. Corrigez ce qui doit l’être, puis validez.'
    : machineCount === 0
      ? 'L’ordinateur n’a proposé aucun thème. Si le passage parle de l’un des thèmes ci-dessous, cochez-le.'
      : `L’ordinateur a proposé ${machineCount === 1 ? 'le thème coché' : `les ${machineCount} thèmes cochés`}. Décochez ce qui ne convient pas ; ajoutez un thème s’il en manque un.`;
  return `<h1>Vérifier les thèmes d’un passage</h1>
<p class="progress" aria-live="polite">Passage ${at.done + 1} sur ${at.total}</p>
${message ? `<p class="ok" role="status">${escapeHtml(message)}</p>` : ''}
${SHORTCUT_HELP}
<h2 id="passage">Le passage à vérifier</h2>
<p>Le passage est surligné ; le texte autour aide à le comprendre.</p>
<div class="context" aria-labelledby="passage"><p>${escapeHtml(view.before)}<mark class="current"><span class="visually-hidden">Début du passage à vérifier : </span>${escapeHtml(
    view.passage,
  )}<span class="visually-hidden"> (fin du passage)</span></mark>${escapeHtml(view.after)}</p></div>
<form method="post" action="/validation" id="decision">
${csrfField(csrf)}<input type="hidden" name="batch" value="${escapeHtml(at.batchId)}"><input type="hidden" name="position" value="${at.position}">
<fieldset><legend>De quoi parle ce passage ?</legend>
<p>${intro}</p>
<ul class="themes">${proposed.map((t, i) => themeItem(t, i + 1)).join('')}</ul>
<details${proposed.length === 0 ? ' open' : ''}><summary>Autres thèmes possibles (${others.length})</summary>
<ul class="themes">${others.map((t, i) => themeItem(t, proposed.length + i + 1)).join('')}</ul></details></fieldset>
<fieldset><legend>Le ton du passage</legend><div class="radios">${valence}</div></fieldset>
<label for="note">Une remarque ? (facultatif)</label>
<textarea id="note" name="note" maxlength="2000" aria-describedby="note-aide"></textarea>
<p id="note-aide" class="shortcuts">N’écrivez pas de nom ni de coordonnées : ils seraient de toute façon masqués.</p>
<div class="actions">
<button type="submit" name="action" value="validate" data-shortcut-key="v">Valider et passer au suivant (V)</button>
<button type="submit" name="action" value="unsure" class="secondary" data-shortcut-key="j">Je ne sais pas (J)</button>
</div></form>
<form method="post" action="/validation/undo">${csrfField(csrf)}
<button type="submit" class="secondary" data-shortcut-key="u">Annuler ma dernière décision (U)</button></form>`;
}

/** The body shown when the validator has nothing left. */
export function validationDoneBody(csrf: string, message?: string): string {
  return `<h1>Merci !</h1>
${message ? `<p class="ok" role="status">${escapeHtml(message)}</p>` : ''}
<p>Vous avez vérifié tous les passages qui vous étaient confiés. Vous pouvez vous déconnecter.</p>
<form method="post" action="/validation/undo">${csrfField(csrf)}
<button type="submit" class="secondary" data-shortcut-key="u">Annuler ma dernière décision (U)</button></form>`;
}
