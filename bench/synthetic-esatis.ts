/**
 * Writes N synthetic e-Satis rows (`;`, UTF-8, two free-text prompts) for benchmarks. Comments
 * are assembled from phrase banks with a seeded generator: realistic lengths and vocabulary,
 * some names and phone numbers to pseudonymize, some empty answers and duplicates.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

const DEPARTMENTS = [
  'Cardiologie',
  'Chirurgie orthopédique',
  'Maternité',
  'Pneumologie',
  'Urgences',
  'Gériatrie',
  'Oncologie',
  'Chirurgie ambulatoire',
  'SMR',
  'Neurologie',
];
const SURVEYS = ['MCO +48h', 'MCO CA', 'SMR', 'HAD'];
const POSITIVE = [
  "L'équipe soignante a été très à l'écoute et disponible",
  'Personnel souriant et attentionné, merci à Dr Martin',
  'Les explications du chirurgien étaient claires',
  'Chambre propre et calme',
  'Prise en charge de la douleur efficace',
  "Accueil chaleureux dès l'admission",
  "L'infirmière Julie a pris le temps de m'expliquer le traitement",
  'Repas corrects et variés',
  'Sortie bien organisée avec les ordonnances prêtes',
  'Très bonne coordination entre les services',
];
const NEGATIVE = [
  'Attente interminable aux urgences, plus de six heures sans information',
  "Personne ne m'a expliqué les résultats des examens",
  "Je n'ai pas osé me plaindre de peur d'être mal vu par l'équipe",
  'Les repas étaient froids et sans goût',
  'Chambre bruyante, impossible de dormir',
  'Manque de personnel la nuit, sonnette sans réponse',
  "On ne m'a pas pris au sérieux alors que je connais ma maladie",
  'Sortie précipitée sans rendez-vous de suivi, appelez le 06 12 34 56 78',
  'Ma famille n’a reçu aucune information',
  'Douleur mal soulagée pendant la nuit',
];
const EMPTY = ['RAS', 'néant', '/', '', 'Rien à signaler'];

/** Small deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)] as T;
}

function comment(rnd: () => number, bank: readonly string[]): string {
  const roll = rnd();
  if (roll < 0.08) return pick(rnd, EMPTY);
  const parts = [pick(rnd, bank)];
  if (roll > 0.5) parts.push(pick(rnd, rnd() < 0.5 ? POSITIVE : NEGATIVE).toLowerCase());
  const text = parts.join(roll > 0.75 ? ' mais ' : '. ');
  return /[;"\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes `rows` data rows to `path`; about 1 % are exact duplicates of the previous row. */
export async function writeSyntheticEsatis(path: string, rows: number, seed = 42): Promise<void> {
  const rnd = seededRandom(seed);
  const out = createWriteStream(path);
  out.write(
    "N° réponse;Date de sortie;Service;Questionnaire;Score global;Qu'avez-vous apprécié ?;Que faudrait-il améliorer ?\n",
  );
  let previous = '';
  for (let i = 1; i <= rows; i++) {
    let line: string;
    if (i > 1 && rnd() < 0.01) line = previous;
    else {
      const day = 1 + Math.floor(rnd() * 28);
      const score = (40 + rnd() * 60).toFixed(1).replace('.', ',');
      line = `R${i};${String(day).padStart(2, '0')}/0${7 + Math.floor(rnd() * 3)}/2026;${pick(rnd, DEPARTMENTS)};${pick(rnd, SURVEYS)};${score};${comment(rnd, POSITIVE)};${comment(rnd, NEGATIVE)}`;
    }
    previous = line;
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
