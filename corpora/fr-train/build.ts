/**
 * Builds the French training corpus from its hand-written batch files, refusing to write anything
 * when one line is wrong, so that a mislabelled or duplicated text never reaches a trained head.
 *
 *   node --import tsx corpora/fr-train/build.ts            # check, then write the outputs
 *   node --import tsx corpora/fr-train/build.ts --check    # check and print counts only
 *
 * Input: `src/*.txt`, one labelled text per line, `FIELD|VALENCE|THEMES|TEXT`, where FIELD is `A`
 * (« Qu'avez-vous apprécié ? ») or `M` (« Que faudrait-il améliorer ? »), VALENCE is `pos`, `neg`,
 * `mix` or `neu`, THEMES is `-` or comma-separated short codes (table below) and TEXT may hold
 * `\n` for a line break. `@style NAME` sets the style of the lines that follow; `#` starts a
 * comment. Outputs: `fr-train.jsonl` (this corpus), `train-all.jsonl` (this corpus plus the
 * e-Satis gold files, the default model's training set) and `stats.json` (counts).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDefaultCodebook } from '../../models/codebooks/codebook.js';
import { foldFrench } from '../../pipeline/classify/normalize-french.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ESATIS = join(HERE, '..', 'esatis');

/** Short codes of the default codebook's 20 theme ids, so batch lines stay readable. */
export const THEME_CODES: Readonly<Record<string, string>> = Object.freeze({
  com: 'communication',
  fear: 'fear_of_reprisal',
  leg: 'legitimacy',
  pow: 'power_asymmetry',
  aut: 'autonomy_empowerment',
  tru: 'trust',
  res: 'respect_dignity',
  rel: 'relatives_caregivers',
  par: 'partnership_engagement',
  ins: 'institutional_support',
  rt: 'resources_time',
  tra: 'training',
  acc: 'reception_admission',
  wait: 'waiting_delays',
  pain: 'pain_management',
  meal: 'meals',
  room: 'room_comfort',
  dis: 'discharge',
  coo: 'coordination',
  cq: 'care_quality',
});

/** `N`: no survey prompt (interview turn, complaint letter, free comment box): `field` is null. */
const FIELDS: Readonly<Record<string, string | null>> = Object.freeze({ A: 'apprecie', M: 'ameliorer', N: null });
const VALENCES: Readonly<Record<string, string>> = Object.freeze({
  pos: 'positive',
  neg: 'negative',
  mix: 'mixed',
  neu: 'neutral',
});
const STYLES = new Set([
  'standard',
  'implicit',
  'sms',
  'no-accents',
  'caps',
  'typos',
  'long',
  'short',
  'interview',
  'no-theme',
]);

/** One labelled text of the corpus, as written to `fr-train.jsonl`. */
export interface TrainLine {
  id: string;
  text: string;
  themes: string[];
  valence: string;
  /** `apprecie`, `ameliorer`, or null when the text answers no survey prompt. */
  field: string | null;
  style: string;
}

/** Same text for deduplication: folded, punctuation and spacing ignored. */
const dedupKey = (text: string): string =>
  foldFrench(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

function parseBatch(file: string, content: string, problems: string[]): TrainLine[] {
  const batch = file.replace(/\.txt$/, '');
  const lines: TrainLine[] = [];
  let style = 'standard';
  content.split(/\r?\n/).forEach((raw, i) => {
    const where = `${file}:${i + 1}`;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith('@style ')) {
      style = line.slice(7).trim();
      if (!STYLES.has(style)) problems.push(`${where}: unknown style ${style}`);
      return;
    }
    const parts = line.split('|');
    if (parts.length < 4) {
      problems.push(`${where}: expected FIELD|VALENCE|THEMES|TEXT`);
      return;
    }
    const [f = '', v = '', codes = '', ...rest] = parts;
    const text = rest.join('|').trim().replace(/\\n/g, '\n');
    const field = FIELDS[f.trim()];
    const valence = VALENCES[v.trim()];
    if (field === undefined) problems.push(`${where}: field must be A, M or N`);
    if (valence === undefined) problems.push(`${where}: valence must be pos, neg, mix or neu`);
    if (text.length < 2) problems.push(`${where}: empty text`);
    const themes: string[] = [];
    for (const code of codes.trim() === '-' ? [] : codes.split(',').map((c) => c.trim())) {
      const theme = THEME_CODES[code];
      if (theme === undefined) problems.push(`${where}: unknown theme code "${code}"`);
      else if (themes.includes(theme)) problems.push(`${where}: theme ${code} twice`);
      else themes.push(theme);
    }
    if (style === 'no-theme' && themes.length > 0) problems.push(`${where}: no-theme line with themes`);
    const id = `FT-${batch.slice(0, 2)}-${String(lines.length + 1).padStart(3, '0')}`;
    lines.push({ id, text, themes, valence: valence ?? '', field: field ?? null, style });
  });
  return lines;
}

