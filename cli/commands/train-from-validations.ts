/**
 * `verbatim train --from-validations`: training examples from the labels people validated in the
 * web app, added to the earlier training data of the base model.
 *
 * Per segment, the answers in force (latest non-superseded decision of each validator) are
 * reduced to one example: « je ne sais pas » answers are left out; a theme is kept when more than
 * half of the remaining answers keep it, and a theme on which exactly half agree is a tie that
 * excludes the whole segment (counted); valence is the majority valence, none on a tie. A
 * validated text replaces an identical text of the base data (the person's reading wins).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { findHeadFolder, type HeadFile, readHead, type TrainingExample } from '../../models/linear/index.js';
import { DEFAULT_HEAD_VERSION, SHIPPED_MODELS_DIR } from '../../models/registry.js';
import { VerbatimError } from '../../pipeline/errors.js';
import type { PromptKind, Valence } from '../../pipeline/record.js';
import { isPostgresUrl, openStore } from '../../pipeline/store/open-store.js';
import { inForce, type Validation } from '../../pipeline/store/validation-types.js';
import { defaultModelsDir } from '../build-classifier.js';
import type { LabelledTable } from './train-input.js';

/** Training data of the shipped default head (models/trained/fr-default/README.md, v2 and v3). */
export const DEFAULT_BASE_DATA = fileURLToPath(new URL('../../corpora/fr-train/train-all.jsonl', import.meta.url));

const FromValidationsSchema = z.object({
  run: z.string().min(1).optional(),
  db: z.string().default(join('verbatim-out', 'verbatim.db')),
  dbSchema: z.string().optional(),
  /** Model whose training data is extended and whose figures are shown for comparison. */
  base: z.string().min(1).default('fr-default'),
  in: z.string().min(1).optional(),
  modelsDir: z.string().optional(),
});

/** One validated segment: its pseudonymized text, prompt and the answers in force on it. */
export interface ValidatedSegment {
  text: string;
  prompt: PromptKind;
  answers: readonly Validation[];
}

/** What became of the validated segments. */
export interface ValidationExampleStats {
  segments: number;
  examples: number;
  /** Segments whose every answer was « je ne sais pas ». */
  excludedUnsure: number;
  /** Segments where validators split evenly on a theme. */
  excludedTies: number;
  /** Examples whose valence was tied (kept without valence). */
  valenceTies: number;
  /** Base examples replaced by a validated identical text. */
  replacedBase: number;
  /** sha256 of the validation examples (text, prompt, labels), in order. */
  fingerprint: string;
}

/** Majority vote per segment (see the file comment). */
export function validationExamples(segments: readonly ValidatedSegment[]): {
  examples: TrainingExample[];
  stats: Omit<ValidationExampleStats, 'replacedBase'>;
} {
  const examples: TrainingExample[] = [];
  let excludedUnsure = 0;
  let excludedTies = 0;
  let valenceTies = 0;
  for (const s of segments) {
    const sure = s.answers.filter((a) => !a.unsure);
    if (sure.length === 0) {
      excludedUnsure++;
      continue;
    }
    const votes = new Map<string, number>();
    for (const a of sure) for (const t of new Set(a.themes)) votes.set(t, (votes.get(t) ?? 0) + 1);
    if ([...votes.values()].some((n) => n * 2 === sure.length)) {
      excludedTies++;
      continue;
    }
    const labels = [...votes]
      .filter(([, n]) => n * 2 > sure.length)
      .map(([t]) => t)
      .sort();
    const valences = new Map<string, number>();
    for (const a of sure) if (a.valence !== null) valences.set(a.valence, (valences.get(a.valence) ?? 0) + 1);
    const ranked = [...valences].sort((x, y) => y[1] - x[1]);
    let valence: Valence | undefined;
    if (ranked.length > 0) {
      if (ranked.length > 1 && ranked[0]?.[1] === ranked[1]?.[1]) valenceTies++;
      else valence = ranked[0]?.[0] as Valence;
    }
    examples.push({ text: s.text, prompt: s.prompt, labels, ...(valence ? { valence } : {}) });
  }
  return {
    examples,
    stats: {
      segments: segments.length,
      examples: examples.length,
      excludedUnsure,
      excludedTies,
      valenceTies,
      fingerprint: fingerprint(examples),
    },
  };
}

function fingerprint(examples: readonly TrainingExample[]): string {
  const hash = createHash('sha256');
  for (const e of examples) hash.update(`${e.text}\u0000${e.prompt}\u0000${[...e.labels].sort().join('\u0001')}\n`);
  return hash.digest('hex');
}

/** Base examples, minus texts a person validated, plus the validated examples. */
export function mergeWithBase(
  base: LabelledTable,
  validated: readonly TrainingExample[],
): { table: LabelledTable; replaced: number } {
  const seen = new Set(validated.map((e) => `${e.prompt}\u0000${e.text}`));
  const kept = base.examples.filter((e) => !seen.has(`${e.prompt}\u0000${e.text}`));
  const labels = [...base.labels];
  for (const e of validated) for (const l of e.labels) if (!labels.includes(l)) labels.push(l);
  return { table: { examples: [...kept, ...validated], labels }, replaced: base.examples.length - kept.length };
}

