/**
 * Checks the French held-out gold corpus (`gold.jsonl`): schema (zod), theme ids against the
 * default codebook, unique ids, no duplicate texts; prints counts per theme, style, valence and
 * field so the README figures can be re-derived. Exits 1 on any problem.
 * Run: `node --import tsx corpora/fr-heldout/check.ts [path/to/gold.jsonl]`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadDefaultCodebook } from '../../models/codebooks/codebook.js';

const GoldLineSchema = z
  .object({
    id: z.string().regex(/^FH\d{4}$/),
    text: z.string().trim().min(1),
    themes: z.array(z.string()),
    valence: z.enum(['positive', 'negative', 'mixed', 'neutral']),
    field: z.enum(['apprecie', 'ameliorer', 'entretien']),
    style: z.enum(['implicit', 'sms', 'noaccent', 'long', 'short', 'interview', 'standard']),
  })
  .strict();
type GoldLine = z.infer<typeof GoldLineSchema>;

/** Coverage the brief asks for (issue 4, point 7). */
const MIN_KEY_THEME = 70;
const KEY_THEMES = ['communication', 'fear_of_reprisal', 'legitimacy'];
const MIN_OTHER_THEME = 12;

const path = process.argv[2] ?? fileURLToPath(new URL('./gold.jsonl', import.meta.url));
const known = new Set(loadDefaultCodebook().themes.map((t) => t.id as string));
const problems: string[] = [];
const lines: GoldLine[] = [];
const ids = new Set<string>();
const texts = new Map<string, string>();

readFileSync(path, 'utf8')
  .split('\n')
  .forEach((raw, i) => {
    if (raw.trim() === '') return;
    const where = `line ${i + 1}`;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      problems.push(`${where}: not JSON`);
      return;
    }
    const parsed = GoldLineSchema.safeParse(data);
    if (!parsed.success) {
      problems.push(`${where}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      return;
    }
    const line = parsed.data;
    if (ids.has(line.id)) problems.push(`${where}: duplicate id ${line.id}`);
    ids.add(line.id);
    const key = line.text.toLowerCase().replace(/\s+/g, ' ').trim();
    const first = texts.get(key);
    if (first !== undefined) problems.push(`${where}: same text as ${first}`);
    texts.set(key, line.id);
    for (const theme of line.themes) if (!known.has(theme)) problems.push(`${where}: unknown theme "${theme}"`);
    if (new Set(line.themes).size !== line.themes.length) problems.push(`${where}: theme listed twice`);
    lines.push(line);
  });

function count(keys: (l: GoldLine) => string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of lines) for (const k of keys(l)) m.set(k, (m.get(k) ?? 0) + 1);
  return new Map([...m].sort((a, b) => b[1] - a[1]));
}
function show(title: string, m: Map<string, number>): void {
  console.log(`\n${title}`);
  for (const [k, v] of m) console.log(`  ${k.padEnd(24)} ${String(v).padStart(4)}`);
}

const perTheme = count((l) => l.themes);
const noTheme = lines.filter((l) => l.themes.length === 0).length;
console.log(`${lines.length} lines, ${noTheme} with no theme (${((100 * noTheme) / lines.length).toFixed(1)}%)`);
show('themes', perTheme);
show(
  'styles',
  count((l) => [l.style]),
);
show(
  'valence',
  count((l) => [l.valence]),
);
show(
  'field',
  count((l) => [l.field]),
);
const labels = lines.reduce((s, l) => s + l.themes.length, 0);
process.stdout.write(`\nlabels per text: ${(labels / lines.length).toFixed(2)}\n`);
for (const theme of KEY_THEMES) {
  const pos = lines.filter((l) => l.themes.includes(theme) && l.valence === 'positive').length;
  const neg = lines.filter((l) => l.themes.includes(theme) && l.valence === 'negative').length;
  console.log(`${theme}: ${pos} positive, ${neg} negative texts`);
}

for (const theme of known) {
  const n = perTheme.get(theme) ?? 0;
  const min = KEY_THEMES.includes(theme) ? MIN_KEY_THEME : MIN_OTHER_THEME;
  if (n < min) problems.push(`theme ${theme}: ${n} texts, brief asks for at least ${min}`);
}
if (lines.length < 450 || lines.length > 600) problems.push(`${lines.length} lines, brief asks for 450–600`);

if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log('\nOK');
