import { describe, expect, it } from 'vitest';
import { detectDelimiter } from '../../../pipeline/ingest/detect-delimiter.js';
import { collect, fixture } from './ingest-helpers.js';

describe('detectDelimiter', () => {
  it('finds ; in a French export with decimal commas', () => {
    const sample = 'id;Score;Commentaire\n1;4,5;Bien, merci\n2;3,0;Long, très long\n';
    expect(detectDelimiter(sample, true)).toEqual({ delimiter: ';', skipLines: 0 });
  });

  it('finds , and tab', () => {
    expect(detectDelimiter('id,score,comment\n1,4.5,"Good; really"\n', true).delimiter).toBe(',');
    expect(detectDelimiter('id\tscore\tcomment\n1\t4,5\tBien; oui, merci\n', true).delimiter).toBe('\t');
  });

  it('ignores delimiters inside quotes, including quoted line breaks', () => {
    const sample = 'id,comment\n1,"a;b;c;d\ne;f;g"\n2,"x;y"\n';
    expect(detectDelimiter(sample, true).delimiter).toBe(',');
  });

  it('prefers the delimiter whose count the rows repeat', () => {
    // The header has one ',' inside an unquoted wording, but rows agree on ';'.
    const sample = 'id;Qu’avez-vous apprécié, en général ?\n1;Tout\n2;Rien à redire\n';
    expect(detectDelimiter(sample, true).delimiter).toBe(';');
  });

  it('honours an Excel sep= line and skips it', async () => {
    expect(detectDelimiter('sep=,\nid,comment\n1,ok\n', true)).toEqual({ delimiter: ',', skipLines: 1 });
  });

  it('defaults to ; for a single column', () => {
    expect(detectDelimiter('Commentaire\nBien, vraiment\n', true).delimiter).toBe(';');
  });

  it('is reported in SourceInfo for real files', async () => {
    const { sources } = await collect([
      fixture('esatis-two-prompts.csv'),
      fixture('esatis-comma-english.csv'),
      fixture('complaints-tab.tsv'),
    ]);
    expect(sources.map((source) => source.delimiter)).toEqual([';', ',', '\t']);
    expect(sources.map((source) => source.format)).toEqual(['csv', 'csv', 'tsv']);
  });
});
