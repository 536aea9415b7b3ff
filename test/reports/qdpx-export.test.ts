import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultCodebook } from '../../models/codebooks/codebook.js';
import { qdaGuid, themeGuid } from '../../models/codebooks/qdc-guid.js';
import type { RunId, Store } from '../../pipeline/index.js';
import { MIN_DEFLATE_BYTES, writeQdpx } from '../../reports/qdpx-export.js';
import { machineUser, UNKNOWN_HUMAN_CODER } from '../../reports/qdpx-users.js';
import { openTempStore, type RecordSpec, RUN_ID, recordKey, saveRecords, startTestRun } from './fixture-store.js';
import { refiSchemaErrors } from './qdc-schema.js';
import { readZipEntries } from './read-zip.js';

// Astral-plane emojis (two UTF-16 units each, one with a skin-tone modifier: two code points),
// precomposed and combining accents: UTF-16 offsets would drift from code points after them.
const EMOJI_TEXTS = [
  '😡😡 Personne ne m’a expliqué l’opération 👎🏽 !',
  'L’équipe était très à l’écoute, merci 🙏 à [NOM_1].',
  'Cafe\u0301 froid 🥶 et repas servis à 21 h, j’ai eu peur de me plaindre.',
];

const SPECS: RecordSpec[] = [
  {
    row: 1,
    department: 'Chirurgie & co <ortho>',
    survey: 'MCO +48h',
    segments: [
      { text: EMOJI_TEXTS[0] as string, themes: { communication: 0.9 }, valence: 'negative' },
      { text: EMOJI_TEXTS[1] as string, themes: { communication: 0.7, respect_dignity: 0.6 }, valence: 'positive' },
    ],
  },
  {
    row: 2,
    department: 'Médecine',
    segments: [
      { text: 'Question de l’enquêtrice 🎤 ?', context: true, role: 'Interviewer', themes: { communication: 0.9 } },
      {
        text: EMOJI_TEXTS[2] as string,
        role: 'Patient',
        themes: { meals: 0.8, fear_of_reprisal: 0.7, custom_theme: 0.6 },
      },
      { text: 'Rien à signaler.', role: 'Patient' },
      { text: 'Sans rôle ni thème.' },
    ],
  },
  { row: 3, segments: [{ text: '=HYPERLINK("x") 😀 bien', themes: { care_quality: 0.55 } }] },
];

let store: Store;
let dir: string;
let cleanup: () => Promise<void>;
let qde: string;
let zip: JSZip;
let path: string;

function parseQde(xml: string) {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    isArray: (name) => ['TextSource', 'PlainTextSelection', 'Coding', 'User', 'Code', 'VariableValue'].includes(name),
  });
  return parser.parse(xml).Project;
}

interface Selection {
  guid: string;
  name: string;
  startPosition: string;
  endPosition: string;
  Coding?: { creatingUser: string; CodeRef: { targetGUID: string } }[];
}
interface Source {
  guid: string;
  name: string;
  plainTextPath: string;
  PlainTextSelection?: Selection[];
  VariableValue?: { VariableRef: { targetGUID: string }; TextValue?: string; FloatValue?: string }[];
}

beforeAll(async () => {
  ({ store, dir, cleanup } = await openTempStore());
  await startTestRun(store);
  await saveRecords(store, SPECS, RUN_ID, 2);
  // Human validations: one by a named co-researcher, one whose coder was not recorded, and one
  // on the interviewer's (context) turn, which is never coded.
  const human = (row: number, index: number, theme: string, evidence: unknown) => ({
    run_id: RUN_ID,
    record_key: recordKey(row),
    segment_index: index,
    theme,
    origin: 'human' as const,
    score: 1,
    evidence_json: JSON.stringify(evidence),
    model_version: 'human',
    codebook_version: 'default-v1',
    created_at: '2026-12-01T10:00:00.000Z',
  });
  await store.db
    .insertInto('labels')
    .values([
      human(1, 0, 'fear_of_reprisal', { validator: 'Camille (patiente partenaire)' }),
      human(1, 1, 'communication', { validator: 'Camille (patiente partenaire)' }),
      human(2, 1, 'legitimacy', ['no coder here']),
      human(2, 0, 'trust', { validator: 'Camille (patiente partenaire)' }),
    ])
    .execute();
  path = join(dir, 'run.qdpx');
  await writeQdpx(store, RUN_ID, path, { codebook: loadDefaultCodebook() });
  zip = await JSZip.loadAsync(readFileSync(path));
  qde = (await zip.file('project.qde')?.async('string')) ?? '';
});
afterAll(async () => cleanup());

