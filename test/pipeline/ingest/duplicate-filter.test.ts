import { describe, expect, it } from 'vitest';
import { DuplicateFilter } from '../../../pipeline/ingest/duplicate-filter.js';
import { fingerprintRow } from '../../../pipeline/ingest/row-fingerprint.js';
import { collect, fixture, tally, tempFolder } from './ingest-helpers.js';

describe('fingerprintRow', () => {
  it('is a 52-bit integer that depends on cell boundaries', () => {
    const value = fingerprintRow(['ab', 'c']);
    expect(Number.isSafeInteger(value)).toBe(true);
    expect(value).toBeLessThan(2 ** 52);
    expect(value).not.toBe(fingerprintRow(['a', 'bc']));
    expect(value).toBe(fingerprintRow(['ab', 'c']));
  });
});

describe('DuplicateFilter', () => {
  it('remembers many fingerprints without false positives among distinct rows', () => {
    const filter = new DuplicateFilter();
    let duplicates = 0;
    for (let i = 0; i < 100_000; i++) if (filter.isDuplicate(fingerprintRow([String(i), 'même texte']))) duplicates++;
    expect(duplicates).toBe(0);
    expect(filter.size).toBe(100_000);
    expect(filter.isDuplicate(fingerprintRow(['4242', 'même texte']))).toBe(true);
    expect(filter.isDuplicate(0)).toBe(false);
    expect(filter.isDuplicate(0)).toBe(true);
  });

  it('finds exact duplicate rows across the files of one ingest call, and only within it', async () => {
    const folder = await tempFolder();
    try {
      const copy = await folder.write(
        'export-q2.csv',
        "N° réponse;Date de sortie;Service;Questionnaire;Score global;Qu'avez-vous apprécié ?;Que faudrait-il améliorer ?\n" +
          "A-001;2026-03-02;Cardiologie;MCO +48h;4,5;L'équipe soignante, très à l'écoute;Les repas, froids le soir\n" +
          'A-004;2026-03-05;Cardiologie;MCO +48h;4;Nouveau;Nouveau aussi\n',
      );
      const { items } = await collect([fixture('esatis-two-prompts.csv'), copy]);
      expect(tally(items)).toEqual({ ok: 3, empty: 1, quarantined: 0, duplicates: 1 });
      expect(items[3]).toEqual({ kind: 'duplicate', provenance: { file: copy, line: 2, row: 1 } });
      // A second call starts afresh.
      expect(tally((await collect([copy])).items).duplicates).toBe(0);
    } finally {
      await folder.cleanup();
    }
  });
});
