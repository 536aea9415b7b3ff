/**
 * A small seeded store for the validation web tests: one run of short pseudonymized comments
 * (two of them hostile HTML), an in-memory SQLite store with the validation tables, and a cookie
 * jar for `app.inject()`.
 */

import type { RunId } from '../../pipeline/record.js';
import { openStore } from '../../pipeline/store/open-store.js';
import type { Store } from '../../pipeline/store/store.js';
import { makeRecord, makeSegment } from '../helpers/fixtures.js';

export const RUN_ID = 'run-web-test' as RunId;
export const SCRIPT_TEXT = 'Le repas <script>alert("x")</script> était froid.';
export const IMG_TEXT = 'Accueil <img src=x onerror=alert(1)> très long aux urgences.';

/** Comment, themes the machine proposed, and the words that triggered each (as the rule classifier cites them). */
const COMMENTS: [string, string[], string[]][] = [
  [SCRIPT_TEXT, ['meals'], ['repas']],
  [IMG_TEXT, ['waiting_delays', 'reception_admission'], ['très long', 'Accueil']],
  ['Personne ne m’a expliqué le traitement avant la sortie.', ['communication', 'discharge'], ['expliqué', 'sortie']],
  [
    'Infirmières très gentilles et disponibles malgré le manque de personnel.',
    ['respect_dignity', 'resources_time'],
    ['gentilles', 'manque de personnel'],
  ],
  ['Chambre bruyante, impossible de dormir la nuit.', ['room_comfort'], ['Chambre bruyante']],
  ['La douleur a été bien prise en charge dès mon arrivée.', ['pain_management'], ['douleur']],
  ['J’ai eu peur de me plaindre au médecin.', ['fear_of_reprisal'], ['peur de me plaindre']],
  ['Ma fille n’a pas pu me rendre visite le soir.', ['relatives_caregivers'], ['Ma fille']],
];

/** Opens an in-memory store holding one run of `COMMENTS.length` one-segment comments. */
export async function seededStore(): Promise<Store> {
  const store = await openStore('sqlite::memory:');
  await store.migrate();
  await store.startRun({ runId: RUN_ID, modelVersion: 'lexical-test', codebookVersion: '1.0.0', options: {} });
  const records = COMMENTS.map(([text], i) => makeRecord({ row: i + 1, text }));
  const segments = records.map((record, i) => {
    const segment = makeSegment(record, 0, COMMENTS[i]?.[1] ?? []);
    // Evidence as the rule classifier writes it: the words, then the cue pattern.
    const words = COMMENTS[i]?.[2] ?? [];
    segment.themes = segment.themes.map((t, j) => ({ ...t, evidence: [`«${words[j] ?? ''}» [${t.theme}*]`] }));
    return segment;
  });
  await store.saveChunk(RUN_ID, {
    records: records.map((record) => ({ record, valence: 'negative', hasTheme: true })),
    segments,
  });
  return store;
}

/** Cookies across injected requests, like a browser (Set-Cookie with Max-Age=0 deletes). */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  take(setCookie: string | string[] | undefined): void {
    for (const line of [setCookie ?? []].flat()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      if (attrs.some((a) => a.trim() === 'Max-Age=0')) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** The hidden `_csrf` value of an HTML form. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF field in the page');
  return match[1];
}

/** URL-encodes a form (repeated keys for arrays). */
export function form(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) params.append(k, one);
  return params.toString();
}
