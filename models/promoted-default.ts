/**
 * The model a researcher promoted to default (`verbatim models promote NAME`), kept in the user
 * model folder as `default.json`, with every promotion appended to `promotions.jsonl` there (an
 * audit trail that lives with the models, whichever store the runs use).
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { VerbatimError } from '../pipeline/errors.js';

export const PROMOTED_DEFAULT_FILE = 'default.json';
export const PROMOTIONS_LOG_FILE = 'promotions.jsonl';

const PromotionSchema = z.object({
  model: z.string().min(1),
  promotedAt: z.string(),
  by: z.string(),
  previous: z.string().nullable(),
});
/** One promotion: which model became the default, when, by whom, replacing which. */
export type Promotion = z.infer<typeof PromotionSchema>;

/** The promoted default of `modelsDir`, or null when none was promoted (or no folder). */
export function readPromotedDefault(modelsDir: string | undefined): Promotion | null {
  if (modelsDir === undefined) return null;
  const path = join(modelsDir, PROMOTED_DEFAULT_FILE);
  if (!existsSync(path)) return null;
  try {
    return PromotionSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (cause) {
    throw new VerbatimError(
      'INPUT_UNREADABLE',
      `${path}: not a valid promoted-default file`,
      { file: path },
      { cause },
    );
  }
}

/** Writes `default.json` and appends the promotion to `promotions.jsonl`. */
export function writePromotedDefault(modelsDir: string, model: string, by: string, now: Date = new Date()): Promotion {
  mkdirSync(modelsDir, { recursive: true });
  const promotion: Promotion = {
    model,
    promotedAt: now.toISOString(),
    by,
    previous: readPromotedDefault(modelsDir)?.model ?? null,
  };
  writeFileSync(join(modelsDir, PROMOTED_DEFAULT_FILE), `${JSON.stringify(promotion, null, 2)}\n`);
  appendFileSync(join(modelsDir, PROMOTIONS_LOG_FILE), `${JSON.stringify(promotion)}\n`);
  return promotion;
}
