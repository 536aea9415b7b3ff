/**
 * The codes of a project: the run's codebook (families as non-codable groups, themes nested),
 * themes found in the run's labels but missing from the codebook given (kept, never dropped), and
 * speaker roles.
 *
 * Roles are codes, not variables: a REFI-QDA variable belongs to a whole source or case, while a
 * transcript holds turns of several speakers. Coding each participant turn with its role (under
 * the non-codable group "Rôle du locuteur") lets the QDA tool cross roles with themes, the
 * theme × role matrix researchers ask for.
 */
import type { Codebook } from '../models/codebooks/codebook.js';
import { codebookCodeTree, type QdaCode } from '../models/codebooks/qdc-code-tree.js';
import { qdaGuid, themeGuid } from '../models/codebooks/qdc-guid.js';
import type { RunId, Store } from '../pipeline/index.js';

/** Name of the group holding one code per speaker role. */
export const ROLE_GROUP_NAME = 'Rôle du locuteur';

/** The project's codes and the GUIDs codings refer to. */
export interface ProjectCodes {
  tree: QdaCode[];
  /** Theme id → code GUID, for every theme the run's labels use. */
  themes: ReadonlyMap<string, string>;
  /** Role → code GUID, for every role of a coded (non-context) segment. */
  roles: ReadonlyMap<string, string>;
}

/** GUID of a role's code; the same in every export. */
export function roleGuid(role: string): string {
  return qdaGuid('role', role);
}

/** Builds the code tree for `runId` from `codebook` plus what the store holds. */
export async function projectCodes(store: Store, runId: RunId, codebook: Codebook): Promise<ProjectCodes> {
  const tree = codebookCodeTree(codebook);
  const themes = new Map<string, string>(codebook.themes.map((t) => [t.id, themeGuid(t)]));
  const used = await store.db
    .selectFrom('labels')
    .select('theme')
    .distinct()
    .where('run_id', '=', runId)
    .orderBy('theme')
    .execute();
  for (const { theme } of used) {
    if (themes.has(theme)) continue;
    const guid = themeGuid({ id: theme });
    themes.set(theme, guid);
    tree.push({
      guid,
      name: theme,
      isCodable: true,
      description: `Thème présent dans les étiquettes du run mais absent du codebook ${codebook.version}.`,
      children: [],
    });
  }
  const roleRows = await store.db
    .selectFrom('segments')
    .select('role')
    .distinct()
    .where('run_id', '=', runId)
    .where('context', '=', 0)
    .where('role', 'is not', null)
    .orderBy('role')
    .execute();
  const roles = new Map<string, string>();
  for (const { role } of roleRows) if (role !== null) roles.set(role, roleGuid(role));
  if (roles.size > 0) {
    tree.push({
      guid: qdaGuid('role-group'),
      name: ROLE_GROUP_NAME,
      isCodable: false,
      description: 'Rôle de la personne qui parle (entretiens), codé sur chacun de ses tours de parole.',
      children: [...roles].map(([role, guid]) => ({ guid, name: role, isCodable: true, children: [] })),
    });
  }
  return { tree, themes, roles };
}
