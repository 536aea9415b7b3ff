import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { ZipFileWriter } from '../../reports/qdpx-zip.js';
import { readZipEntries } from './read-zip.js';

const dir = mkdtempSync(join(tmpdir(), 'vb-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MTIME = new Date(2026, 2, 14, 9, 30, 12);
const LONG = Buffer.from('Le service était 😡 bruyant. '.repeat(200), 'utf8');

async function sample(path: string, chunkSize: number): Promise<number> {
  const zip = new ZipFileWriter(path, MTIME);
  zip.addBuffer('sources/a.txt', Buffer.from('court 👎🏽', 'utf8'), false);
  zip.addBuffer('sources/b.txt', LONG, true);
  zip.addBuffer('sources/empty.txt', new Uint8Array(0), false);
  const chunks = [];
  for (let i = 0; i < LONG.length; i += chunkSize) chunks.push(LONG.subarray(i, i + chunkSize));
  await zip.addStream('project.qde', Readable.from(chunks), true, 1024);
  return zip.close();
}

describe('ZipFileWriter', () => {
  it('writes stored and deflated entries that yauzl reads back byte for byte, with fixed mtime and mode', async () => {
    const path = join(dir, 'sample.zip');
    const bytes = await sample(path, 1000);
    expect(bytes).toBe(readFileSync(path).length);
    const entries = await readZipEntries(path);
    expect(entries.map((e) => [e.name, e.method])).toEqual([
      ['sources/a.txt', 0],
      ['sources/b.txt', 8],
      ['sources/empty.txt', 0],
      ['project.qde', 8],
    ]);
    expect(entries[0]?.data.toString('utf8')).toBe('court 👎🏽');
    expect(entries[1]?.data.equals(LONG)).toBe(true);
    expect(entries[2]?.data.length).toBe(0);
    expect(entries[3]?.data.equals(LONG)).toBe(true);
    for (const e of entries) {
      expect(e.mtime.getTime()).toBe(MTIME.getTime());
      expect(e.mode).toBe(0o100644);
    }
    // Deflate pays off on the repeated text.
    expect(bytes).toBeLessThan(LONG.length);
  });

  it('gives the same bytes however the streamed entry is chunked', async () => {
    const a = join(dir, 'a.zip');
    const b = join(dir, 'b.zip');
    await sample(a, 1000);
    await sample(b, 7);
    const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
    expect(sha(b)).toBe(sha(a));
  });

  it('clamps a date before 1980 (a run without a start date) instead of failing', async () => {
    const path = join(dir, 'old.zip');
    const zip = new ZipFileWriter(path, new Date('1970-01-01T00:00:00Z'));
    zip.addBuffer('x.txt', Buffer.from('x'), false);
    await zip.close();
    const [entry] = await readZipEntries(path);
    expect(entry?.mtime.getTime()).toBe(new Date(1980, 0, 1).getTime());
  });

  it('writes a Zip64 end record past 65,535 entries, so readers see every entry', async () => {
    const path = join(dir, 'many.zip');
    const zip = new ZipFileWriter(path, MTIME);
    const count = 70_000;
    for (let i = 0; i < count; i += 1) {
      zip.addBuffer(`sources/${i}.txt`, Buffer.from(`commentaire ${i}`), false);
      if (i % 5000 === 0) await zip.drained(1 << 20);
    }
    await zip.close();
    const entries = await readZipEntries(path, false);
    expect(entries).toHaveLength(count);
    expect(entries.at(-1)?.name).toBe(`sources/${count - 1}.txt`);
    // A second reader agrees, and reads the last entry's bytes (its offset is in the Zip64 directory).
    const jszip = await JSZip.loadAsync(readFileSync(path));
    expect(Object.keys(jszip.files)).toHaveLength(count);
    expect(await jszip.file(`sources/${count - 1}.txt`)?.async('string')).toBe(`commentaire ${count - 1}`);
  }, 120_000);

  it('keeps the classic end record below 65,535 entries', async () => {
    const path = join(dir, 'few.zip');
    const zip = new ZipFileWriter(path, MTIME);
    zip.addBuffer('a.txt', Buffer.from('a'), false);
    await zip.close();
    const file = readFileSync(path);
    expect(file.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(false);
    expect(file.readUInt16LE(file.length - 12)).toBe(1);
  });

  it('abort removes the partial file', async () => {
    const path = join(dir, 'partial.zip');
    const zip = new ZipFileWriter(path, MTIME);
    // Past the file stream's 16 KiB high-water mark, so drained() has something to wait for.
    for (let i = 0; i < 10; i += 1) zip.addBuffer(`${i}.txt`, LONG, false);
    await zip.drained(0);
    expect(existsSync(path)).toBe(true);
    await zip.abort();
    expect(existsSync(path)).toBe(false);
  });
});
