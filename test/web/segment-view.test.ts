import { describe, expect, it } from 'vitest';
import { loadDefaultCodebook } from '../../models/codebooks/codebook.js';
import type { AssignmentView } from '../../pipeline/store/validation-types.js';
import { evidenceStrings, segmentView } from '../../web/segment-view.js';

describe('evidence for patients', () => {
  it('keeps the words of a rule cue, drops the pattern syntax, says a negation in French', () => {
    expect(evidenceStrings(['«attendu des heures» [attente~3 heure*]', '«pas eu peur» [peur, nié]'])).toEqual([
      'attendu des heures',
      'pas eu peur (tournure négative)',
    ]);
    expect(evidenceStrings(undefined)).toEqual([]);
    expect(evidenceStrings({ feature: 'x' })).toEqual(['{"feature":"x"}']);
    expect(evidenceStrings(['x'.repeat(200)])[0]).toHaveLength(80);
  });
});

describe('segment view', () => {
  const view: AssignmentView = {
    batchId: 'b',
    runId: 'r',
    recordKey: 'k',
    segmentIndex: 1,
    position: 2,
    segmentText: 'le repas était froid',
    recordText: `${'a'.repeat(700)} le repas était froid. Merci 😀 à tous.`,
    startCp: 701,
    endCp: 721,
    proposed: [{ theme: 'meals', score: 0.8, origin: 'rule', evidence: ['«repas» [repas]'] }],
    valence: 'negative',
    modelVersion: 'm',
    codebookVersion: 'c',
    done: 1,
    total: 3,
    undoneAnswer: null,
  };

  it('cuts the context around the passage by code points and puts proposals first', () => {
    const v = segmentView(view, loadDefaultCodebook());
    expect(v.passage).toBe('le repas était froid');
    expect(v.before.startsWith('… ')).toBe(true);
    expect([...v.before].length).toBe(2 + 600 + 1 - 1);
    expect(v.after).toBe('. Merci 😀 à tous.');
    expect(v.themes[0]).toMatchObject({ themeId: 'meals', proposed: true, evidence: ['repas'] });
    expect(v.themes.filter((t) => t.proposed)).toHaveLength(1);
    expect(v.themes).toHaveLength(20);
  });

  it("opens on the validator's undone answer rather than the machine's proposal", () => {
    const v = segmentView(
      { ...view, undoneAnswer: { origin: 'human', themes: ['communication'], valence: 'mixed', unsure: false } },
      loadDefaultCodebook(),
    );
    expect(v.undone).toBe(true);
    expect(v.themes.filter((t) => t.checked).map((t) => t.themeId)).toEqual(['communication']);
    expect(v.themes.find((t) => t.themeId === 'meals')).toMatchObject({ proposed: true, checked: false });
    expect(v).toMatchObject({ valence: 'negative', checkedValence: 'mixed' });
    const plain = segmentView(view, loadDefaultCodebook());
    expect(plain.themes.filter((t) => t.checked).map((t) => t.themeId)).toEqual(['meals']);
    expect(plain).toMatchObject({ undone: false, checkedValence: 'negative' });
  });

  it('falls back to the segment text when offsets do not fit the comment', () => {
    const v = segmentView({ ...view, startCp: 5, endCp: 5000 }, loadDefaultCodebook());
    expect(v).toMatchObject({ before: '', passage: 'le repas était froid', after: '' });
  });
});
