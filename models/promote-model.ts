/**
 * Promoting a model to default, the one implementation behind `verbatim models promote` and the
 * « Choisir comme modèle par défaut » button of the web page `/modeles`: the name must be a model
 * the registry knows, then `default.json` and `promotions.jsonl` are written in the model folder
 * (promoted-default.ts) and, when a store is given, the promotion goes to its audit table.
 */

import { VerbatimError } from '../pipeline/errors.js';
import type { Store } from '../pipeline/store/store.js';
import { type Promotion, writePromotedDefault } from './promoted-default.js';
import { listModels } from './registry.js';

/** Audit action of a promotion. */
export const PROMOTE_AUDIT_ACTION = 'model.promote';

export interface PromoteModelOptions {
  /** The user model folder where `default.json` lives. */
  modelsDir: string;
  /** The model to make the default (shipped or in `modelsDir`). */
  name: string;
  /** Who promotes, as written in `default.json` (a login name, an e-mail address). */
  by: string;
  /** Audit actor when it differs from `by` (the web app's user id). @defaultValue by */
  actor?: string;
  /** Store whose audit table records the promotion; absent: the model folder's trail only. */
  store?: Pick<Store, 'appendAudit'>;
  now?: Date;
}

/** Makes `name` the default; an unknown name is a usage error and nothing is written. */
export async function promoteModel(options: PromoteModelOptions): Promise<Promotion> {
  const { modelsDir, name } = options;
  const known = listModels({ modelsDir }).map((m) => m.name);
  if (!known.includes(name))
    throw new VerbatimError('USAGE', `unknown model "${name}"; available: ${known.join(', ')}`);
  const promotion = writePromotedDefault(modelsDir, name, options.by, options.now);
  await options.store?.appendAudit({
    actor: options.actor ?? options.by,
    action: PROMOTE_AUDIT_ACTION,
    runId: null,
    details: { ...promotion, modelsDir },
  });
  return promotion;
}
