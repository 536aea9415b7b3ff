/**
 * The validation store (issue 6): batches, assignments and the append-only `validations` table,
 * plus the accounts half (validation-accounts.ts). KyselyStore exposes it as `store.validation`.
 *
 * Append-only: a decision is never edited. A correction or an undo appends a new row and sets
 * `superseded_by` on the row it replaces — the one UPDATE allowed on `validations`, because it
 * only links the history (the old answer stays readable) and lets "what is in force" be read
 * without scanning every row. Every decision is also appended to `audit`.
 * Labels: human labels are written with origin 'human' and the validator's id, so that neither
 * machine labels nor another validator's labels are ever overwritten.
 */
import type { Kysely, Transaction } from 'kysely';
import { VerbatimError } from '../errors.js';
import type { Database } from './schema.js';
import { ValidationBatches } from './validation-batches.js';
import type { ValidationsTable } from './validation-schema.js';
import {
  type DecisionState,
  type NewValidation,
  NewValidationSchema,
  type Validation,
  type ValidationStore,
} from './validation-types.js';

type Db = Kysely<Database> | Transaction<Database>;

function toValidation(r: ValidationsTable): Validation {
  return {
    validationId: r.validation_id,
    batchId: r.batch_id,
    runId: r.run_id,
    recordKey: r.record_key,
    segmentIndex: r.segment_index,
    userId: r.user_id,
    kind: r.kind,
    themes: r.themes === '' ? [] : r.themes.split(';'),
    valence: r.valence,
    unsure: r.unsure === 1,
    note: r.note,
    before: JSON.parse(r.before_json) as DecisionState,
    modelVersion: r.model_version,
    codebookVersion: r.codebook_version,
    createdAt: r.created_at,
    supersededBy: r.superseded_by,
  };
}

function stateOf(r: ValidationsTable): DecisionState {
  return {
    origin: 'human',
    themes: r.themes === '' ? [] : r.themes.split(';'),
    valence: r.valence,
    unsure: r.unsure === 1,
  };
}

/** `ValidationStore` on Kysely; one instance per store (the id counter is per instance). */
export class ValidationRepo extends ValidationBatches implements ValidationStore {
  async saveValidation(input: NewValidation): Promise<Validation> {
    const v = NewValidationSchema.parse(input);
    const themes = [...new Set(v.themes)].sort();
    return this.db.transaction().execute(async (trx) => {
      const seg = await trx
        .selectFrom('segments')
        .select(['themes', 'valence', 'model_version', 'codebook_version'])
        .where('run_id', '=', v.runId)
        .where('record_key', '=', v.recordKey)
        .where('segment_index', '=', v.segmentIndex)
        .executeTakeFirst();
      if (!seg) throw new VerbatimError('USAGE', `segment ${v.segmentIndex} of that record is not in run ${v.runId}`);
      const current = await this.#current(trx, v.runId, v.recordKey, v.segmentIndex, v.userId);
      const before: DecisionState =
        current && current.kind !== 'retract'
          ? stateOf(current)
          : {
              origin: 'machine',
              themes: seg.themes === '' ? [] : seg.themes.split(';'),
              valence: seg.valence,
              unsure: false,
            };
      const now = this.clock();
      const row: ValidationsTable = {
        validation_id: this.newId(now),
        batch_id: v.batchId,
        run_id: v.runId,
        record_key: v.recordKey,
        segment_index: v.segmentIndex,
        user_id: v.userId,
        kind: 'decision',
        themes: themes.join(';'),
        valence: v.valence,
        unsure: v.unsure ? 1 : 0,
        note: v.note,
        before_json: JSON.stringify(before),
        model_version: seg.model_version,
        codebook_version: seg.codebook_version,
        created_at: now.toISOString(),
        superseded_by: null,
      };
      await trx.insertInto('validations').values(row).execute();
      if (current) await this.#supersede(trx, current.validation_id, row.validation_id);
      let done = trx
        .updateTable('assignments')
        .set({ status: 'done' })
        .where('run_id', '=', v.runId)
        .where('record_key', '=', v.recordKey)
        .where('segment_index', '=', v.segmentIndex)
        .where('user_id', '=', v.userId);
      if (v.batchId !== null) done = done.where('batch_id', '=', v.batchId);
      await done.execute();
      await this.#writeHumanLabels(trx, row, v.unsure ? [] : themes);
      await this.appendAudit(trx, v.userId, current ? 'validation.correct' : 'validation.save', v.runId, {
        validationId: row.validation_id,
        recordKey: v.recordKey,
        segmentIndex: v.segmentIndex,
        before,
        after: { origin: 'human', themes, valence: v.valence, unsure: v.unsure },
        hasNote: v.note !== null && v.note !== '',
        modelVersion: seg.model_version,
        codebookVersion: seg.codebook_version,
      });
      return toValidation(row);
    });
  }

