/**
 * Words that name a speaker on their own ("Enquêteur : ..."), folded to lower case. Other labels
 * must carry a digit ("RU1", "IDE 3", "Speaker 2") or be a short upper-case code ("E", "CDS"), so
 * that "Alors : je pense" is text, not a speaker called "Alors".
 */
const ROLE_WORDS = new Set([
  'enqueteur',
  'enqueteuse',
  'enquetrice',
  'interviewer',
  'intervieweur',
  'animateur',
  'animatrice',
  'moderateur',
  'moderatrice',
  'medecin',
  'patient',
  'patiente',
  'infirmier',
  'infirmiere',
  'cadre',
  'aidant',
  'aidante',
  'participant',
  'participante',
  'intervenant',
  'intervenante',
  'speaker',
  'locuteur',
  'locutrice',
]);

/** "IDE 3", "P.3", "Médecin 2", "RU1", "E": one word, optional number, then a colon. */
const LABEL = /^([\p{Lu}][\p{L}.]{0,19}(?:[ .]?\d{1,3})?)[ \t\u00a0]?:[ \t\u00a0]+(.*)$/su;

function isSpeakerLabel(label: string): boolean {
  if (/\d/.test(label)) return true;
  const letters = label.replace(/\./g, '');
  if (letters.length <= 6 && letters === letters.toUpperCase()) return true;
  const folded = letters.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return ROLE_WORDS.has(folded);
}

/** Splits "RU1: text" / "Enquêteur : text" into speaker and text; null when no label starts the line. */
export function splitSpeakerLabel(line: string): { speaker: string; text: string } | null {
  const match = LABEL.exec(line.trim());
  if (match === null) return null;
  const [, label = '', text = ''] = match;
  return isSpeakerLabel(label) ? { speaker: label, text } : null;
}
