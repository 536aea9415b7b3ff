/**
 * Turns the store's assignment view into what the validation page shows: the passage inside its
 * comment (before / passage / after, cut around the passage when the comment is long) and the
 * codebook's themes in plain French, the machine's proposals first with the evidence that fired.
 * All text is the store's pseudonymized text.
 */
import type { Codebook } from '../models/codebooks/codebook.js';
import type { AssignmentView } from '../pipeline/store/validation-types.js';

export interface ThemeChoice {
  themeId: string;
  label: string;
  definition: string;
  /** Cues or features that fired (pseudonymized), as short strings. */
  evidence: string[];
  /** Whether the machine proposed it. */
  proposed: boolean;
  /** Checked when the page opens: the machine's proposal, or the validator's undone answer. */
  checked: boolean;
}

export interface SegmentView {
  /** Comment text before the passage (with a leading `…` when cut), the passage, and after. */
  before: string;
  passage: string;
  after: string;
  /** The machine's valence. */
  valence: string;
  /** The valence checked when the page opens (the undone answer's, when it had one). */
  checkedValence: string;
  /** The validator undid their answer on this passage: the page opens on it. */
  undone: boolean;
  themes: ThemeChoice[];
}

/** Context kept on each side of the passage, in code points. @defaultValue 600 */
export const CONTEXT_CP = 600;

/**
 * Evidence as stored → short plain strings for patients. The rule classifier writes
 * `«words» [cue pattern]` (or `[pattern, nié]`): the words are kept, the pattern syntax (jargon) is
 * dropped, a negation is said in French. Other heads' evidence is shown as text, shortened.
 */
export function evidenceStrings(evidence: unknown): string[] {
  const list = Array.isArray(evidence) ? evidence : evidence === undefined || evidence === null ? [] : [evidence];
  return list
    .map((item) => (typeof item === 'string' ? item : JSON.stringify(item)))
    .map((s) => {
      const cue = /^«\s*(.*?)\s*»\s*\[[^\]]*?(, nié)?\]$/.exec(s);
      if (!cue) return s.trim();
      return `${cue[1] ?? ''}${cue[2] ? ' (tournure négative)' : ''}`;
    })
    .filter((s) => s.length > 0)
    .map((s) => (s.length > 80 ? `${s.slice(0, 79)}…` : s));
}

export function segmentView(view: AssignmentView, codebook: Codebook): SegmentView {
  const chars = [...view.recordText];
  const inside = view.endCp > view.startCp && view.endCp <= chars.length;
  const start = inside ? view.startCp : 0;
  const end = inside ? view.endCp : 0;
  const from = Math.max(0, start - CONTEXT_CP);
  const to = Math.min(chars.length, end + CONTEXT_CP);
  const before = inside ? `${from > 0 ? '… ' : ''}${chars.slice(from, start).join('')}` : '';
  const after = inside ? `${chars.slice(end, to).join('')}${to < chars.length ? ' …' : ''}` : '';
  const passage = inside ? chars.slice(start, end).join('') : view.segmentText;
  const proposed = new Map<string, string[]>();
  for (const p of view.proposed)
    proposed.set(p.theme, [...(proposed.get(p.theme) ?? []), ...evidenceStrings(p.evidence)]);
  const undone = view.undoneAnswer;
  const themes: ThemeChoice[] = codebook.themes.map((theme) => ({
    themeId: theme.id,
    label: theme.label,
    definition: theme.definition,
    evidence: [...new Set(proposed.get(theme.id) ?? [])],
    proposed: proposed.has(theme.id),
    checked: undone ? undone.themes.includes(theme.id) : proposed.has(theme.id),
  }));
  const shownFirst = (t: ThemeChoice) => Number(t.proposed || t.checked);
  themes.sort((a, b) => shownFirst(b) - shownFirst(a));
  return {
    before,
    passage,
    after,
    valence: view.valence,
    checkedValence: undone?.valence ?? view.valence,
    undone: undone !== null,
    themes,
  };
}