  async undoLast(userId: string): Promise<Validation | null> {
    return this.db.transaction().execute(async (trx) => {
      const target = await trx
        .selectFrom('validations')
        .selectAll()
        .where('user_id', '=', userId)
        .where('kind', '!=', 'retract')
        .where('superseded_by', 'is', null)
        .orderBy('validation_id', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!target) return null;
      const prev = await this.#previous(trx, target);
      const restore = prev !== undefined && prev.kind !== 'retract';
      const now = this.clock();
      const row: ValidationsTable = {
        ...target,
        validation_id: this.newId(now),
        kind: restore ? 'restore' : 'retract',
        themes: restore ? prev.themes : '',
        valence: restore ? prev.valence : null,
        unsure: restore ? prev.unsure : 0,
        note: restore ? prev.note : null,
        before_json: JSON.stringify(stateOf(target)),
        created_at: now.toISOString(),
        superseded_by: null,
      };
      await trx.insertInto('validations').values(row).execute();
      await this.#supersede(trx, target.validation_id, row.validation_id);
      await this.#writeHumanLabels(
        trx,
        row,
        restore && row.unsure === 0 && row.themes !== '' ? row.themes.split(';') : [],
      );
      if (!restore) {
        let pending = trx
          .updateTable('assignments')
          .set({ status: 'pending' })
          .where('run_id', '=', target.run_id)
          .where('record_key', '=', target.record_key)
          .where('segment_index', '=', target.segment_index)
          .where('user_id', '=', userId);
        if (target.batch_id !== null) pending = pending.where('batch_id', '=', target.batch_id);
        await pending.execute();
      }
      await this.appendAudit(trx, userId, 'validation.undo', target.run_id, {
        validationId: row.validation_id,
        undone: target.validation_id,
        recordKey: target.record_key,
        segmentIndex: target.segment_index,
        before: stateOf(target),
        after: restore ? stateOf(row) : null,
        modelVersion: target.model_version,
        codebookVersion: target.codebook_version,
      });
      return toValidation(row);
    });
  }

  async listValidations(runId: string): Promise<Validation[]> {
    const rows = await this.db
      .selectFrom('validations')
      .selectAll()
      .where('run_id', '=', runId)
      .orderBy('validation_id')
      .execute();
    return rows.map(toValidation);
  }

  /**
   * The answer in force before `row`: the row its basis replaced. A 'restore' row's basis is the
   * row it copied (the one replaced by the row it undid), so undoing twice walks back in time.
   */
  async #previous(trx: Db, row: ValidationsTable): Promise<ValidationsTable | undefined> {
    let basis: ValidationsTable | undefined = row;
    while (basis?.kind === 'restore') {
      const undone: ValidationsTable | undefined = await this.#replacedBy(trx, basis.validation_id);
      basis = undone ? await this.#replacedBy(trx, undone.validation_id) : undefined;
    }
    return basis ? this.#replacedBy(trx, basis.validation_id) : undefined;
  }

  #replacedBy(trx: Db, validationId: string): Promise<ValidationsTable | undefined> {
    return trx.selectFrom('validations').selectAll().where('superseded_by', '=', validationId).executeTakeFirst();
  }

  async #current(
    trx: Db,
    runId: string,
    recordKey: string,
    segmentIndex: number,
    userId: string,
  ): Promise<ValidationsTable | undefined> {
    return trx
      .selectFrom('validations')
      .selectAll()
      .where('run_id', '=', runId)
      .where('record_key', '=', recordKey)
      .where('segment_index', '=', segmentIndex)
      .where('user_id', '=', userId)
      .where('superseded_by', 'is', null)
      .orderBy('validation_id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** The one update on `validations` (see the file comment); guarded so it happens once. */
  async #supersede(trx: Db, oldId: string, newId: string): Promise<void> {
    const res = await trx
      .updateTable('validations')
      .set({ superseded_by: newId })
      .where('validation_id', '=', oldId)
      .where('superseded_by', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1)
      throw new VerbatimError('INTERNAL', 'a validation was superseded twice at the same time; please retry');
  }

  /** Replaces this validator's own human labels on the segment; nobody else's are touched. */
  async #writeHumanLabels(trx: Db, row: ValidationsTable, themes: readonly string[]): Promise<void> {
    await trx
      .deleteFrom('labels')
      .where('run_id', '=', row.run_id)
      .where('record_key', '=', row.record_key)
      .where('segment_index', '=', row.segment_index)
      .where('origin', '=', 'human')
      .where('validator', '=', row.user_id)
      .execute();
    if (themes.length === 0) return;
    await trx
      .insertInto('labels')
      .values(
        themes.map((theme) => ({
          run_id: row.run_id,
          record_key: row.record_key,
          segment_index: row.segment_index,
          theme,
          origin: 'human' as const,
          score: 1,
          evidence_json: JSON.stringify({ validator: row.user_id, validationId: row.validation_id }),
          model_version: row.model_version,
          codebook_version: row.codebook_version,
          created_at: row.created_at,
          validator: row.user_id,
        })),
      )
      .execute();
  }
}
