// Assembles the synthetic e-Satis export and its gold files from the hand-written sources.
//
//   node --import tsx corpora/esatis/build-export.ts [--tune-only]
//
// Reads  source/tune.jsonl (required) and source/heldout.jsonl (optional, written separately;
//        --tune-only ignores it, exactly as if it were absent).
// Writes esatis-export-2026-T3.csv (Windows-1252, `;`, CRLF), gold.jsonl, gold-tune.jsonl,
//        gold-heldout.jsonl and expected.json. Deterministic: a seeded PRNG, no Math.random, no clock.
// After writing, the CSV is decoded and parsed back and every count in expected.json is checked
// against what was planted; any mismatch or invalid source line aborts with a non-zero exit code.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { loadDefaultCodebook } from '../../models/codebooks/codebook.js';
import { isNonInformative } from '../../pipeline/index.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SOURCES = [
  { split: 'tune', file: path.join(HERE, 'source', 'tune.jsonl'), required: true },
  { split: 'heldout', file: path.join(HERE, 'source', 'heldout.jsonl'), required: false },
] as const;
const CSV_NAME = 'esatis-export-2026-T3.csv';
const SEED = 20260930;
const TUNE_ONLY = process.argv.includes('--tune-only');
const HEADER = [
  'N° réponse',
  'Date de sortie',
  'Service',
  'Questionnaire',
  'Score global',
  "Qu'avez-vous apprécié ?",
  'Que faudrait-il améliorer ?',
];
const FIELDS = ['appreciation', 'amelioration'] as const;
type Field = (typeof FIELDS)[number];
type Split = (typeof SOURCES)[number]['split'];

/** Theme ids of the default codebook: labels must use them and nothing else. */
const THEMES = new Set(loadDefaultCodebook().themes.map((t) => t.id as string));
const VALENCES = new Set(['positive', 'negative', 'mixed', 'neutral']);
const SURVEYS = new Set(['MCO +48h', 'MCO CA', 'SMR', 'HAD']);

/**
 * The pipeline's own rule, so that the corpus and ingest can never disagree on what is empty,
 * applied to the text as the Windows-1252 export will hold it (an emoji-only answer becomes "?").
 */
function isInformative(text: string | null | undefined): boolean {
  return text != null && !isNonInformative(iconv.decode(iconv.encode(text, 'win1252'), 'win1252'));
}

/** Cells that make a row unusable: more than this many characters, or C0 control characters. */
const MAX_CELL = 50_000;
// biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

interface Label {
  themes: string[];
  valence: string;
}
interface SourceRow {
  row_id: string;
  date: string;
  department: string;
  survey: string;
  score: number | null;
  appreciation: string | null;
  amelioration: string | null;
  labels: Partial<Record<Field, Label>>;
  pii: string[];
}
interface Row {
  kind: 'source' | 'empty';
  split?: Split;
  id: string;
  cells: string[];
}

// ---------------------------------------------------------------- PRNG
function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
/** Integer in [lo, hi] inclusive. */
const randInt = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
function pick<T>(items: readonly T[]): T {
  const item = items[randInt(0, items.length - 1)];
  if (item === undefined) throw new Error('pick from empty list');
  return item;
}
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randInt(0, i);
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}

// ---------------------------------------------------------------- sources
function fail(message: string): never {
  console.error(`build-export: ${message}`);
  process.exit(1);
}

