import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDefaultCodebook } from '../../models/codebooks/codebook.js';
import { readHead, saveHead } from '../../models/linear/index.js';
import { PROMOTIONS_LOG_FILE, readPromotedDefault } from '../../models/promoted-default.js';
import { DEFAULT_HEAD_VERSION, SHIPPED_MODELS_DIR } from '../../models/registry.js';
import type { Store } from '../../pipeline/store/store.js';
import { buildApp, invitePerson } from '../../web/index.js';
import { CookieJar, csrfOf, form, seededStore } from './web-fixtures.js';

const codebook = loadDefaultCodebook();
const shippedDefault = readHead(join(SHIPPED_MODELS_DIR, 'fr-default', DEFAULT_HEAD_VERSION));
const f1Of = (label: string) => shippedDefault.crossValidation.perLabel.find((l) => l.label === label)?.f1 ?? NaN;
const dec = (x: number) => x.toFixed(2).replace('.', ',');

/** A user model retrained from validations, with known figures, written as `verbatim train` does. */
function writeRetrained(modelsDir: string): void {
  const base = readHead(join(SHIPPED_MODELS_DIR, 'fr-default', 'v1'));
  const perLabel = base.crossValidation.perLabel.map((l) =>
    l.label === 'communication' ? { ...l, f1: 0.55 } : l.label === 'legitimacy' ? { ...l, f1: 0.93 } : l,
  );
  saveHead(modelsDir, {
    ...base,
    name: 'fr-valide',
    version: 'v1',
    createdAt: '2026-12-04T10:00:00.000Z',
    training: {
      ...base.training,
      examples: 3001,
      source: 'train-all.jsonl + validations du run run-7 (37 exemples, sha256 abc)',
    },
    crossValidation: {
      ...base.crossValidation,
      micro: { precision: 0.9, recall: 0.92, f1: 0.91 },
      macroF1: 0.64,
      perLabel,
    },
  });
}

function client(app: FastifyInstance) {
  const jar = new CookieJar();
  const send = async (method: 'GET' | 'POST', url: string, fields?: Record<string, string>) => {
    const response = await app.inject({
      method,
      url,
      headers: {
        cookie: jar.header(),
        accept: 'text/html',
        ...(fields ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(fields ? { payload: form(fields) } : {}),
    });
    jar.take(response.headers['set-cookie']);
    return response;
  };
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, f: Record<string, string>) => send('POST', url, f),
  };
}

let dir: string;
let modelsDir: string;
let store: Store;
let app: FastifyInstance;

async function signIn(role: 'researcher' | 'coresearcher', email: string) {
  const { path } = await invitePerson(store.validation, { email, displayName: email.split('@')[0] ?? email, role });
  const c = client(app);
  const page = await c.get(path);
  const done = await c.post(path, {
    _csrf: csrfOf(page.body),
    password: 'mot de passe solide',
    confirm: 'mot de passe solide',
  });
  expect(done.statusCode).toBe(303);
  return c;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vb-models-page-'));
  modelsDir = join(dir, 'models');
  writeRetrained(modelsDir);
  store = await seededStore();
  ({ app } = await buildApp({ store, validation: store.validation, codebook, modelsDir }));
});

