/**
 * Validation batches and what each validator sees next. Part of the validation store (see
 * validation-store.ts); the sampling itself is in validation-sampling.ts.
 */
import { VerbatimError } from '../errors.js';
import type { Database } from './schema.js';
import { ValidationAccounts } from './validation-accounts.js';
import { type Candidate, planAssignments, selectSegments } from './validation-sampling.js';
import {
  type AssignmentView,
  type Batch,
  DecisionStateSchema,
  type NewBatch,
  NewBatchSchema,
} from './validation-types.js';

const INSERT_BATCH = 2000;

/** Batches and assignments on top of the accounts half. */
export class ValidationBatches extends ValidationAccounts {
  async createBatch(input: NewBatch): Promise<Batch> {
    const b = NewBatchSchema.parse(input);
    const segs = await this.db
      .selectFrom('segments')
      .select(['record_key', 'segment_index'])
      .where('run_id', '=', b.runId)
      .where('context', '=', 0)
      .execute();
    // Segments already in a batch of this run are not offered again.
    const taken = await this.db
      .selectFrom('assignments')
      .select(['record_key', 'segment_index'])
      .distinct()
      .where('run_id', '=', b.runId)
      .execute();
    const labels = await this.db
      .selectFrom('labels')
      .select(['record_key', 'segment_index', 'theme', 'score'])
      .where('run_id', '=', b.runId)
      .where('origin', '!=', 'human')
      .execute();
    const k = (r: { record_key: string; segment_index: number }) => `${r.record_key}\u0000${r.segment_index}`;
    const takenSet = new Set(taken.map(k));
    const byKey = new Map<string, Candidate>();
    for (const s of segs) {
      if (takenSet.has(k(s))) continue;
      byKey.set(k(s), { recordKey: s.record_key, segmentIndex: s.segment_index, scores: [] });
    }
    for (const l of labels) (byKey.get(k(l))?.scores as { theme: string; score: number }[] | undefined)?.push(l);
    const selected = selectSegments(
      [...byKey.values()],
      b.strategy,
      b.size,
      b.seed ?? b.name,
      b.thresholds,
      b.defaultThreshold,
    );
    const plan = planAssignments(selected, b.validators, b.doubleShare);
    const now = this.clock();
    const batchId = this.newId(now);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('validation_batches')
        .values({
          batch_id: batchId,
          run_id: b.runId,
          name: b.name,
          strategy: b.strategy,
          double_share: b.doubleShare,
          created_by: b.createdBy,
          created_at: now.toISOString(),
        })
        .execute();
      for (let i = 0; i < plan.length; i += INSERT_BATCH) {
        await trx
          .insertInto('assignments')
          .values(
            plan.slice(i, i + INSERT_BATCH).map((p) => ({
              batch_id: batchId,
              run_id: b.runId,
              record_key: p.recordKey,
              segment_index: p.segmentIndex,
              user_id: p.userId,
              position: p.position,
              status: 'pending' as const,
              double: p.double ? 1 : 0,
            })),
          )
          .execute();
      }
      await this.appendAudit(trx, b.createdBy, 'batch.create', b.runId, {
        batchId,
        strategy: b.strategy,
        segments: selected.length,
        assignments: plan.length,
        doubleShare: b.doubleShare,
        validators: b.validators,
      });
    });
    const [batch] = await this.batches(
      this.db.selectFrom('validation_batches').selectAll().where('batch_id', '=', batchId),
    );
    if (!batch) throw new VerbatimError('INTERNAL', `batch ${batchId} vanished after creation`);
    return batch;
  }

  async listBatches(runId?: string): Promise<Batch[]> {
    let q = this.db.selectFrom('validation_batches').selectAll();
    if (runId !== undefined) q = q.where('run_id', '=', runId);
    return this.batches(q.orderBy('created_at').orderBy('batch_id'));
  }

  protected async batches(query: { execute(): Promise<Database['validation_batches'][]> }): Promise<Batch[]> {
    const rows = await query.execute();
    if (rows.length === 0) return [];
    const counts = await this.db
      .selectFrom('assignments')
      .select((eb) => [
        'batch_id',
        eb.fn.countAll<number>().as('total'),
        eb.fn.sum<number>(eb.case().when('status', '=', 'done').then(1).else(0).end()).as('done'),
        eb.fn.sum<number>('double').as('double_rows'),
      ])
      .where(
        'batch_id',
        'in',
        rows.map((r) => r.batch_id),
      )
      .groupBy('batch_id')
      .execute();
    const byBatch = new Map(counts.map((c) => [c.batch_id, c]));
    return rows.map((r) => {
      const c = byBatch.get(r.batch_id);
      const total = Number(c?.total ?? 0);
      const doubled = Number(c?.double_rows ?? 0) / 2;
      return {
        batchId: r.batch_id,
        runId: r.run_id,
        name: r.name,
        strategy: r.strategy,
        doubleShare: r.double_share,
        createdBy: r.created_by,
        createdAt: r.created_at,
        segments: total - doubled,
        doubled,
        done: Number(c?.done ?? 0),
        total,
      };
    });
  }

  async nextAssignment(userId: string, batchId?: string): Promise<AssignmentView | null> {
    let q = this.db
      .selectFrom('assignments as a')
      .innerJoin('validation_batches as b', 'b.batch_id', 'a.batch_id')
      .select(['a.batch_id', 'a.run_id', 'a.record_key', 'a.segment_index', 'a.position'])
      .where('a.user_id', '=', userId)
      .where('a.status', '=', 'pending');
    if (batchId !== undefined) q = q.where('a.batch_id', '=', batchId);
    const a = await q.orderBy('b.created_at').orderBy('a.batch_id').orderBy('a.position').limit(1).executeTakeFirst();
    if (!a) return null;
    const seg = await this.db
      .selectFrom('segments as s')
      .innerJoin('records as r', (j) => j.onRef('r.run_id', '=', 's.run_id').onRef('r.record_key', '=', 's.record_key'))
      .select([
        's.text',
        'r.text as record_text',
        's.start_cp',
        's.end_cp',
        's.valence',
        's.model_version',
        's.codebook_version',
      ])
      .where('s.run_id', '=', a.run_id)
      .where('s.record_key', '=', a.record_key)
      .where('s.segment_index', '=', a.segment_index)
      .executeTakeFirst();
    if (!seg)
      throw new VerbatimError(
        'INTERNAL',
        `assigned segment ${a.segment_index} of a record is missing from run ${a.run_id}`,
      );
    const labels = await this.db
      .selectFrom('labels')
      .select(['theme', 'score', 'origin', 'evidence_json'])
      .where('run_id', '=', a.run_id)
      .where('record_key', '=', a.record_key)
      .where('segment_index', '=', a.segment_index)
      .where('origin', '!=', 'human')
      .orderBy('score', 'desc')
      .orderBy('theme')
      .execute();
    const progress = await this.db
      .selectFrom('assignments')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.sum<number>(eb.case().when('status', '!=', 'pending').then(1).else(0).end()).as('done'),
      ])
      .where('batch_id', '=', a.batch_id)
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    // The passage is pending again after this validator undid their answer: the undo row keeps it.
    const last = await this.db
      .selectFrom('validations')
      .select(['kind', 'before_json'])
      .where('user_id', '=', userId)
      .where('run_id', '=', a.run_id)
      .where('record_key', '=', a.record_key)
      .where('segment_index', '=', a.segment_index)
      .orderBy('validation_id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const undone = last?.kind === 'retract' ? DecisionStateSchema.safeParse(JSON.parse(last.before_json)) : null;
    return {
      batchId: a.batch_id,
      runId: a.run_id,
      recordKey: a.record_key,
      segmentIndex: a.segment_index,
      position: a.position,
      undoneAnswer: undone?.success ? undone.data : null,
      segmentText: seg.text,
      recordText: seg.record_text,
      startCp: seg.start_cp,
      endCp: seg.end_cp,
      proposed: labels.map((l) => ({
        theme: l.theme,
        score: l.score,
        origin: l.origin,
        evidence: JSON.parse(l.evidence_json),
      })),
      valence: seg.valence,
      modelVersion: seg.model_version,
      codebookVersion: seg.codebook_version,
      done: Number(progress.done ?? 0),
      total: Number(progress.total),
    };
  }
}
