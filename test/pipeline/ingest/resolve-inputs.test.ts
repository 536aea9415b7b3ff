import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VerbatimError } from '../../../pipeline/errors.js';
import { resolveInputs } from '../../../pipeline/ingest/ingest.js';
import { fixture, tempFolder } from './ingest-helpers.js';

async function codeOf(paths: string[]): Promise<string> {
  const error = await resolveInputs(paths).catch((caught: unknown) => caught);
  if (!(error instanceof VerbatimError)) throw new Error('expected a VerbatimError');
  return error.code;
}

describe('resolveInputs', () => {
  let folder: Awaited<ReturnType<typeof tempFolder>>;
  beforeAll(async () => {
    folder = await tempFolder();
    await mkdir(join(folder.dir, 'b-sub'));
    await folder.write('z.csv', 'id;Commentaire\n');
    await folder.write('a.XLSX', '');
    await folder.write('b-sub/c.vtt', 'WEBVTT\n');
    await folder.write('notes.pdf', '');
    await folder.write('.hidden.csv', '');
    await folder.write('~$a.xlsx', '');
    await folder.write('attributes.csv', 'file;site\n');
    await folder.write('c.meta.json', '{}');
  });
  afterAll(() => folder.cleanup());

  it('expands folders recursively, sorted, keeping supported data files only', async () => {
    expect(await resolveInputs([folder.dir])).toEqual([
      join(folder.dir, 'a.XLSX'),
      join(folder.dir, 'b-sub/c.vtt'),
      join(folder.dir, 'z.csv'),
    ]);
  });

  it('keeps explicit files in the given order and reads a file once', async () => {
    const z = join(folder.dir, 'z.csv');
    const csv = fixture('esatis-two-prompts.csv');
    expect(await resolveInputs([z, csv, folder.dir, z])).toEqual([
      z,
      csv,
      join(folder.dir, 'a.XLSX'),
      join(folder.dir, 'b-sub/c.vtt'),
    ]);
  });

  it('reports missing paths, unsupported files and empty selections', async () => {
    expect(await codeOf([join(folder.dir, 'absent.csv')])).toBe('INPUT_MISSING');
    expect(await codeOf([join(folder.dir, 'notes.pdf')])).toBe('INPUT_UNSUPPORTED');
    await mkdir(join(folder.dir, 'empty-sub'));
    expect(await codeOf([join(folder.dir, 'empty-sub')])).toBe('INPUT_MISSING');
  });
});
