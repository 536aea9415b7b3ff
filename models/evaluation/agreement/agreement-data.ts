/**
 * Reads what the agreement report needs from the store: the answers in force of a run and the
 * machine's proposal on each validated segment. No comment text is read.
 */
import type { Store } from '../../../pipeline/store/store.js';
import { inForce } from '../../../pipeline/store/validation-types.js';
import type { HumanAnswer, MachineProposal } from './agreement-report.js';

/** Segment key used by the report: record key and segment index. */
export function segmentKey(recordKey: string, segmentIndex: number): string {
  return `${recordKey}#${segmentIndex}`;
}

/** Answers in force and machine proposals of `runId`. */
export async function loadAgreementInput(
  store: Store,
  runId: string,
): Promise<{ answers: HumanAnswer[]; machine: Map<string, MachineProposal> }> {
  const answers = inForce(await store.validation.listValidations(runId)).map((v) => ({
    segment: segmentKey(v.recordKey, v.segmentIndex),
    userId: v.userId,
    themes: v.themes,
    valence: v.valence,
    unsure: v.unsure,
  }));
  const machine = new Map<string, MachineProposal>();
  if (answers.length === 0) return { answers, machine };
  const rows = await store.db
    .selectFrom('segments as s')
    .innerJoin('validations as v', (j) =>
      j
        .onRef('v.run_id', '=', 's.run_id')
        .onRef('v.record_key', '=', 's.record_key')
        .onRef('v.segment_index', '=', 's.segment_index'),
    )
    .select(['s.record_key', 's.segment_index', 's.themes', 's.valence'])
    .distinct()
    .where('s.run_id', '=', runId)
    .execute();
  for (const r of rows)
    machine.set(segmentKey(r.record_key, r.segment_index), {
      themes: r.themes === '' ? [] : r.themes.split(';'),
      valence: r.valence,
    });
  return { answers, machine };
}
