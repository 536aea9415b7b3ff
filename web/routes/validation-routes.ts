/**
 * `/validation` (co-researchers and researchers): the next passage to check, the decision form,
 * and `/validation/undo`. The form addresses the passage by batch and position only; the server
 * accepts a decision only for the validator's current assignment, so a stale or forged form
 * cannot write on someone else's segment. Notes are pseudonymized before they are stored and are
 * never logged.
 */
import type { FastifyInstance } from 'fastify';
import type { Codebook } from '../../models/codebooks/codebook.js';
import { pseudonymize } from '../../pipeline/deidentify/index.js';
import { ValenceSchema } from '../../pipeline/record.js';
import type { ValidationStore } from '../../pipeline/store/validation-types.js';
import { htmlPage } from '../html-page.js';
import { segmentView } from '../segment-view.js';
import { validationBody, validationDoneBody } from '../validation-page.js';
import { signedIn } from '../web-session.js';

export interface ValidationRoutesOptions {
  store: ValidationStore;
  codebook: Codebook;
}

/** Messages after a redirect, by code (the URL carries the code, never text from the store). */
const NOTICES: Readonly<Record<string, string>> = {
  valide: 'C’est enregistré. Voici le passage suivant.',
  'ne-sait-pas': 'Noté : « je ne sais pas ». Voici le passage suivant.',
  annule: 'Votre dernière décision est annulée : vous pouvez la refaire.',
  rien: 'Il n’y a pas de décision à annuler.',
  perime: 'Ce passage avait déjà été traité ; voici celui qui vous attend.',
};

const ROLES = ['coresearcher', 'researcher'] as const;

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

export async function validationRoutes(app: FastifyInstance, options: ValidationRoutesOptions): Promise<void> {
  const { store, codebook } = options;
  const themeIds = new Set<string>(codebook.themes.map((t) => t.id));

  app.get('/validation', { config: { roles: ROLES } }, async (request, reply) => {
    const session = signedIn(request);
    const code = (request.query as Record<string, unknown>).fait;
    const notice = typeof code === 'string' ? NOTICES[code] : undefined;
    const next = await store.nextAssignment(session.user.userId);
    const user = { displayName: session.user.displayName, role: session.user.role, csrf: session.csrfToken };
    const body = next
      ? validationBody(
          { batchId: next.batchId, position: next.position, done: next.done, total: next.total },
          segmentView(next, codebook),
          session.csrfToken,
          notice,
        )
      : validationDoneBody(session.csrfToken, notice);
    const scripts = ['/static/validation.js'];
    return reply.type('text/html; charset=utf-8').send(htmlPage({ title: 'Vérifier les thèmes', body, user, scripts }));
  });

  app.post('/validation', { config: { roles: ROLES } }, async (request, reply) => {
    const session = signedIn(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const next = await store.nextAssignment(session.user.userId);
    if (!next || body.batch !== next.batchId || Number(body.position) !== next.position) {
      return reply.redirect('/validation?fait=perime', 303);
    }
    const unsure = body.action === 'unsure';
    const themes = list(body.themes).filter((t) => themeIds.has(t));
    const valence = ValenceSchema.safeParse(body.valence);
    const rawNote = typeof body.note === 'string' ? body.note.trim().slice(0, 2000) : '';
    await store.saveValidation({
      batchId: next.batchId,
      runId: next.runId,
      recordKey: next.recordKey,
      segmentIndex: next.segmentIndex,
      userId: session.user.userId,
      themes: unsure ? [] : [...new Set(themes)],
      valence: unsure || !valence.success ? null : valence.data,
      unsure,
      note: rawNote ? pseudonymize(rawNote).text : null,
    });
    request.log.info(
      { userId: session.user.userId, batchId: next.batchId, position: next.position },
      'validation saved',
    );
    return reply.redirect(`/validation?fait=${unsure ? 'ne-sait-pas' : 'valide'}`, 303);
  });

  app.post('/validation/undo', { config: { roles: ROLES } }, async (request, reply) => {
    const session = signedIn(request);
    const undone = await store.undoLast(session.user.userId);
    return reply.redirect(`/validation?fait=${undone ? 'annule' : 'rien'}`, 303);
  });
}