/** What `train` needs to extend its data: the base file, the examples and the base's figures. */
export interface ValidationTraining {
  runId: string;
  baseData: string;
  base: HeadFile;
  examples: TrainingExample[];
  stats: Omit<ValidationExampleStats, 'replacedBase'>;
}

function baseHead(name: string, modelsDir: string | undefined): HeadFile {
  if (name === 'fr-default') return readHead(join(SHIPPED_MODELS_DIR, 'fr-default', DEFAULT_HEAD_VERSION));
  if (name === 'fr-linear') return readHead(join(SHIPPED_MODELS_DIR, 'fr-default', 'v1'));
  const folder = findHeadFolder(modelsDir ?? defaultModelsDir(), name);
  if (folder === null) throw new VerbatimError('USAGE', `--base: no linear model "${name}"`);
  return readHead(folder);
}

/** Reads the validations of the run (default: the most recently validated) from the store. */
export async function loadValidationTraining(raw: unknown): Promise<ValidationTraining> {
  const parsed = FromValidationsSchema.safeParse(raw);
  if (!parsed.success) throw new VerbatimError('USAGE', `--${parsed.error.issues[0]?.path.join('.')}: invalid value`);
  const o = parsed.data;
  const base = baseHead(o.base, o.modelsDir);
  const baseData = o.in ?? (o.base === 'fr-default' ? DEFAULT_BASE_DATA : undefined);
  if (baseData === undefined)
    throw new VerbatimError(
      'USAGE',
      `--in: give the training data of --base ${o.base} (its head says: ${base.training.source})`,
    );
  if (!isPostgresUrl(o.db) && !existsSync(o.db.replace(/^sqlite:(\/\/)?/i, '')))
    throw new VerbatimError('INPUT_MISSING', `${o.db}: no such store (pass --db)`, { file: o.db });
  const store = await openStore(o.db, o.dbSchema ? { pgSchema: o.dbSchema } : {});
  try {
    const runId =
      o.run ??
      (
        await store.db
          .selectFrom('validations')
          .select('run_id')
          .orderBy('validation_id', 'desc')
          .limit(1)
          .executeTakeFirst()
      )?.run_id;
    if (runId === undefined) throw new VerbatimError('USAGE', '--from-validations: the store holds no validation yet');
    const answers = inForce(await store.validation.listValidations(runId));
    const bySegment = new Map<string, Validation[]>();
    for (const a of answers) {
      const key = `${a.recordKey}\u0000${a.segmentIndex}`;
      bySegment.set(key, [...(bySegment.get(key) ?? []), a]);
    }
    const rows = await store.db
      .selectFrom('segments as s')
      .innerJoin('records as r', (j) => j.onRef('r.run_id', '=', 's.run_id').onRef('r.record_key', '=', 's.record_key'))
      .select(['s.record_key', 's.segment_index', 's.text', 'r.prompt'])
      .where('s.run_id', '=', runId)
      .where('s.record_key', 'in', [...new Set(answers.map((a) => a.recordKey)), ''])
      .orderBy('s.record_key')
      .orderBy('s.segment_index')
      .execute();
    const segments: ValidatedSegment[] = [];
    for (const r of rows) {
      const list = bySegment.get(`${r.record_key}\u0000${r.segment_index}`);
      if (list) segments.push({ text: r.text, prompt: r.prompt as PromptKind, answers: list });
    }
    const { examples, stats } = validationExamples(segments);
    if (examples.length === 0)
      throw new VerbatimError(
        'USAGE',
        `--from-validations: run "${runId}" has no usable validation (${stats.segments} segments, ${stats.excludedUnsure} « je ne sais pas », ${stats.excludedTies} ties)`,
      );
    return { runId, baseData, base, examples, stats };
  } finally {
    await store.close();
  }
}

const f3 = (x: number) => x.toFixed(3);

/** The base model's cross-validated figures next to the new one's, and what was used. */
export function formatComparison(v: ValidationTraining, head: HeadFile, replaced: number): string {
  const b = v.base.crossValidation;
  const n = head.crossValidation;
  const names = [`base ${v.base.name} ${v.base.version}`, `nouveau ${head.name} ${head.version}`];
  const w = Math.max(...names.map((x) => x.length));
  return `${[
    `validations du run ${v.runId}: ${v.stats.segments} segments validés → ${v.stats.examples} exemples (${v.stats.excludedUnsure} « je ne sais pas », ${v.stats.excludedTies} désaccords à égalité exclus; ${replaced} textes de la base remplacés)`,
    `${''.padEnd(w)}  micro-F1  macro-F1  exemples`,
    `${(names[0] as string).padEnd(w)}  ${f3(b.micro.f1).padStart(8)}  ${f3(b.macroF1).padStart(8)}  ${String(v.base.training.examples).padStart(8)}`,
    `${(names[1] as string).padEnd(w)}  ${f3(n.micro.f1).padStart(8)}  ${f3(n.macroF1).padStart(8)}  ${String(head.training.examples).padStart(8)}`,
    '(validation croisée de chaque modèle sur ses propres exemples)',
  ].join('\n')}\n`;
}
