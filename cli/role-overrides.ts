/**
 * `--roles FILE`: a user's mapping from speaker labels to normalized roles, validated once.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { VerbatimError } from '../pipeline/errors.js';
import { type Role, RoleSchema } from '../pipeline/record.js';

const RoleOverridesSchema = z.record(z.string().min(1), RoleSchema);

export function loadRoleOverrides(path: string): Record<string, Role> {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new VerbatimError('USAGE', `${path}: cannot read the role mapping`, { file: path }, { cause });
  }
  const parsed = RoleOverridesSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new VerbatimError(
      'USAGE',
      `${path}: ${issue?.path.join('.') || 'mapping'}: ${issue?.message}; roles are ${RoleSchema.options.join(', ')}`,
    );
  }
  return parsed.data;
}
