/**
 * A codebook: the themes a corpus is coded against, with what a patient co-researcher needs to
 * understand them (label, definition, include/exclude notes, examples) and what the lexical
 * classifier needs to find them (cue patterns with weights). Loaded from YAML or JSON, checked
 * once here by zod, then passed down frozen.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CueSyntaxError, parseCuePattern } from '../../pipeline/classify/cue-syntax.js';
import { VerbatimError } from '../../pipeline/errors.js';
import { ThemeIdSchema } from '../../pipeline/record.js';

/** What happens to a cue inside a negation scope ("pas d'attente", "je n'ai pas eu peur"). */
export const CueNegationSchema = z.enum(['keep', 'drop']);
export type CueNegation = z.infer<typeof CueNegationSchema>;

const stringList = z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.string()));

/**
 * One cue: a pattern (syntax in `pipeline/classify/cue-syntax.ts`) and its weight. A bare string
 * is a cue of weight 1. Negative weights argue against the theme ("plante verte" is not a plant).
 */
export const CueSchema = z.preprocess(
  (v) => (typeof v === 'string' ? { pattern: v } : v),
  z.object({
    pattern: z.string().superRefine((pattern, ctx) => {
      try {
        parseCuePattern(pattern);
      } catch (error) {
        if (!(error instanceof CueSyntaxError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.message });
      }
    }),
    /** Evidence added to the theme when the cue fires. @defaultValue 1 */
    weight: z.number().min(-5).max(5).default(1),
    /** Overrides the theme's `negation` for this cue. */
    negation: CueNegationSchema.optional(),
  }),
);
export type Cue = z.infer<typeof CueSchema>;

export const ThemeSchema = z.object({
  id: ThemeIdSchema,
  /** Shown in the UI and reports, in the codebook's language. */
  label: z.string().min(1),
  /** e.g. `relational`, `care_experience`; free text for user codebooks. */
  family: z.string().optional(),
  /** Plain-language definition for coders and patient co-researchers. @defaultValue '' */
  definition: z.string().default(''),
  include: stringList.default([]),
  exclude: stringList.default([]),
  examples: stringList.default([]),
  /** Id of the parent theme, for hierarchical codebooks (REFI-QDA, NVivo). */
  parent: ThemeIdSchema.optional(),
  /**
   * REFI-QDA GUID of the code this theme came from (`verbatim codebook import FILE.qdc`), kept so
   * that exports give the researcher's QDA tool back the same code. Absent: derived from the id.
   */
  guid: z
    .string()
    .regex(/^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/, 'not a GUID')
    .optional(),
  /**
   * `keep` (default): a negated cue still marks the topic ("pas d'attente" is about waiting; the
   * valence says it is not a complaint). `drop`: negation removes it ("je n'ai pas eu peur").
   */
  negation: CueNegationSchema.default('keep'),
  /** Lexical cues; when empty, the classifier derives weak ones from the label and examples. */
  cues: z.array(CueSchema).default([]),
  /** Suggested improvement actions, for the draft action plan. */
  actions: stringList.default([]),
});
export type Theme = z.infer<typeof ThemeSchema>;

export const CodebookSchema = z
  .object({
    /** Stored with every label. Defaults to a hash of the file content, so edits change it. */
    version: z.union([z.string().min(1), z.number().transform(String)]).optional(),
    language: z.enum(['fr', 'en']).default('fr'),
    name: z.string().optional(),
    description: z.string().optional(),
    /** Score threshold the cue weights were tuned for; a classifier option overrides it. */
    threshold: z.number().gt(0).lt(1).optional(),
    themes: z.array(ThemeSchema).min(1),
  })
  .superRefine((codebook, ctx) => {
    const seen = new Map<string, number>();
    codebook.themes.forEach((theme, i) => {
      const first = seen.get(theme.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['themes', i, 'id'],
          message: `duplicate id "${theme.id}" (see themes[${first}])`,
        });
      } else {
        seen.set(theme.id, i);
      }
    });
    codebook.themes.forEach((theme, i) => {
      if (theme.parent !== undefined && !seen.has(theme.parent)) {
        ctx.addIssue({ code: 'custom', path: ['themes', i, 'parent'], message: `unknown parent "${theme.parent}"` });
      }
    });
    const parents = new Map(codebook.themes.map((t) => [t.id as string, t.parent as string | undefined]));
    codebook.themes.forEach((theme, i) => {
      const visited = new Set<string>([theme.id]);
      for (let p = theme.parent as string | undefined; p !== undefined; p = parents.get(p)) {
        if (visited.has(p)) {
          ctx.addIssue({ code: 'custom', path: ['themes', i, 'parent'], message: 'parent cycle' });
          break;
        }
        visited.add(p);
      }
    });
  });

/** A validated codebook: `version` is always set. */
export type Codebook = Readonly<Omit<z.infer<typeof CodebookSchema>, 'version'> & { version: string }>;

/** The shipped default codebook (domain.md §4), French. */
export const DEFAULT_CODEBOOK_PATH = fileURLToPath(new URL('./default-fr.yaml', import.meta.url));

/**
 * Validates an already-parsed codebook. `source` names it in errors (a path, or e.g. "upload").
 * Throws `VerbatimError('CODEBOOK_INVALID')` with one line: `<source>: themes[3].id: <reason>`.
 */
export function parseCodebook(data: unknown, source: string): Codebook {
  const result = CodebookSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? formatIssuePath(issue.path) : '';
    const reason = issue?.message ?? 'invalid codebook';
    const more = result.error.issues.length > 1 ? ` (+${result.error.issues.length - 1} more)` : '';
    throw new VerbatimError('CODEBOOK_INVALID', `${source}: ${where ? `${where}: ` : ''}${reason}${more}`, {
      file: source,
      reason,
    });
  }
  const version =
    result.data.version ?? `sha-${createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 12)}`;
  return Object.freeze({ ...result.data, version });
}

/** Reads and validates a YAML or JSON codebook file. */
export function loadCodebook(path: string): Codebook {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'INPUT_MISSING' : 'INPUT_UNREADABLE';
    throw new VerbatimError(code, `${path}: codebook cannot be read`, { file: path }, { cause: error });
  }
  let data: unknown;
  try {
    // YAML is a superset of JSON, so one parser reads both.
    data = parseYaml(text);
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    throw new VerbatimError(
      'CODEBOOK_INVALID',
      `${path}: not valid YAML/JSON: ${reason}`,
      { file: path, reason },
      { cause: error },
    );
  }
  return parseCodebook(data, path);
}

/** Loads the shipped default codebook. */
export function loadDefaultCodebook(): Codebook {
  return loadCodebook(DEFAULT_CODEBOOK_PATH);
}

/** `['themes', 3, 'id']` → `themes[3].id`. */
function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/**
 * The theme id of each label of a training file, matched by id or, for files whose columns carry
 * the codebook's human labels (one-hot "Staff manner & personal attributes"), by label. Labels
 * that match no theme give `undefined`.
 */
export function themeIdsForLabels(codebook: Codebook, labels: readonly string[]): (string | undefined)[] {
  const byId = new Set<string>(codebook.themes.map((t) => t.id));
  const byLabel = new Map(codebook.themes.map((t) => [t.label, t.id as string]));
  return labels.map((l) => (byId.has(l) ? l : byLabel.get(l)));
}