afterEach(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('/modeles', () => {
  it('lists shipped and user models with their cross-validated figures next to the default', async () => {
    const researcher = await signIn('researcher', 'r@example.org');
    const page = await researcher.get('/modeles');
    expect(page.statusCode).toBe(200);
    const html = page.body;
    expect(html).toContain(
      'F1 : 1 = parfait ; calculé par validation croisée sur les données d’entraînement du modèle',
    );
    expect(html).toContain('<a href="/modeles">Modèles</a>');
    // The shipped default, first and marked, with its own figures.
    const defaultRow = /<tbody class="current-model">(.*?)<\/tbody>/s.exec(html)?.[1] ?? '';
    expect(defaultRow).toContain('fr-default');
    expect(defaultRow).toContain('Modèle par défaut actuel');
    expect(defaultRow).toContain(`<td>${dec(shippedDefault.crossValidation.micro.f1)}</td>`);
    expect(defaultRow).toContain(`<td>${dec(f1Of('fear_of_reprisal'))}</td>`);
    expect(defaultRow).toContain(String(shippedDefault.training.examples));
    // The retrained model: its figures, the gap to the default, its data and date, a promote form.
    const userRow =
      /<tbody><tr><th scope="row" rowspan="2" class="model-name">fr-valide(.*?)<\/tbody>/s.exec(html)?.[1] ?? '';
    expect(userRow).toContain('0,91');
    expect(userRow).toContain(`0,55 <span class="hint">(−${dec(f1Of('communication') - 0.55)})</span>`);
    expect(userRow).toContain(`0,93 <span class="hint">(+${dec(0.93 - f1Of('legitimacy'))})</span>`);
    expect(userRow).toContain('3001');
    expect(userRow).toContain('validations : 37 décisions (run run-7)');
    expect(userRow).toContain('2026-12-04');
    expect(userRow).toContain('Choisir comme modèle par défaut');
    // The rules have no figures, and say so.
    expect(html).toMatch(/lexical.*Règles sans entraînement/s);
    for (const theme of ['communication', 'fear_of_reprisal', 'legitimacy']) {
      const label = codebook.themes.find((t) => t.id === theme)?.label ?? theme;
      expect(html).toContain(`<th scope="col">${label}</th>`);
    }
  });

  it('promotes a model with the CSRF token: default.json, promotions.jsonl and the audit say who', async () => {
    const researcher = await signIn('researcher', 'r@example.org');
    const page = await researcher.get('/modeles');
    const noCsrf = await researcher.post('/modeles/choisir', { model: 'fr-valide' });
    expect(noCsrf.statusCode).toBe(403);
    expect(readPromotedDefault(modelsDir)).toBeNull();

    const done = await researcher.post('/modeles/choisir', { _csrf: csrfOf(page.body), model: 'fr-valide' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/modeles?fait=1');
    expect(readPromotedDefault(modelsDir)).toMatchObject({ model: 'fr-valide', by: 'r@example.org', previous: null });
    expect(readFileSync(join(modelsDir, PROMOTIONS_LOG_FILE), 'utf8').trim().split('\n')).toHaveLength(1);
    const userId = (await store.validation.listUsers()).find((u) => u.email === 'r@example.org')?.userId;
    const audit = await store.db.selectFrom('audit').selectAll().where('action', '=', 'model.promote').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor).toBe(userId);
    expect(JSON.parse(audit[0]?.details_json ?? 'null')).toMatchObject({
      model: 'fr-valide',
      previous: null,
      modelsDir,
    });

    const after = await researcher.get('/modeles?fait=1');
    expect(after.body).toContain('fr-valide est maintenant le modèle par défaut.');
    expect(/<tbody class="current-model">(.*?)<\/tbody>/s.exec(after.body)?.[1]).toContain('fr-valide');
    expect(after.body).toContain('choisi par r@example.org le');

    const unknown = await researcher.post('/modeles/choisir', { _csrf: csrfOf(after.body), model: 'nulle-part' });
    expect(unknown.statusCode).toBe(400);
    expect(readPromotedDefault(modelsDir)?.model).toBe('fr-valide');
  });

  it('is closed to co-researchers (403) and to visitors without a session (login)', async () => {
    const co = await signIn('coresearcher', 'c@example.org');
    expect((await co.get('/modeles')).statusCode).toBe(403);
    const validation = await co.get('/validation');
    const refused = await co.post('/modeles/choisir', { _csrf: csrfOf(validation.body), model: 'fr-valide' });
    expect(refused.statusCode).toBe(403);
    expect(readPromotedDefault(modelsDir)).toBeNull();
    const anonymous = await app.inject({ method: 'GET', url: '/modeles', headers: { accept: 'text/html' } });
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toBe('/login');
  });
});
