/**
 * Throughput of `deidentify` on 50,000 synthetic short comments (≈100 characters, about a
 * third with PII). Prints records/s and peak RSS. Target: ≥ 20,000 records/s single-threaded.
 *
 *   node --import tsx bench/deidentify.bench.ts [--count 50000]
 */
import { parseArgs } from 'node:util';
import { deidentify } from '../pipeline/deidentify/index.js';
import type { RecordKey, SourceId, SourceRecord } from '../pipeline/record.js';

const TEMPLATES = [
  'Très bon accueil aux urgences, le personnel était souriant et disponible malgré la charge.',
  "Attente beaucoup trop longue avant d'être pris en charge, plus de 4 heures sans information.",
  "Repas froids et sans goût, rien n'a changé depuis mon dernier séjour il y a deux ans.",
  "Le médecin n'a pas pris le temps de m'expliquer le traitement, je suis reparti inquiet.",
  'Chambre propre mais bruyante la nuit, les portes claquent et les sonnettes sonnent souvent.',
  "Merci à toute l'équipe de nuit pour sa patience et sa gentillesse avec mon père.",
  'Le Dr {S} a été très à l’écoute, merci aussi à l’infirmière {F} pour sa douceur.',
  "J'étais en chambre {N} et personne ne répondait au {P}, c'est inadmissible.",
  'Entré le {D}, sorti trois jours plus tard sans ordonnance ni compte rendu.',
  'merci a {f} et a {f} du service de cardiologie, tres humains et patients',
  'Mon IPP {I} est erroné, merci de me contacter à {E} pour corriger.',
  'Mme {S} du secrétariat ne rappelle jamais, mon numéro est pourtant le {P}.',
  'Parking trop cher et trop loin du service, difficile pour les personnes âgées.',
  "RAS, séjour conforme à ce qu'on m'avait annoncé lors de la consultation.",
  'TRES BON SEJOUR DANS L ENSEMBLE MAIS LA SORTIE A ETE TRES MAL ORGANISEE',
];
const FIRST = ['Julie', 'Kevin', 'Sophie', 'Camille', 'Rose', 'Pierre', 'Nathalie', 'Mehdi', 'Léa', 'Thomas'];
const SURNAMES = ['Martin', 'Dupont', 'Lefèvre', 'Nguyen', 'Benali', 'Garcia', 'Le Gall', 'Moreau'];

/** Deterministic generator (mulberry32): the bench is repeatable and holds no shared state. */
function makeRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeComments(count: number): string[] {
  const random = makeRandom(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  return Array.from({ length: count }, () =>
    pick(TEMPLATES).replace(/\{([A-Za-z])\}/g, (_, slot: string) => {
      switch (slot) {
        case 'S':
          return pick(SURNAMES);
        case 'F':
          return pick(FIRST);
        case 'f':
          return pick(FIRST).toLowerCase();
        case 'N':
          return String(100 + Math.floor(random() * 400));
        case 'P':
          return `06 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`;
        case 'D':
          return `${1 + Math.floor(random() * 28)}/0${1 + Math.floor(random() * 9)}/2026`;
        case 'I':
          return digits(8);
        default:
          return `${pick(FIRST).toLowerCase()}.${pick(SURNAMES).toLowerCase().replace(' ', '')}@gmail.com`;
      }
    }),
  );
}

const { values } = parseArgs({ options: { count: { type: 'string', default: '50000' } } });
const count = Number(values.count);
const records: SourceRecord[] = makeComments(count).map((text, row) => ({
  key: `bench-${row}-commentaire` as RecordKey,
  sourceId: 'bench' as SourceId,
  source: 'bench.csv',
  kind: 'survey',
  recordId: String(row),
  field: 'commentaire',
  prompt: 'neutral',
  text,
  meta: { date: null, department: null, survey: null, score: null, speaker: null },
  provenance: { file: 'bench.csv', line: row + 2, row: row + 1 },
}));
const meanLength = records.reduce((sum, record) => sum + record.text.length, 0) / records.length;

// Warm-up: the first call loads the name lexicon; JIT settles on a few thousand records.
for (const record of records.slice(0, 2000)) deidentify(record);

let replaced = 0;
const started = performance.now();
for (const record of records) replaced += deidentify(record).pii.length;
const seconds = (performance.now() - started) / 1000;

console.log(`records: ${count} (mean ${meanLength.toFixed(0)} chars), PII replaced: ${replaced}`);
console.log(`elapsed: ${seconds.toFixed(2)} s, ${Math.round(count / seconds).toLocaleString('en')} records/s`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
