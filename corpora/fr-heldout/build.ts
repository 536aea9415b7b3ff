/**
 * Builds `gold.jsonl` from the hand-written sources in `source/*.txt`, so the author can write
 * one compact line per text (`style|valence|field|themes|text`) instead of JSON, and ids stay
 * stable (FH0001… in file then line order). Run: `node --import tsx corpora/fr-heldout/build.ts`.
 * Then run `check.ts`, which validates the result against the codebook.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Short theme names used in the sources → codebook ids (a typo fails the build). */
const THEMES: Readonly<Record<string, string>> = {
  com: 'communication',
  fear: 'fear_of_reprisal',
  leg: 'legitimacy',
  pow: 'power_asymmetry',
  auto: 'autonomy_empowerment',
  trust: 'trust',
  resp: 'respect_dignity',
  rel: 'relatives_caregivers',
  part: 'partnership_engagement',
  inst: 'institutional_support',
  res: 'resources_time',
  train: 'training',
  rec: 'reception_admission',
  wait: 'waiting_delays',
  pain: 'pain_management',
  meals: 'meals',
  room: 'room_comfort',
  dis: 'discharge',
  coord: 'coordination',
  care: 'care_quality',
};
const STYLES: Readonly<Record<string, string>> = {
  imp: 'implicit',
  sms: 'sms',
  noacc: 'noaccent',
  long: 'long',
  short: 'short',
  int: 'interview',
  std: 'standard',
};
const VALENCES: Readonly<Record<string, string>> = {
  pos: 'positive',
  neg: 'negative',
  mix: 'mixed',
  neu: 'neutral',
};
const FIELDS: Readonly<Record<string, string>> = { a: 'apprecie', m: 'ameliorer', e: 'entretien' };

function pick(table: Readonly<Record<string, string>>, key: string, where: string): string {
  const value = table[key.trim()];
  if (value === undefined) throw new Error(`${where}: unknown code "${key}"`);
  return value;
}

const dir = fileURLToPath(new URL('./source/', import.meta.url));
const out: string[] = [];
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()) {
  readFileSync(`${dir}${file}`, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      const where = `${file}:${i + 1}`;
      const parts = line.split('|');
      if (parts.length < 5) throw new Error(`${where}: expected style|valence|field|themes|text`);
      const [style = '', valence = '', field = '', themes = '', ...rest] = parts;
      const text = rest.join('|').trim();
      if (text === '') throw new Error(`${where}: empty text`);
      const ids = themes
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== '')
        .map((t) => pick(THEMES, t, where));
      out.push(
        JSON.stringify({
          id: `FH${String(out.length + 1).padStart(4, '0')}`,
          text,
          themes: ids,
          valence: pick(VALENCES, valence, where),
          field: pick(FIELDS, field, where),
          style: pick(STYLES, style, where),
        }),
      );
    });
}
writeFileSync(fileURLToPath(new URL('./gold.jsonl', import.meta.url)), `${out.join('\n')}\n`);
console.log(`gold.jsonl: ${out.length} lines`);
