/**
 * The agreement report of a run's validations: per theme (present / absent) and for valence,
 * machine vs humans and human vs human, with counts and a plain-French reading.
 *
 * - human vs human: units = segments with at least two human answers; percent agreement over
 *   all pairs of answers; Cohen's kappa pooled over those pairs (validators ordered by id);
 *   Krippendorff's alpha over the segment × validator matrix (missing answers allowed).
 * - machine vs humans: one pair (machine, person) per human answer; the same three figures.
 * « Je ne sais pas » is a missing value everywhere; a missing valence is missing for valence only.
 */
import type { Code } from './coefficients.js';
import { cohenKappa, krippendorffAlphaNominal, percentAgreement } from './coefficients.js';
import { landisKochBand, plainReading } from './landis-koch.js';

/** One person's answer in force on one segment. */
export interface HumanAnswer {
  segment: string;
  userId: string;
  themes: readonly string[];
  valence: string | null;
  unsure: boolean;
}

/** What the machine proposed on a segment. */
export interface MachineProposal {
  themes: readonly string[];
  valence: string;
}

export interface AgreementRow {
  /** `theme:<id>` or `valence`. */
  target: string;
  comparison: 'machine-humans' | 'humans';
  /** Segments (humans) or machine–person pairs (machine-humans) compared. */
  units: number;
  percentAgreement: number | null;
  kappa: number | null;
  alpha: number | null;
  /** Landis & Koch band of alpha (of kappa when alpha is undefined). */
  band: string;
  reading: string;
}

export interface AgreementReport {
  validatedSegments: number;
  validators: number;
  /** Segments with at least two human answers. */
  doubleCoded: number;
  rows: AgreementRow[];
}

type Value = (a: { themes: readonly string[]; valence: string | null }) => Code;

function row(
  target: string,
  comparison: AgreementRow['comparison'],
  matrix: Code[][],
  pairs: [Code, Code][],
): AgreementRow {
  const units = matrix.filter((u) => u.filter((v) => v !== null).length >= 2).length;
  const agreement = percentAgreement(matrix);
  const kappa = cohenKappa(
    pairs.map((p) => p[0]),
    pairs.map((p) => p[1]),
  );
  const alpha = krippendorffAlphaNominal(matrix);
  const coefficient = alpha ?? kappa;
  return {
    target,
    comparison,
    units,
    percentAgreement: agreement,
    kappa,
    alpha,
    band: landisKochBand(coefficient),
    reading: plainReading(
      units,
      agreement,
      coefficient,
      alpha === null ? 'κ' : 'α',
      comparison === 'humans'
        ? ['segment', 'segments']
        : ['réponse comparée à la machine', 'réponses comparées à la machine'],
    ),
  };
}

/** Builds the report; `themes` fixes the theme rows (default: every theme seen). */
export function buildAgreementReport(
  answers: readonly HumanAnswer[],
  machine: ReadonlyMap<string, MachineProposal>,
  themes?: readonly string[],
): AgreementReport {
  const users = [...new Set(answers.map((a) => a.userId))].sort();
  const col = new Map(users.map((u, i) => [u, i]));
  const bySegment = new Map<string, HumanAnswer[]>();
  for (const a of answers) bySegment.set(a.segment, [...(bySegment.get(a.segment) ?? []), a]);
  const segments = [...bySegment.keys()].sort();
  const seen = new Set<string>();
  for (const s of segments) {
    for (const t of machine.get(s)?.themes ?? []) seen.add(t);
    for (const a of bySegment.get(s) ?? []) for (const t of a.themes) seen.add(t);
  }
  const targets: [string, Value][] = [
    ...(themes ?? [...seen].sort()).map((t): [string, Value] => [
      `theme:${t}`,
      (a) => (a.themes.includes(t) ? 'oui' : 'non'),
    ]),
    ['valence', (a) => a.valence],
  ];
  const rows: AgreementRow[] = [];
  for (const [target, value] of targets) {
    const humanMatrix: Code[][] = [];
    const humanPairs: [Code, Code][] = [];
    const machineMatrix: Code[][] = [];
    const machinePairs: [Code, Code][] = [];
    for (const s of segments) {
      const unit: Code[] = new Array<Code>(users.length).fill(null);
      for (const a of bySegment.get(s) ?? []) unit[col.get(a.userId) as number] = a.unsure ? null : value(a);
      humanMatrix.push(unit);
      const given = unit.filter((v): v is string => v !== null);
      for (let i = 0; i < given.length; i++)
        for (let j = i + 1; j < given.length; j++) humanPairs.push([given[i] as string, given[j] as string]);
      const m = machine.get(s);
      if (m === undefined) continue;
      const mv = value(m);
      for (const h of given) {
        machineMatrix.push([mv, h]);
        machinePairs.push([mv, h]);
      }
    }
    rows.push(row(target, 'machine-humans', machineMatrix, machinePairs));
    rows.push(row(target, 'humans', humanMatrix, humanPairs));
  }
  return {
    validatedSegments: segments.length,
    validators: users.length,
    doubleCoded: segments.filter((s) => (bySegment.get(s) ?? []).filter((a) => !a.unsure).length >= 2).length,
    rows,
  };
}
