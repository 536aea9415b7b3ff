import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VerbatimError } from '../../../pipeline/errors.js';
import { type SourceRecord, SourceRecordSchema } from '../../../pipeline/record.js';
import { collect, fixture, tempFolder } from './ingest-helpers.js';

async function only(path: string): Promise<SourceRecord> {
  const { records } = await collect([path]);
  expect(records).toHaveLength(1);
  const record = records[0] as SourceRecord;
  SourceRecordSchema.parse(record);
  return record;
}

/** A minimal DOCX: the three parts Word needs, one `w:p` per paragraph. */
async function buildDocx(paragraphs: string[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  const body = paragraphs.map((text) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`).join('');
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('readTranscript', () => {
  let folder: Awaited<ReturnType<typeof tempFolder>>;
  beforeAll(async () => {
    folder = await tempFolder();
  });
  afterAll(() => folder.cleanup());

  it('keeps a TXT transcript as is (LF, no trailing spaces) with its .meta.json sidecar', async () => {
    const path = fixture('transcripts/interview-ru-ide.txt');
    const record = await only(path);
    expect(record.text).toBe(
      '[00:00:05] Enquêteur : Pouvez-vous vous présenter ?\n' +
        '[00:00:09] RU1 : Je suis représentante des usagers depuis 2019.\n' +
        "Au début, j'avais peur de ne pas être légitime.\n" +
        'IDE 3 : Il y a un gros problème de communication.',
    );
    expect(record).toMatchObject({
      kind: 'transcript',
      field: 'transcript',
      prompt: 'neutral',
      recordId: 'interview-ru-ide',
      meta: { department: 'CHU 1', date: '2026-05-02', speaker: 'RU', survey: null, score: null },
      provenance: { file: path, line: 1 },
    });
    expect(record.key).toMatch(/^[0-9a-f]{12}-000000001-transcript$/);
  });

  it('turns WebVTT voices and labels into canonical turns, merging a speaker’s consecutive cues', async () => {
    const record = await only(fixture('transcripts/focus-group.vtt'));
    expect(record.text).toBe(
      '[00:12:31] RU1 : Certains patients ont peur des représailles. Ils restent en arrière et se taisent.\n\n' +
        "[00:12:40] Médecin 2 : Je ne suis pas d'accord.\n\n" +
        '[01:02:03] E : Merci & au revoir. et à bientôt.',
    );
    // From attributes.csv, matched by stem; the empty date stays null.
    expect(record.meta).toMatchObject({ department: 'CHU 1', date: null, speaker: 'RU' });
  });

  it('turns SRT cues into canonical turns, dropping numbers and styling', async () => {
    const record = await only(fixture('transcripts/consultation.srt'));
    expect(record.text).toBe(
      "[00:00:01] Enquêteur : Comment s'est passée la sortie ?\n\n" +
        "[00:00:03] P.3 : Personne ne m'a expliqué le traitement. J'ai dû rappeler le service.",
    );
    expect(record.meta).toMatchObject({ department: 'CH 2', date: '2026-04-11', speaker: 'Patient' });
  });

  it('reads a Windows-1252 SRT with CRLF', async () => {
    const srt = '1\r\n00:00:01,000 --> 00:00:02,000\r\nRU2 : Très bien reçu, merci à l’équipe\r\n';
    const record = await only(await folder.write('cp1252.srt', iconv.encode(srt, 'windows-1252')));
    expect(record.text).toBe('[00:00:01] RU2 : Très bien reçu, merci à l’équipe');
  });

  it('extracts DOCX paragraphs with mammoth', async () => {
    const path = await folder.write(
      'entretien-docx.docx',
      await buildDocx(['RU1 : Bonjour.', 'Enquêteur : Merci d’être venue.']),
    );
    const { records, sources } = await collect([path]);
    expect(records[0]?.text).toBe('RU1 : Bonjour.\n\nEnquêteur : Merci d’être venue.');
    expect(sources[0]).toMatchObject({ format: 'docx', encoding: null });
  });

  it('refuses a corrupt DOCX and a DOCX without its document part', async () => {
    const notZip = await folder.write('corrupt.docx', 'not a zip');
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    const partial = await folder.write('partial.docx', await zip.generateAsync({ type: 'nodebuffer' }));
    for (const [path, reason] of [
      [notZip, 'not a zip archive'],
      [partial, 'missing word/document.xml'],
    ] as const) {
      const error = await collect([path]).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(VerbatimError);
      expect((error as VerbatimError).code).toBe('INPUT_UNREADABLE');
      expect((error as VerbatimError).message).toContain(reason);
    }
  });

  it('makes an empty transcript an empty row and an identical copy a duplicate', async () => {
    const empty = await folder.write('silence.txt', '  \r\n\r\n');
    const copy = join(folder.dir, 'copy-of-interview.txt');
    await copyFile(fixture('transcripts/interview-ru-ide.txt'), copy);
    const { items } = await collect([empty, fixture('transcripts/interview-ru-ide.txt'), copy]);
    expect(items[0]).toEqual({ kind: 'row', provenance: { file: empty, line: 1 }, records: [], emptyFields: 1 });
    expect(items[1]?.kind).toBe('row');
    expect(items[2]).toEqual({ kind: 'duplicate', provenance: { file: copy, line: 1 } });
  });

  it('names a broken sidecar instead of ignoring it', async () => {
    const path = await folder.write('interview-broken.txt', 'RU1 : Bonjour');
    await folder.write('interview-broken.meta.json', '{"site": ');
    const error = await collect([path]).catch((caught: unknown) => caught);
    expect((error as VerbatimError).code).toBe('INPUT_UNREADABLE');
    expect((error as VerbatimError).message).toContain('interview-broken.meta.json');
  });
});
