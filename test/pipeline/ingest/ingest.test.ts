import { chmod } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { VerbatimError } from '../../../pipeline/errors.js';
import { ingest, parseMapOptions } from '../../../pipeline/ingest/ingest.js';
import { collect, fixture, tally, tempFolder } from './ingest-helpers.js';

describe('ingest', () => {
  it('announces each source before its rows, across formats', async () => {
    const events: string[] = [];
    for await (const item of ingest(
      [fixture('esatis-two-prompts.csv'), fixture('classify-input.jsonl'), fixture('transcripts/focus-group.vtt')],
      { map: parseMapOptions([]), maxCellChars: 50_000, onSource: (source) => events.push(`source:${source.format}`) },
    )) {
      events.push(item.kind);
    }
    expect(events.filter((event) => event.startsWith('source'))).toEqual(['source:csv', 'source:jsonl', 'source:vtt']);
    expect(events[0]).toBe('source:csv');
    expect(events.indexOf('source:jsonl')).toBe(4);
    expect(events.at(-2)).toBe('source:vtt');
  });

  it('keeps rows = records + empty + quarantined + duplicates over a mixed batch', async () => {
    const { items } = await collect([
      fixture('esatis-dirty.csv'),
      fixture('esatis-two-prompts.csv'),
      fixture('classify-input.jsonl'),
      fixture('transcripts/interview-ru-ide.txt'),
    ]);
    const counts = tally(items);
    expect(counts.ok + counts.empty + counts.quarantined + counts.duplicates).toBe(items.length);
    expect(counts).toEqual({ ok: 4 + 2 + 3 + 1, empty: 1 + 1 + 1, quarantined: 3 + 3, duplicates: 1 });
  });

  it('stops a consumer-abandoned file cleanly', async () => {
    const iterator = ingest([fixture('esatis-multiline-quoted.csv')], {
      map: parseMapOptions([]),
      maxCellChars: 50_000,
    });
    const first = await iterator.next();
    expect(first.done).toBe(false);
    expect((await iterator.return(undefined)).done).toBe(true);
  });

  it.skipIf(process.getuid?.() === 0)('reports a file it may not read as unreadable', async () => {
    const folder = await tempFolder();
    try {
      const path = await folder.write('locked.csv', 'id;Commentaire\n1;Bien\n');
      await chmod(path, 0o000);
      const error = await collect([path]).catch((caught: unknown) => caught);
      expect((error as VerbatimError).code).toBe('INPUT_UNREADABLE');
      expect((error as VerbatimError).message).toBe(`${path}: cannot be read: permission denied`);
    } finally {
      await folder.cleanup();
    }
  });

  it('reports a file that vanished between resolution and reading as missing', async () => {
    const error = await collect(['/nonexistent/verbatim/x.csv']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VerbatimError);
    expect((error as VerbatimError).code).toBe('INPUT_MISSING');
  });
});