function validate(rec: SourceRow, where: string, errors: string[]): void {
  const err = (m: string) => errors.push(`${where} (${rec.row_id ?? '?'}): ${m}`);
  if (typeof rec.row_id !== 'string' || !/^[A-Za-z0-9_-]+$/.test(rec.row_id)) err('bad row_id');
  if (typeof rec.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(rec.date)) err('date must be YYYY-MM-DD');
  if (typeof rec.department !== 'string' || rec.department.trim() === '') err('missing department');
  if (!SURVEYS.has(rec.survey)) err(`unknown survey ${JSON.stringify(rec.survey)}`);
  if (rec.score !== null && !(typeof rec.score === 'number' && rec.score >= 0 && rec.score <= 100)) err('bad score');
  if (typeof rec.labels !== 'object' || rec.labels === null) err('labels must be an object');
  if (!Array.isArray(rec.pii)) err('pii must be an array');
  for (const f of FIELDS) {
    const text = rec[f];
    if (text !== null && typeof text !== 'string') err(`${f} must be a string or null`);
    if (typeof text === 'string' && (CONTROL.test(text) || text.includes('\r') || text.length > MAX_CELL)) {
      err(`${f} has control characters, CR or is too long`);
    }
    const label = rec.labels?.[f];
    if (isInformative(text)) {
      if (!label) err(`informative ${f} has no label`);
      else {
        if (!Array.isArray(label.themes) || label.themes.some((t) => !THEMES.has(t))) err(`${f}: unknown theme`);
        if (new Set(label.themes).size !== label.themes.length) err(`${f}: repeated theme`);
        if (!VALENCES.has(label.valence)) err(`${f}: bad valence`);
      }
    } else if (label) err(`${f} is empty or non-informative but has a label`);
  }
  const texts = `${rec.appreciation ?? ''}\n${rec.amelioration ?? ''}`;
  for (const s of rec.pii ?? []) if (!texts.includes(s)) err(`pii ${JSON.stringify(s)} not found in the text`);
  if (rec.appreciation === null && rec.amelioration === null) err('both text fields are null');
}

function loadSources(): { split: Split; rec: SourceRow }[] {
  const out: { split: Split; rec: SourceRow }[] = [];
  const errors: string[] = [];
  const ids = new Set<string>();
  for (const src of SOURCES) {
    if (!fs.existsSync(src.file) || (src.split === 'heldout' && TUNE_ONLY)) {
      if (src.required) fail(`missing ${src.file}`);
      console.log(
        `build-export: ${path.relative(HERE, src.file)} ${TUNE_ONLY ? 'ignored' : 'absent'}, building without it`,
      );
      continue;
    }
    const lines = fs.readFileSync(src.file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `${path.basename(src.file)}:${i + 1}`;
      let rec: SourceRow;
      try {
        rec = JSON.parse(line) as SourceRow;
      } catch {
        errors.push(`${where}: not valid JSON`);
        return;
      }
      validate(rec, where, errors);
      if (ids.has(rec.row_id)) errors.push(`${where}: duplicate row_id ${rec.row_id}`);
      ids.add(rec.row_id);
      out.push({ split: src.split, rec });
    });
  }
  if (errors.length) fail(`invalid sources:\n  ${errors.join('\n  ')}`);
  return out;
}

// ---------------------------------------------------------------- CSV cells
const frDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const frScore = (s: number | null): string =>
  s === null ? '' : Number.isInteger(s) ? String(s) : s.toFixed(1).replace('.', ',');