describe('writeQdpx', () => {
  it('writes a project.qde that validates against Project-mrt2019.xsd', async () => {
    expect(qde).toContain('<Project xmlns="urn:QDA-XML:project:1.0"');
    expect(await refiSchemaErrors(qde, 'project', 'project.qde')).toEqual([]);
  });

  it('the schema check can fail: a selection without endPosition is rejected', async () => {
    const broken = qde.replace(/ endPosition="\d+"/, '');
    expect((await refiSchemaErrors(broken, 'project')).join('\n')).toMatch(/endPosition/);
  });

  it('holds one plain-text source per record, with exactly the stored pseudonymized text', async () => {
    const project = parseQde(qde);
    const sources: Source[] = project.Sources.TextSource;
    const records = await store.db
      .selectFrom('records')
      .select(['record_key', 'text'])
      .where('run_id', '=', RUN_ID)
      .execute();
    expect(sources).toHaveLength(records.length);
    for (const record of records) {
      const guid = qdaGuid('source', RUN_ID, record.record_key);
      const source = sources.find((s) => s.guid === guid);
      expect(source?.plainTextPath).toBe(`internal://${guid}.txt`);
      expect(await zip.file(`sources/${guid}.txt`)?.async('string')).toBe(record.text);
    }
    expect(Object.keys(zip.files).sort()).toEqual(
      ['project.qde', ...sources.map((s) => `sources/${s.guid}.txt`)].sort(),
    );
  });

  it('places every selection at the segment’s code-point offsets (emojis, accents)', async () => {
    const project = parseQde(qde);
    const segments = await store.db
      .selectFrom('segments')
      .select(['record_key', 'segment_index', 'text', 'context'])
      .where('run_id', '=', RUN_ID)
      .execute();
    let checked = 0;
    let utf16WouldDiffer = 0;
    for (const source of project.Sources.TextSource as Source[]) {
      const text = (await zip.file(`sources/${source.guid}.txt`)?.async('string')) ?? '';
      const codePoints = Array.from(text);
      for (const selection of source.PlainTextSelection ?? []) {
        const [key, index] = selection.name.split('#');
        const segment = segments.find((s) => s.record_key === key && s.segment_index === Number(index));
        const start = Number(selection.startPosition);
        const end = Number(selection.endPosition);
        expect(codePoints.slice(start, end).join('')).toBe(segment?.text);
        if (text.slice(start, end) !== segment?.text) utf16WouldDiffer += 1;
        checked += 1;
      }
    }
    // 5 coded or role-bearing non-context segments; the context turn and the bare one are left out.
    expect(checked).toBe(5);
    expect(utf16WouldDiffer).toBeGreaterThanOrEqual(3);
  });

  it('codes machine labels by the model, human labels by their coder, and roles; drops no label', async () => {
    const project = parseQde(qde);
    const users: { guid: string; name: string }[] = project.Users.User;
    const camille = users.find((u) => u.name === 'Camille (patiente partenaire)');
    const unknown = users.find((u) => u.name === UNKNOWN_HUMAN_CODER);
    const machine = machineUser('lexical-test-1');
    expect(users.map((u) => u.name)).toEqual([
      'Verbatim lexical-test-1',
      'Camille (patiente partenaire)',
      UNKNOWN_HUMAN_CODER,
    ]);
    const codings = (project.Sources.TextSource as Source[]).flatMap((s) =>
      (s.PlainTextSelection ?? []).flatMap((sel) => (sel.Coding ?? []).map((c) => ({ sel: sel.name, ...c }))),
    );
    const by = (sel: string, user: string | undefined) =>
      codings
        .filter((c) => c.sel === sel && c.creatingUser === user)
        .map((c) => c.CodeRef.targetGUID)
        .sort();
    const k1 = recordKey(1);
    const k2 = recordKey(2);
    expect(by(`${k1}#0`, camille?.guid)).toEqual([themeGuid({ id: 'fear_of_reprisal' })]);
    expect(by(`${k1}#1`, camille?.guid)).toEqual([themeGuid({ id: 'communication' })]);
    expect(by(`${k2}#1`, unknown?.guid)).toEqual([themeGuid({ id: 'legitimacy' })]);
    expect(by(`${k1}#1`, machine.guid)).toEqual(
      [themeGuid({ id: 'communication' }), themeGuid({ id: 'respect_dignity' })].sort(),
    );
    // custom_theme is not in the codebook: it gets a code rather than being dropped.
    expect(by(`${k2}#1`, machine.guid)).toEqual(
      [
        themeGuid({ id: 'meals' }),
        themeGuid({ id: 'fear_of_reprisal' }),
        themeGuid({ id: 'custom_theme' }),
        qdaGuid('role', 'Patient'),
      ].sort(),
    );
    expect(by(`${k2}#2`, machine.guid)).toEqual([qdaGuid('role', 'Patient')]);
    expect(codings.some((c) => c.sel === `${k2}#0`)).toBe(false);
    // Every label of a non-context segment is a coding (7 machine + 3 human; the 4th human label
    // is on the interviewer's turn), plus one role coding per Patient turn.
    const labels = await store.db
      .selectFrom('labels as l')
      .innerJoin('segments as s', (j) =>
        j
          .onRef('s.run_id', '=', 'l.run_id')
          .onRef('s.record_key', '=', 'l.record_key')
          .onRef('s.segment_index', '=', 'l.segment_index'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('s.context', '=', 0)
      .executeTakeFirstOrThrow();
    expect(codings.length).toBe(Number(labels.n) + 2);
    expect(Number(labels.n)).toBe(10);
  });

  it('nests codes by family, with a role group, and gives variables to sources', () => {
    const project = parseQde(qde);
    const top: { name: string; isCodable: string; Code?: { name: string }[] }[] = project.CodeBook.Codes.Code;
    expect(top.map((c) => [c.name, c.isCodable])).toEqual([
      ['Relationnel et partenariat', 'false'],
      ['Expérience des soins', 'false'],
      ['custom_theme', 'true'],
      ['Rôle du locuteur', 'false'],
    ]);
    expect(top[3]?.Code?.map((c) => c.name)).toEqual(['Patient']);
    const first = (project.Sources.TextSource as Source[]).find(
      (s) => s.guid === qdaGuid('source', RUN_ID, recordKey(1)),
    );
    expect(first?.name).toBe('esatis-2025.csv · 1 · commentaire');
    expect(first?.VariableValue?.map((v) => v.TextValue)).toContain('Chirurgie & co <ortho>');
  });

  it('is byte-for-byte stable across exports and page sizes', async () => {
    const again = join(dir, 'again.qdpx');
    await writeQdpx(store, RUN_ID, again, { codebook: loadDefaultCodebook(), pageSize: 1 });
    const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
    expect(sha(again)).toBe(sha(path));
  });

  it('refuses an unknown run and leaves no file', async () => {
    const out = join(dir, 'none.qdpx');
    await expect(writeQdpx(store, 'run-nope' as RunId, out, { codebook: loadDefaultCodebook() })).rejects.toThrow(
      /no run "run-nope"/,
    );
    expect(() => readFileSync(out)).toThrow();
  });
});

describe('writeQdpx on 3,000 sources', () => {
  it('round-trips every source through yauzl with its exact bytes, stored or deflated, project.qde last', async () => {
    const big = await openTempStore();
    try {
      await startTestRun(big.store);
      // Mostly short comments (stored), every 50th a long transcript-like text (deflated), with
      // emojis and combining accents so that any byte slip shows.
      const specs: RecordSpec[] = Array.from({ length: 3000 }, (_, i) => ({
        row: i + 1,
        segments:
          i % 50 === 0
            ? [{ text: `${EMOJI_TEXTS[i % 3]} ${'Le repas était froid, Cafe\u0301 tiède. '.repeat(40)}${i}` }]
            : [{ text: `${EMOJI_TEXTS[i % 3]} n°${i}`, themes: { communication: 0.8 } }],
      }));
      await saveRecords(big.store, specs, RUN_ID, 1000);
      const out = join(big.dir, 'big.qdpx');
      const stats = await writeQdpx(big.store, RUN_ID, out, { codebook: loadDefaultCodebook(), pageSize: 400 });
      expect(stats.sources).toBe(3000);
      const entries = await readZipEntries(out);
      expect(entries).toHaveLength(3001);
      expect(entries.at(-1)?.name).toBe('project.qde');
      const byName = new Map(entries.map((e) => [e.name, e]));
      expect(byName.size).toBe(3001);
      const records = await big.store.db
        .selectFrom('records')
        .select(['record_key', 'text'])
        .where('run_id', '=', RUN_ID)
        .execute();
      expect(records).toHaveLength(3000);
      let deflated = 0;
      for (const record of records) {
        const entry = byName.get(`sources/${qdaGuid('source', RUN_ID, record.record_key)}.txt`);
        const expected = Buffer.from(record.text, 'utf8');
        expect(entry?.data.equals(expected)).toBe(true);
        expect(entry?.method).toBe(expected.length >= MIN_DEFLATE_BYTES ? 8 : 0);
        if (entry?.method === 8) deflated += 1;
      }
      expect(deflated).toBe(60);
      const mtimes = new Set(entries.map((e) => e.mtime.getTime()));
      expect(mtimes.size).toBe(1);
      const project = parseQde(byName.get('project.qde')?.data.toString('utf8') ?? '');
      expect(project.Sources.TextSource).toHaveLength(3000);
    } finally {
      await big.cleanup();
    }
  }, 300_000);
});
