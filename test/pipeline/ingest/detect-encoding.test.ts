import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectEncoding, SAMPLE_BYTES } from '../../../pipeline/ingest/detect-encoding.js';
import { collect, tempFolder } from './ingest-helpers.js';

const HEADER = 'id;Commentaire\n';
const TEXT = '1;Très bien, l’œuvre d’une équipe à 5 € près\n';

describe('detectEncoding', () => {
  let folder: Awaited<ReturnType<typeof tempFolder>>;
  beforeAll(async () => {
    folder = await tempFolder();
  });
  afterAll(() => folder.cleanup());

  it('reads Windows-1252 (é, œ, ’, €) when the bytes are not UTF-8', async () => {
    const path = await folder.write('esatis-cp1252.csv', iconv.encode(HEADER + TEXT, 'windows-1252'));
    expect((await detectEncoding(path)).encoding).toBe('windows-1252');
    const { records, sources } = await collect([path]);
    expect(sources[0]?.encoding).toBe('windows-1252');
    expect(records[0]?.text).toBe('Très bien, l’œuvre d’une équipe à 5 € près');
  });

  it('reads UTF-8 without BOM', async () => {
    const path = await folder.write('esatis-utf8.csv', Buffer.from(HEADER + TEXT, 'utf8'));
    expect((await detectEncoding(path)).encoding).toBe('utf-8');
    expect((await collect([path])).records[0]?.text).toBe('Très bien, l’œuvre d’une équipe à 5 € près');
  });

  it('reads UTF-8 with BOM and keeps the BOM out of the first header', async () => {
    const path = await folder.write('esatis-utf8-bom.csv', Buffer.from(`\uFEFF${HEADER}${TEXT}`, 'utf8'));
    expect((await detectEncoding(path)).encoding).toBe('utf-8-bom');
    const { records } = await collect([path]);
    expect(records[0]?.text).toContain('l’œuvre');
    expect(records[0]?.recordId).toBe('1');
  });

  it('reads UTF-16LE with BOM (Excel "Unicode text")', async () => {
    const body = iconv.encode('id\tCommentaire\n1\tÉcoute et respect\n', 'utf-16le');
    const path = await folder.write('esatis-utf16.tsv', Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
    const { records, sources } = await collect([path]);
    expect(sources[0]?.encoding).toBe('utf-16le');
    expect(records[0]?.text).toBe('Écoute et respect');
  });

  it('does not mistake a UTF-8 character cut at the sample edge for Windows-1252', async () => {
    const filler = 'x'.repeat(SAMPLE_BYTES - HEADER.length - 3);
    // "é" is 2 bytes: place it so that its first byte is the sample's last byte.
    const content = `${HEADER}1;${filler}é suite\n`;
    const bytes = Buffer.from(content, 'utf8');
    expect(bytes[SAMPLE_BYTES - 1]).toBe(0xc3);
    const path = await folder.write('edge.csv', bytes);
    expect((await detectEncoding(path)).encoding).toBe('utf-8');
  });

  it('looks past an all-ASCII first 64 KB for the first accent', async () => {
    const ascii = Array.from({ length: 3000 }, (_, i) => `${i};plain ascii comment number ${i}\n`).join('');
    const content = Buffer.concat([
      Buffer.from(HEADER + ascii),
      iconv.encode('9999;Très mal accueilli\n', 'windows-1252'),
    ]);
    expect(content.length).toBeGreaterThan(SAMPLE_BYTES);
    const path = await folder.write('late-accent-cp1252.csv', content);
    expect((await detectEncoding(path)).encoding).toBe('windows-1252');
    const { records } = await collect([path]);
    expect(records.at(-1)?.text).toBe('Très mal accueilli');
  });
});
