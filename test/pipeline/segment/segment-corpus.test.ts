/**
 * The interview corpus (corpora/interviews) segmented as ingest hands it over: every turn
 * attributed, roles normalized, interviewer turns as context. Also checks that the corpus is what
 * its README says: the .docx matches its source and every planted PII string is present.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { SegmentOptionsSchema, segment } from '../../../pipeline/segment/segment.js';
import { makeRecord } from './make-record.js';

const CORPUS = fileURLToPath(new URL('../../../corpora/interviews/', import.meta.url));
const read = (name: string): string => readFileSync(join(CORPUS, name), 'utf8');

async function docxParagraphs(name: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(join(CORPUS, name)));
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  return [...xml.matchAll(/<w:p>(.*?)<\/w:p>/g)].map((p) =>
    [...(p[1] ?? '').matchAll(/<w:t[^>]*>(.*?)<\/w:t>/g)]
      .map((t) => (t[1] ?? '').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&'))
      .join(''),
  );
}

describe('segment — interview corpus', () => {
  it.each([
    ['entretien-ru-chu1.txt', { Enquêteur: 'Interviewer', RU1: 'RU', PP2: 'Patient' }],
    ['entretien-ide-ch2.source.md', { E: 'Interviewer', 'IDE 3': 'IDE', 'CDS 1': 'Cadre' }],
  ])('attributes the turns of %s', (name, roles) => {
    const segments = segment(makeRecord(read(name), { kind: 'transcript' }), SegmentOptionsSchema.parse({}));
    const attributed = segments.filter((s) => s.speaker !== null);
    expect(attributed.length / segments.length).toBeGreaterThan(0.95);
    expect(Object.fromEntries(attributed.map((s) => [s.speaker, s.role]))).toEqual(roles);
    for (const s of segments) expect(s.context).toBe(s.role === 'Interviewer' || s.speaker === null);
    expect(segments.filter((s) => s.timestamp !== null).length > 0).toBe(name.endsWith('chu1.txt'));
  });

  it('has a .docx built from its source, one paragraph per non-empty line', async () => {
    const source = read('entretien-ide-ch2.source.md')
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '');
    expect(await docxParagraphs('entretien-ide-ch2.docx')).toEqual(source);
  });

  it('holds every planted PII string listed in pii.json', async () => {
    const planted = JSON.parse(read('pii.json')) as Record<string, string[]>;
    expect(Object.keys(planted).sort()).toEqual(
      ['entretien-ide-ch2.docx', 'entretien-ru-chu1.txt', 'focus-groupe-ch2.vtt'].sort(),
    );
    for (const [name, values] of Object.entries(planted)) {
      const text = name.endsWith('.docx') ? (await docxParagraphs(name)).join('\n') : read(name);
      for (const value of values) expect(text, `${name}: ${value}`).toContain(value);
    }
  });
});