interface GoldLine {
  id: string;
  text: string;
  themes: string[];
  valence: string;
  field: string;
}

function readGold(file: string): GoldLine[] {
  return readFileSync(join(ESATIS, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as GoldLine);
}

function count<T>(items: readonly T[], keys: (item: T) => readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) for (const k of keys(item)) out[k] = (out[k] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1]));
}

function main(): void {
  const checkOnly = process.argv.includes('--check');
  const known = new Set(loadDefaultCodebook().themes.map((t) => t.id as string));
  const problems: string[] = [];
  for (const id of Object.values(THEME_CODES)) if (!known.has(id)) problems.push(`code table: ${id} not in codebook`);
  for (const id of known)
    if (!Object.values(THEME_CODES).includes(id)) problems.push(`codebook theme ${id} has no code`);

  const srcDir = join(HERE, 'src');
  const files = readdirSync(srcDir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  const prefixes = new Set<string>();
  const corpus: TrainLine[] = [];
  for (const file of files) {
    const prefix = file.slice(0, 2);
    if (!/^\d\d$/.test(prefix) || prefixes.has(prefix))
      problems.push(`${file}: name must start with a unique 2-digit number`);
    prefixes.add(prefix);
    corpus.push(...parseBatch(file, readFileSync(join(srcDir, file), 'utf8'), problems));
  }

  const gold = [...readGold('gold-tune.jsonl'), ...readGold('gold-heldout.jsonl')];
  const seen = new Map<string, string>();
  for (const g of gold) seen.set(dedupKey(g.text), g.id);
  for (const line of corpus) {
    const key = dedupKey(line.text);
    const first = seen.get(key);
    if (first !== undefined) problems.push(`${line.id}: same text as ${first}`);
    else seen.set(key, line.id);
  }

  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\n${problems.length} problem(s); nothing written\n`);
    process.exitCode = 1;
    return;
  }
  const stats = {
    texts: corpus.length,
    batches: files.length,
    themes: count(corpus, (l) => (l.themes.length === 0 ? ['(none)'] : l.themes)),
    styles: count(corpus, (l) => [l.style]),
    fields: count(corpus, (l) => [l.field ?? '(none)']),
    valences: count(corpus, (l) => [l.valence]),
    themesPerText: count(corpus, (l) => [String(l.themes.length)]),
    /** The three headline themes per style: how many of them are implicit, SMS, long... */
    headlineByStyle: Object.fromEntries(
      ['communication', 'fear_of_reprisal', 'legitimacy'].map((theme) => [
        theme,
        count(
          corpus.filter((l) => l.themes.includes(theme)),
          (l) => [l.style],
        ),
      ]),
    ),
    meanWords: Number((corpus.reduce((s, l) => s + l.text.split(/\s+/).length, 0) / corpus.length).toFixed(1)),
    trainAll: corpus.length + gold.length,
  };
  process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
  if (checkOnly) return;
  const jsonl = (rows: readonly object[]) =>
    rows
      .map((r) => JSON.stringify(r))
      .join('\n')
      .concat('\n');
  writeFileSync(join(HERE, 'fr-train.jsonl'), jsonl(corpus));
  const goldRows = gold.map(({ id, text, themes, valence, field }) => ({ id, text, themes, valence, field }));
  writeFileSync(join(HERE, 'train-all.jsonl'), jsonl([...corpus, ...goldRows]));
  writeFileSync(join(HERE, 'stats.json'), `${JSON.stringify(stats, null, 2)}\n`);
}

main();
