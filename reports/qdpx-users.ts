/**
 * The coders of a REFI-QDA project. Every coding names its `creatingUser`, so a researcher can
 * tell the machine's proposals from the labels a person validated: one user per model version
 * ("Verbatim lexical-1.0.0") and one per human coder.
 *
 * Human labels are the `labels` rows with origin `human`. The coder is read from the label's
 * evidence (`{"validator": …}`, `{"user": …}` or `{"actor": …}`, as the validation app writes
 * it); a human label that names nobody is attributed to one "Validateur (non identifié)" user
 * rather than dropped.
 */
import { qdaGuid } from '../models/codebooks/qdc-guid.js';
import type { RunId, Store } from '../pipeline/index.js';

/** A `<User>` of the project. */
export interface QdaUser {
  guid: string;
  name: string;
}

/** Name given to human labels whose coder is not recorded. */
export const UNKNOWN_HUMAN_CODER = 'Validateur (non identifié)';

/** The machine coder for a model version; the same GUID in every export of any run. */
export function machineUser(modelVersion: string): QdaUser {
  return { guid: qdaGuid('user', 'machine', modelVersion), name: `Verbatim ${modelVersion}` };
}

/** A human coder by the name the validation app stores; the same GUID in every export. */
export function humanUser(name: string): QdaUser {
  return { guid: qdaGuid('user', 'human', name), name };
}

/** Who made a human label, from its evidence JSON. */
export function humanCoderName(evidenceJson: string): string {
  let evidence: unknown;
  try {
    evidence = JSON.parse(evidenceJson);
  } catch {
    // Evidence is free JSON written by other tools; unreadable evidence names no coder.
    return UNKNOWN_HUMAN_CODER;
  }
  if (evidence !== null && typeof evidence === 'object' && !Array.isArray(evidence)) {
    const fields = evidence as Record<string, unknown>;
    for (const key of ['validator', 'user', 'actor']) {
      const value = fields[key];
      if (typeof value === 'string' && value.trim() !== '') return value.trim();
    }
  }
  return UNKNOWN_HUMAN_CODER;
}

/** The run's coders: machine users (the run's model version first), then human coders by name. */
export async function projectUsers(store: Store, runId: RunId, runModelVersion: string): Promise<QdaUser[]> {
  const machine = await store.db
    .selectFrom('labels')
    .select('model_version')
    .distinct()
    .where('run_id', '=', runId)
    .where('origin', '!=', 'human')
    .orderBy('model_version')
    .execute();
  const human = await store.db
    .selectFrom('labels')
    .select('evidence_json')
    .distinct()
    .where('run_id', '=', runId)
    .where('origin', '=', 'human')
    .execute();
  const versions = [runModelVersion, ...machine.map((r) => r.model_version).filter((v) => v !== runModelVersion)];
  const names = [...new Set(human.map((r) => humanCoderName(r.evidence_json)))].sort((a, b) =>
    a.localeCompare(b, 'fr'),
  );
  return [...versions.map(machineUser), ...names.map(humanUser)];
}
