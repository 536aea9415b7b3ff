/**
 * Maps a speaker label as written in a transcript ("IDE 3", "P.3", "Médecin 2", "Enquêtrice") to
 * a normalized role (domain.md §3), so that code × role matrices count all nurses together.
 */
import type { Role } from '../record.js';

/**
 * Built-in role words, in their matching form: accents, case, digits, dots, spaces, hyphens,
 * apostrophes, slashes and brackets removed ("Aide-soignant(e) 2" → `aidesoignante`). Keyed by
 * role so that the compiler asks for a list when a role is added to `RoleSchema`.
 */
// biome-ignore format: word lists read better packed
const ROLE_WORDS_BY_ROLE: Readonly<Record<Role, readonly string[]>> = {
  RU: ['ru', 'representantdesusagers', 'representantedesusagers', 'representantusagers'],
  Patient: ['p', 'pp', 'patient', 'patiente', 'patientpartenaire', 'patientepartenaire', 'patientexpert',
    'patienteexperte', 'patientressource', 'usager', 'usagere'],
  IDE: ['ide', 'idec', 'ipa', 'iade', 'ibode', 'infirmier', 'infirmiere', 'infirmierere'],
  AS: ['as', 'aidesoignant', 'aidesoignante'],
  Médecin: ['medecin', 'dr', 'docteur', 'interne', 'chirurgien', 'chirurgienne', 'ph', 'puph',
    'praticienhospitalier', 'pr', 'professeur'],
  Cadre: ['cds', 'css', 'cadre', 'cadredesante', 'cadresuperieur', 'cadresuperieurdesante', 'cadredesoins'],
  'Direction des soins': ['cgs', 'ds', 'dsi', 'directeurdessoins', 'directricedessoins', 'directiondessoins',
    'coordonnateurgeneraldessoins', 'coordonnatricegeneraledessoins', 'coordinatricegeneraledessoins'],
  Qualité: ['dq', 'rq', 'iq', 'qualite', 'directeurqualite', 'directricequalite', 'responsablequalite',
    'ingenieurqualite', 'ingenieurequalite'],
  Administratif: ['aa', 'agentadministratif', 'agenteadministrative', 'administratif', 'secretaire'],
  Interviewer: ['e', 'q', 'i', 'enqueteur', 'enquetrice', 'intervieweur', 'intervieweuse', 'interviewer',
    'chercheur', 'chercheuse', 'animateur', 'animatrice', 'moderateur', 'moderatrice'],
  Other: [],
};

const ROLE_WORDS: ReadonlyMap<string, Role> = new Map(
  Object.entries(ROLE_WORDS_BY_ROLE).flatMap(([role, words]) => words.map((word) => [word, role as Role] as const)),
);

const MARKS = /\p{M}/gu;
const NOT_MATCHED = /[\d.\s\-_'’()/]/g;
const SPACES = /\s+/g;
const LETTER = /\p{L}/u;
/** A name or number after a role word: "Dr Morel", "IDE [NOM_2]", "Patient 4". */
const NAME_TOKEN = /^(?:\p{Lu}[\p{L}'’.-]*|\[[A-Z_]+\d*\]|\d+)$/u;

/**
 * Role of a speaker label. `overrides` (label or leading-token prefix → role, see
 * `SegmentOptions.roleOverrides`) win; then the built-in table, on the whole label or on a role
 * word followed by names or numbers ("Dr Morel", "Infirmière [NOM_2]"); anything else is `Other`.
 */
export function normalizeRole(label: string, overrides: Readonly<Record<string, Role>> = {}): Role {
  return matchRoleOverride(label, overrides) ?? builtInRole(label) ?? 'Other';
}

/**
 * The override for a label: an exact match (case- and accent-insensitive) first, else the
 * longest key that is a prefix of the label ending at a non-letter ("M" for "M1", not "Médecin").
 */
export function matchRoleOverride(label: string, overrides: Readonly<Record<string, Role>>): Role | undefined {
  const canonical = canonicalLabel(label);
  let best: { length: number; role: Role } | undefined;
  for (const [key, role] of Object.entries(overrides)) {
    const canonicalKey = canonicalLabel(key);
    if (canonicalKey === '') continue;
    if (canonicalKey === canonical) return role;
    const nextChar = canonical.charAt(canonicalKey.length);
    if (canonical.startsWith(canonicalKey) && !LETTER.test(nextChar) && canonicalKey.length > (best?.length ?? 0)) {
      best = { length: canonicalKey.length, role };
    }
  }
  return best?.role;
}

/** The built-in role of a label, or undefined when it names no known role. */
export function builtInRole(label: string): Role | undefined {
  const whole = ROLE_WORDS.get(roleKey(label));
  if (whole !== undefined) return whole;
  const tokens = label.trim().split(SPACES);
  // A role word of one or more tokens followed by at most two names or numbers.
  for (let split = tokens.length - 1; split >= 1 && tokens.length - split <= 2; split--) {
    if (!tokens.slice(split).every((token) => NAME_TOKEN.test(token))) break;
    const role = ROLE_WORDS.get(roleKey(tokens.slice(0, split).join(' ')));
    if (role !== undefined) return role;
  }
  return undefined;
}

function stripAccents(value: string): string {
  return value.normalize('NFD').replace(MARKS, '');
}

function roleKey(label: string): string {
  return stripAccents(label).toLowerCase().replace(NOT_MATCHED, '');
}

function canonicalLabel(label: string): string {
  return stripAccents(label).toLowerCase().trim().replace(SPACES, ' ');
}