/** Quote a cell only when needed, as spreadsheet exports do. */
const quote = (cell: string): string => (/[;"\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
/** Replace every code point Windows-1252 cannot hold by one "?" (iconv-lite would emit one per UTF-16 unit). */
function cp1252Safe(text: string): string {
  let out = '';
  for (const ch of text) out += iconv.decode(iconv.encode(ch, 'win1252'), 'win1252') === ch ? ch : '?';
  return out;
}

// ---------------------------------------------------------------- build
const sources = loadSources();
const sourceRows: Row[] = sources.map(({ split, rec }) => ({
  kind: 'source',
  split,
  id: rec.row_id,
  cells: [
    rec.row_id,
    frDate(rec.date),
    rec.department,
    rec.survey,
    frScore(rec.score),
    rec.appreciation ?? '',
    rec.amelioration ?? '',
  ],
}));

// Rows whose two text cells are blank or "RAS"-like: respondents who only gave scores.
const BLANKS = [
  '',
  '',
  '',
  'RAS',
  'Néant',
  '/',
  '-',
  'Rien à signaler',
  'rien',
  'R.A.S',
  'NC',
  'Sans objet',
  'x',
  ' RAS',
];
const DEPARTMENTS: [string, string][] = [
  ['Cardiologie', 'MCO +48h'],
  ['Pneumologie', 'MCO +48h'],
  ['Gériatrie', 'MCO +48h'],
  ['Chirurgie ambulatoire', 'MCO CA'],
  ['SMR', 'SMR'],
  ['HAD', 'HAD'],
  ['Maternité', 'MCO +48h'],
  ['Urgences', 'MCO +48h'],
];
const randomDate = (): string => {
  const d = new Date(Date.UTC(2026, 6, 1) + randInt(0, 91) * 86_400_000);
  return d.toISOString().slice(0, 10);
};
const emptyRows: Row[] = [];
for (let i = 1; i <= 10; i++) {
  const [dep, survey] = pick(DEPARTMENTS);
  const id = `E${String(i).padStart(4, '0')}`;
  const score = randInt(0, 1) ? randInt(40, 95) : randInt(400, 950) / 10;
  emptyRows.push({
    kind: 'empty',
    id,
    cells: [id, frDate(randomDate()), dep, survey, frScore(score), pick(BLANKS), pick(BLANKS)],
  });
}

// Interleave both parts and the score-only rows.
type Item = { row: Row; duplicate: boolean } | { bad: { id: string; reason: string; line: string } };
const items: Item[] = shuffle([...sourceRows, ...emptyRows]).map((row) => ({ row, duplicate: false }));

// Duplicates as overlapping exports produce them: one block of 12 consecutive rows exported twice,
// plus 8 isolated rows repeated later. Copies are always placed after their original.
const rowAt = (i: number): Row => {
  const it = items[i];
  if (!it || !('row' in it)) throw new Error(`no row at ${i}`);
  return it.row;
};
const BLOCK = 12;
const blockStart = randInt(20, Math.floor(items.length * 0.4));
const block = items
  .slice(blockStart, blockStart + BLOCK)
  .map((it) => ({ row: (it as { row: Row }).row, duplicate: true }));
items.splice(randInt(blockStart + BLOCK + 30, blockStart + BLOCK + 120), 0, ...block);
const duplicated = new Set(block.map((b) => b.row.id));
for (let n = 0; n < 8; ) {
  const i = randInt(0, items.length - 40);
  const row = rowAt(i);
  if (row.kind !== 'source' || duplicated.has(row.id) || (items[i] as { duplicate: boolean }).duplicate) continue;
  duplicated.add(row.id);
  items.splice(randInt(i + 1, items.length), 0, { row, duplicate: true });
  n++;
}

// Four rows a reader must quarantine (never in gold).
const FILLER = (
  'le la les un une des et mais donc car personnel service chambre soins repas attente médecin ' +
  'infirmière équipe hôpital très bien pas assez trop jour nuit merci sortie accueil patient ' +
  'famille douleur temps encore toujours jamais vraiment plutôt'
).split(' ');
let filler = 'Je voulais dire que';
while (filler.length <= MAX_CELL + 8_000) filler += ` ${pick(FILLER)}`;
filler += '.';
const garbage =
  'Tr\u00e8s bien soign\u00e9\u0000\u0001\u0002\u0003 mais\u0004\u0005\u0006 \u0007\u0008\u000b' +
  '\u000c\u000e\u000f\u0010\u0011\u0012 l\u0027attente\u0013\u0014\u0015\u0016\u0017\u0018\u0019' +
  '\u001a\u001b\u001c\u001d\u001e\u001f\u007f\u0000\u0000 ';
const badRows = [
  {
    id: 'Q0001',
    reason: 'extra column: unquoted ";" inside a text cell (8 fields)',
    line: `Q0001;${frDate(randomDate())};Cardiologie;MCO +48h;71;Bon accueil; équipe sympa;Les repas froids`,
  },
  {
    id: 'Q0002',
    reason: 'truncated row (5 fields)',
    line: `Q0002;${frDate(randomDate())};Pneumologie;MCO +48h;64`,
  },
  {
    id: 'Q0003',
    reason: `cell longer than ${MAX_CELL} characters`,
    line: [`Q0003`, frDate(randomDate()), 'Oncologie', 'MCO +48h', '55', filler, 'RAS'].join(';'),
  },
  {
    id: 'Q0004',
    reason: 'control characters (binary garbage) in a text cell',
    line: [`Q0004`, frDate(randomDate()), 'Neurologie', 'MCO +48h', '60,5', 'Le personnel', garbage].join(';'),
  },
];
for (const bad of badRows) items.splice(randInt(10, items.length - 5), 0, { bad });

// ---------------------------------------------------------------- serialise
const records: string[] = items.map((it) => ('bad' in it ? it.bad.line : it.row.cells.map(quote).join(';')));
const text = `${[HEADER.join(';'), ...records].map(cp1252Safe).join('\r\n')}\r\n`;
const csvBytes = iconv.encode(text, 'win1252');
fs.writeFileSync(path.join(HERE, CSV_NAME), csvBytes);

// What was planted, by construction.
const planted = { duplicates: 0, quarantined: 0, empty: 0, ok: 0, textRecords: 0 };
const quarantinedRows: number[] = [];
const quarantinedLines: number[] = [];
const quarantinedIds: string[] = [];
const reasons: Record<string, string> = {};
const duplicateIds: string[] = [];
const emptyIds: string[] = [];
let line = 2; // physical line of the current record's start; header is line 1
items.forEach((it, i) => {
  const rec = records[i] ?? '';
  if ('bad' in it) {
    planted.quarantined++;
    quarantinedRows.push(i + 1);
    quarantinedLines.push(line);
    quarantinedIds.push(it.bad.id);
    reasons[it.bad.id] = it.bad.reason;
  } else if (it.duplicate) {
    planted.duplicates++;
    duplicateIds.push(it.row.id);
  } else {
    const informative = [5, 6].filter((c) => isInformative(it.row.cells[c])).length;
    if (informative === 0) {
      planted.empty++;
      emptyIds.push(it.row.id);
    } else {
      planted.ok++;
      planted.textRecords += informative;
    }
  }
  line += 1 + (rec.match(/\n/g)?.length ?? 0);
});

// ---------------------------------------------------------------- read back and check
const decoded = iconv.decode(csvBytes, 'win1252');
const parsed = parse(decoded, { delimiter: ';', relax_column_count: true, bom: false }) as string[][];
const [header, ...data] = parsed;
const check = { duplicates: 0, quarantined: 0, empty: 0, ok: 0, textRecords: 0 };
const seen = new Set<string>();
const checkQuarantined: number[] = [];
data.forEach((cells, i) => {
  if (cells.length !== HEADER.length || cells.some((c) => c.length > MAX_CELL || CONTROL.test(c))) {
    check.quarantined++;
    checkQuarantined.push(i + 1);
    return;
  }
  const key = cells.join('\u241e');
  if (seen.has(key)) {
    check.duplicates++;
    return;
  }
  seen.add(key);
  const informative = [cells[5], cells[6]].filter((c) => isInformative(c)).length;
  if (informative === 0) check.empty++;
  else {
    check.ok++;
    check.textRecords += informative;
  }
});
const problems: string[] = [];
if (JSON.stringify(header) !== JSON.stringify(HEADER)) problems.push('header does not read back');
if (data.length !== items.length) problems.push(`read ${data.length} records, wrote ${items.length}`);
for (const k of Object.keys(planted) as (keyof typeof planted)[]) {
  if (planted[k] !== check[k]) problems.push(`${k}: planted ${planted[k]}, read back ${check[k]}`);
}
if (JSON.stringify(checkQuarantined) !== JSON.stringify(quarantinedRows)) problems.push('quarantined rows differ');
if (decoded.split('\n').length - 1 !== line - 1) problems.push('physical line count mismatch');

// ---------------------------------------------------------------- gold
interface Gold {
  id: string;
  record_id: string;
  field: Field;
  text: string;
  themes: string[];
  valence: string;
  split: Split;
}
const gold: Gold[] = [];
for (const { split, rec } of sources) {
  for (const field of FIELDS) {
    const label = rec.labels[field];
    const fieldText = rec[field];
    if (!label || fieldText == null) continue;
    gold.push({
      id: `${rec.row_id}-${field}`,
      record_id: rec.row_id,
      field,
      text: fieldText,
      themes: label.themes,
      valence: label.valence,
      split,
    });
  }
}
if (gold.length !== planted.textRecords)
  problems.push(`gold has ${gold.length} lines, text_records ${planted.textRecords}`);
if (problems.length) fail(`self-check failed:\n  ${problems.join('\n  ')}`);

const jsonl = (rows: Gold[]): string => rows.map((g) => `${JSON.stringify(g)}\n`).join('');
fs.writeFileSync(path.join(HERE, 'gold.jsonl'), jsonl(gold));
fs.writeFileSync(path.join(HERE, 'gold-tune.jsonl'), jsonl(gold.filter((g) => g.split === 'tune')));
fs.writeFileSync(path.join(HERE, 'gold-heldout.jsonl'), jsonl(gold.filter((g) => g.split === 'heldout')));

// ---------------------------------------------------------------- expected.json
const pii: string[] = [];
for (const { rec } of sources) for (const s of rec.pii) if (!pii.includes(s)) pii.push(s);
const bySplit = (s: Split) => gold.filter((g) => g.split === s).length;
const expected = {
  rows_read: items.length,
  duplicates: planted.duplicates,
  quarantined: planted.quarantined,
  quarantined_rows: quarantinedRows,
  quarantined_rows_unit:
    'data record number: 1 = first record after the header; records, not physical lines (multi-line cells span several lines)',
  quarantined_lines: quarantinedLines,
  quarantined_lines_unit: 'physical line (LF-separated) where the record starts; the header is line 1',
  quarantined_row_ids: quarantinedIds,
  quarantine_reasons: reasons,
  empty_rows: planted.empty,
  ok_rows: planted.ok,
  text_records: planted.textRecords,
  text_records_by_split: { tune: bySplit('tune'), heldout: bySplit('heldout') },
  source_rows: {
    tune: sources.filter((s) => s.split === 'tune').length,
    heldout: sources.filter((s) => s.split === 'heldout').length,
  },
  physical_lines: line - 1,
  duplicate_row_ids: duplicateIds,
  empty_row_ids: emptyIds,
  csv: { file: CSV_NAME, encoding: 'windows-1252', delimiter: ';', line_end: 'CRLF', header: HEADER },
  pii,
};

/** JSON laid out the way biome formats it (objects expanded, arrays inline when they fit in 120 columns). */
function toJson(value: unknown, indent = 0, prefix = 0): string {
  const pad = ' '.repeat(indent + 2);
  if (Array.isArray(value)) {
    const inline = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    if (value.every((v) => typeof v !== 'object') && indent + prefix + inline.length < 120) return inline;
    return `[\n${value.map((v) => pad + toJson(v, indent + 2)).join(',\n')}\n${' '.repeat(indent)}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => {
      const key = `${JSON.stringify(k)}: `;
      return pad + key + toJson(v, indent + 2, key.length);
    });
    return `{\n${entries.join(',\n')}\n${' '.repeat(indent)}}`;
  }
  return JSON.stringify(value);
}
fs.writeFileSync(path.join(HERE, 'expected.json'), `${toJson(expected)}\n`);

console.log(
  `build-export: ${items.length} rows (${expected.source_rows.tune} tune, ${expected.source_rows.heldout} held-out, ` +
    `${emptyRows.length} score-only, ${planted.duplicates} duplicates, ${planted.quarantined} bad) -> ${CSV_NAME}; ` +
    `${gold.length} gold records (${bySplit('tune')} tune, ${bySplit('heldout')} held-out)`,
);
