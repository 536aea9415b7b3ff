/**
 * The validation store contract (issue 6), run on SQLite and on PostgreSQL.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { RunId, ThemeId } from '../../../pipeline/record.js';
import type { Store } from '../../../pipeline/store/store.js';
import { inForce } from '../../../pipeline/store/validation-types.js';
import { makeRecord, makeSegment } from '../../helpers/fixtures.js';

const SHA = (c: string) => c.repeat(64);

export function validationSuite(
  open: () => Promise<Store>,
  cleanup: () => Promise<void> = async () => undefined,
): void {
  let store: Store;
  const runId = 'run-val' as RunId;
  const THEMES = ['waiting_delays', 'communication', 'respect_dignity', 'food', 'pain'];

  beforeEach(async () => {
    store = await open();
    await store.startRun({ runId, modelVersion: 'lexical-test', codebookVersion: 'test', options: {} });
    // 20 records of one segment; theme i % 5; score spread so that margins differ.
    const records = Array.from({ length: 20 }, (_, i) =>
      makeRecord({ row: i + 1, text: `Commentaire numéro ${i + 1}` }),
    );
    const segments = records.map((r, i) => {
      const s = makeSegment(r, 0, [THEMES[i % 5] as string]);
      s.themes = s.themes.map((t) => ({ ...t, score: 0.5 + (i + 1) / 50 }));
      return s;
    });
    await store.saveChunk(runId, {
      records: records.map((record) => ({ record, valence: 'negative' as const, hasTheme: true })),
      segments,
    });
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  const users = async () => {
    const v = store.validation;
    const alice = await v.createUser({ email: 'Alice@Example.org ', displayName: 'Alice', role: 'coresearcher' });
    const bob = await v.createUser({ email: 'bob@example.org', displayName: 'Bob', role: 'coresearcher' });
    const rita = await v.createUser({ email: 'rita@example.org', displayName: 'Rita', role: 'researcher' });
    return { alice, bob, rita };
  };

  it('creates users, accepts an invitation once, and keeps sessions until expiry', async () => {
    const v = store.validation;
    const { alice } = await users();
    expect(alice.email).toBe('alice@example.org');
    await expect(v.createUser({ email: 'alice@example.org', displayName: 'A2', role: 'admin' })).rejects.toThrow();
    await expect(v.createUser({ email: 'x@example.org', displayName: 'X', role: 'boss' as never })).rejects.toThrow();
    expect((await v.getUserForLogin('ALICE@example.org'))?.passwordHash).toBeNull();

    await v.createInvitation({ tokenSha256: SHA('a'), userId: alice.userId, expiresAt: '2999-01-01T00:00:00Z' });
    await v.createInvitation({ tokenSha256: SHA('b'), userId: alice.userId, expiresAt: '2000-01-01T00:00:00Z' });
    expect(await v.acceptInvitation(SHA('b'), 'hash-1')).toBeNull(); // expired
    expect((await v.acceptInvitation(SHA('a'), 'hash-1'))?.userId).toBe(alice.userId);
    expect(await v.acceptInvitation(SHA('a'), 'hash-2')).toBeNull(); // one-time
    expect((await v.getUserForLogin('alice@example.org'))?.passwordHash).toBe('hash-1');

    await v.createSession({
      sessionSha256: SHA('c'),
      userId: alice.userId,
      csrfToken: 'csrf-token-0123456789',
      expiresAt: '2999-01-01T00:00:00Z',
    });
    await v.createSession({
      sessionSha256: SHA('d'),
      userId: alice.userId,
      csrfToken: 'csrf-token-0123456789',
      expiresAt: '2001-01-01T00:00:00+02:00',
    });
    const s = await v.getSession(SHA('c'));
    expect(s?.user.displayName).toBe('Alice');
    expect(s?.csrfToken).toBe('csrf-token-0123456789');
    expect(await v.getSession(SHA('d'))).toBeNull();
    await v.setUserDisabled(alice.userId, true, 'admin');
    expect(await v.getSession(SHA('c'))).toBeNull();
    expect((await v.listUsers()).find((u) => u.userId === alice.userId)?.disabled).toBe(true);
    await v.deleteSession(SHA('c'));
    const actions = (await store.db.selectFrom('audit').select('action').execute()).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['user.create', 'invitation.create', 'invitation.accept', 'user.disable']),
    );
  });

  it('builds seeded batches: same seed same batch, 20 % doubled on two different validators', async () => {
    const { alice, bob, rita } = await users();
    const spec = { runId, name: 'lot 1', size: 10, validators: [alice.userId, bob.userId], createdBy: rita.userId };
    const batch = await store.validation.createBatch({ ...spec, strategy: 'random', seed: 's1' });
    expect(batch).toMatchObject({ segments: 10, doubled: 2, total: 12, done: 0, strategy: 'random', doubleShare: 0.2 });
    const rows = await store.db.selectFrom('assignments').selectAll().where('batch_id', '=', batch.batchId).execute();
    const doubled = rows.filter((r) => r.double === 1);
    expect(doubled).toHaveLength(4);
    for (const key of new Set(doubled.map((r) => r.record_key))) {
      expect(new Set(doubled.filter((r) => r.record_key === key).map((r) => r.user_id)).size).toBe(2);
    }
    // Determinism: a second store session with the same seed picks the same segments.
    const picked = rows.map((r) => r.record_key).sort();
    await store.db.deleteFrom('assignments').execute();
    const again = await store.validation.createBatch({ ...spec, strategy: 'random', seed: 's1' });
    const rows2 = await store.db
      .selectFrom('assignments')
      .select('record_key')
      .where('batch_id', '=', again.batchId)
      .execute();
    expect(rows2.map((r) => r.record_key).sort()).toEqual(picked);
  });

  it('active picks the smallest margins; stratified covers every theme; used segments are not offered again', async () => {
    const { alice, bob, rita } = await users();
    const spec = { runId, validators: [alice.userId, bob.userId], createdBy: rita.userId, doubleShare: 0 };
    const active = await store.validation.createBatch({
      ...spec,
      name: 'actif',
      strategy: 'active',
      size: 3,
      defaultThreshold: 0.5,
    });
    const a = await store.db
      .selectFrom('assignments')
      .select('record_key')
      .where('batch_id', '=', active.batchId)
      .execute();
    // Scores are 0.5 + (i+1)/50: rows 1, 2, 3 are the closest to 0.5.
    expect(a.map((r) => r.record_key).sort()).toEqual([
      'src1-1-amelioration',
      'src1-2-amelioration',
      'src1-3-amelioration',
    ]);
    const strat = await store.validation.createBatch({
      ...spec,
      name: 'strates',
      strategy: 'stratified',
      size: 5,
      seed: 'x',
    });
    const s = await store.db
      .selectFrom('assignments as a')
      .innerJoin('segments as s', (j) =>
        j.onRef('s.record_key', '=', 'a.record_key').onRef('s.segment_index', '=', 'a.segment_index'),
      )
      .select(['s.themes', 'a.record_key'])
      .where('a.batch_id', '=', strat.batchId)
      .execute();
    expect(new Set(s.map((r) => r.themes)).size).toBe(5);
    expect(s.some((r) => a.map((x) => x.record_key).includes(r.record_key))).toBe(false);
  });

  it('saves, corrects and undoes append-only, never touching machine labels', async () => {
    const v = store.validation;
    const { alice, bob, rita } = await users();
    const batch = await v.createBatch({
      runId,
      name: 'lot',
      strategy: 'random',
      size: 4,
      validators: [alice.userId, bob.userId],
      createdBy: rita.userId,
      doubleShare: 0.5,
      seed: 'k',
    });
    const first = await v.nextAssignment(alice.userId);
    expect(first).not.toBeNull();
    if (!first) return;
    expect(first.position).toBe(0);
    expect(first.total).toBe(3);
    expect(first.done).toBe(0);
    expect(first.proposed).toHaveLength(1);
    expect(first.recordText).toMatch(/^Commentaire numéro/);
    const machineBefore = await store.db
      .selectFrom('labels')
      .selectAll()
      .where('origin', '!=', 'human')
      .orderBy('record_key')
      .execute();

    const target = { batchId: batch.batchId, runId, recordKey: first.recordKey, segmentIndex: first.segmentIndex };
    const saved = await v.saveValidation({
      ...target,
      userId: alice.userId,
      themes: ['communication'],
      valence: 'negative',
      note: 'Je pense que oui',
    });
    expect(saved.before.origin).toBe('machine');
    expect(saved.before.themes).toEqual([first.proposed[0]?.theme]);
    expect((await v.nextAssignment(alice.userId))?.position).toBe(1);
    const corrected = await v.saveValidation({
      ...target,
      userId: alice.userId,
      themes: ['communication', 'pain'],
      valence: 'mixed',
    });
    expect(corrected.before).toEqual({
      origin: 'human',
      themes: ['communication'],
      valence: 'negative',
      unsure: false,
    });
    // Bob on the same segment (doubled or not, the store accepts it) keeps his own labels.
    await v.saveValidation({
      ...target,
      batchId: null,
      userId: bob.userId,
      themes: ['communication'],
      valence: 'negative',
    });

    let all = await v.listValidations(runId);
    expect(all).toHaveLength(3);
    expect(all[0]?.supersededBy).toBe(corrected.validationId);
    expect(
      inForce(all)
        .map((r) => r.themes.join('+'))
        .sort(),
    ).toEqual(['communication', 'communication+pain']);
    const human = await store.db
      .selectFrom('labels')
      .select(['theme', 'validator'])
      .where('origin', '=', 'human')
      .orderBy('validator')
      .orderBy('theme')
      .execute();
    expect(human).toHaveLength(3);
    expect(
      await store.db.selectFrom('labels').selectAll().where('origin', '!=', 'human').orderBy('record_key').execute(),
    ).toEqual(machineBefore);

    // Undo the correction: the first answer comes back (a 'restore' row), nothing is deleted.
    const undo1 = await v.undoLast(alice.userId);
    expect(undo1?.kind).toBe('restore');
    expect(undo1?.themes).toEqual(['communication']);
    // Undo again: the earlier decision was the restored one's base; next in force is none → retract.
    const undo2 = await v.undoLast(alice.userId);
    expect(undo2?.kind).toBe('retract');
    expect(await v.undoLast(alice.userId)).toBeNull();
    all = await v.listValidations(runId);
    expect(all).toHaveLength(5);
    expect(inForce(all).filter((r) => r.userId === alice.userId)).toHaveLength(0);
    const back = await v.nextAssignment(alice.userId);
    expect(back?.recordKey).toBe(first.recordKey); // back to pending
    // …and it reopens on the answer that was undone, not on the machine's proposal.
    expect(back?.undoneAnswer).toEqual({
      origin: 'human',
      themes: ['communication'],
      valence: 'negative',
      unsure: false,
    });
    expect(
      await store.db.selectFrom('labels').select('theme').where('validator', '=', alice.userId).execute(),
    ).toHaveLength(0);
    const audit = await store.db
      .selectFrom('audit')
      .select(['action', 'details_json'])
      .where('action', 'like', 'validation.%')
      .orderBy('audit_id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'validation.save',
      'validation.correct',
      'validation.save',
      'validation.undo',
      'validation.undo',
    ]);
    const details = JSON.parse(audit[1]?.details_json ?? '{}');
    expect(details).toMatchObject({
      modelVersion: 'lexical-test',
      codebookVersion: 'test',
      after: { themes: ['communication', 'pain'] },
    });
    expect(audit.map((a) => a.details_json).join()).not.toContain('Je pense');
  });

  it('"je ne sais pas" is recorded without human labels; a re-run keeps human labels', async () => {
    const v = store.validation;
    const { alice } = await users();
    const rec = makeRecord({ row: 1, text: 'Commentaire numéro 1' });
    await v.saveValidation({ runId, recordKey: rec.key, segmentIndex: 0, userId: alice.userId, unsure: true });
    expect(await store.db.selectFrom('labels').selectAll().where('origin', '=', 'human').execute()).toHaveLength(0);
    await v.saveValidation({
      runId,
      recordKey: rec.key,
      segmentIndex: 0,
      userId: alice.userId,
      themes: ['food' as ThemeId],
    });
    await store.saveChunk(runId, {
      records: [{ record: rec, valence: 'negative', hasTheme: true }],
      segments: [makeSegment(rec, 0, ['waiting_delays'])],
    });
    const labels = await store.db
      .selectFrom('labels')
      .select(['theme', 'origin'])
      .where('record_key', '=', rec.key)
      .orderBy('origin')
      .execute();
    expect(labels).toEqual([
      { theme: 'food', origin: 'human' },
      { theme: 'waiting_delays', origin: 'rule' },
    ]);
    await expect(
      v.saveValidation({ runId, recordKey: 'nope', segmentIndex: 0, userId: alice.userId }),
    ).rejects.toMatchObject({ code: 'USAGE' });
    await expect(
      v.saveValidation({ runId, recordKey: rec.key, segmentIndex: 0, userId: alice.userId, themes: ['<script>'] }),
    ).rejects.toThrow();
  });
}
