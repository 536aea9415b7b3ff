import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDefaultCodebook } from '../../models/codebooks/codebook.js';
import type { Store } from '../../pipeline/store/store.js';
import {
  buildApp,
  hashPassword,
  invitePerson,
  LoginRateLimit,
  SESSION_COOKIE,
  tokenHash,
  verifyPassword,
} from '../../web/index.js';
import { CookieJar, csrfOf, form, IMG_TEXT, RUN_ID, SCRIPT_TEXT, seededStore } from './web-fixtures.js';

const codebook = loadDefaultCodebook();

/** A browser-like client over `app.inject()`. */
function client(app: FastifyInstance) {
  const jar = new CookieJar();
  const send = async (method: 'GET' | 'POST', url: string, fields?: Record<string, string | string[]>) => {
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
    jar,
    get: (url: string) => send('GET', url),
    post: (url: string, f: Record<string, string | string[]>) => send('POST', url, f),
  };
}

/** Accepts an invitation link with a password; returns the signed-in client. */
async function acceptInvitation(app: FastifyInstance, path: string, password: string) {
  const c = client(app);
  const page = await c.get(path);
  expect(page.statusCode).toBe(200);
  const done = await c.post(path, { _csrf: csrfOf(page.body), password, confirm: password });
  expect(done.statusCode).toBe(303);
  expect(c.jar.cookies.has(SESSION_COOKIE)).toBe(true);
  return c;
}

let store: Store;
let app: FastifyInstance;
let logs: string[];
let now: number;

beforeEach(async () => {
  store = await seededStore();
  logs = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(String(chunk));
      callback();
    },
  });
  now = Date.now();
  ({ app } = await buildApp({
    logger: pino({ level: 'info' }, sink),
    store,
    validation: store.validation,
    codebook,
    rateLimit: new LoginRateLimit({ maxFailures: 5, windowMs: 15 * 60_000 }, () => now),
  }));
});

afterEach(async () => {
  await app.close();
  await store.close();
});

describe('passwords', () => {
  it('hashes with a salt and verifies in constant time', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterie', a)).toBe(false);
    expect(await verifyPassword('anything', null)).toBe(false);
  });
});

describe('invitation and login', () => {
  it('an invitation link works once, stores only its hash, and signs the person in', async () => {
    const { path } = await invitePerson(store.validation, {
      email: 'claire@example.org',
      displayName: 'Claire',
      role: 'coresearcher',
    });
    const token = path.split('/').pop() ?? '';
    const stored = await store.db.selectFrom('invitations').select('token_sha256').execute();
    expect(stored.map((r) => r.token_sha256)).toEqual([tokenHash(token)]);
    const c = client(app);
    const page = await c.get(path);
    // The page says who the link is for and which address logs in.
    expect(page.body).toContain('Bienvenue, Claire !');
    expect(page.body).toContain('claire@example.org');
    // Too short, then mismatched: refused with a plain sentence.
    const short = await c.post(path, { _csrf: csrfOf(page.body), password: 'court', confirm: 'court' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('au moins 10 caractères');
    const mismatch = await c.post(path, {
      _csrf: csrfOf(page.body),
      password: 'un mot de passe',
      confirm: 'un autre mot',
    });
    expect(mismatch.body).toContain('pas identiques');
    // Without the double-submit token: refused.
    const forged = await client(app).post(path, {
      _csrf: 'x'.repeat(43),
      password: 'un mot de passe',
      confirm: 'un mot de passe',
    });
    expect(forged.statusCode).toBe(400);
    const ok = await c.post(path, {
      _csrf: csrfOf(page.body),
      password: 'un mot de passe',
      confirm: 'un mot de passe',
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/validation');
    const cookie = [ok.headers['set-cookie']].flat().find((h) => h?.startsWith(SESSION_COOKIE)) ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    // The session id is stored hashed, never in clear.
    const id = c.jar.cookies.get(SESSION_COOKIE) ?? '';
    const sessions = await store.db.selectFrom('sessions').select('session_sha256').execute();
    expect(sessions.map((s) => s.session_sha256)).toEqual([tokenHash(id)]);
    // Second use of the link: gone.
    const page2 = await c.get(path);
    expect(page2.statusCode).toBe(410);
    expect(page2.body).toContain('Ce lien ne marche plus');
    const reuse = await c.post(path, {
      _csrf: csrfOf(page.body),
      password: 'autre mot de passe',
      confirm: 'autre mot de passe',
    });
    expect(reuse.statusCode).toBe(410);
  });

  it('refuses wrong passwords with one message, rate-limits after 5 failures for 15 minutes, and logs out', async () => {
    const { path } = await invitePerson(store.validation, {
      email: 'r@example.org',
      displayName: 'Rémi',
      role: 'researcher',
    });
    await acceptInvitation(app, path, 'mot de passe solide');
    const c = client(app);
    const csrf = csrfOf((await c.get('/login')).body);
    const unknown = await c.post('/login', {
      _csrf: csrf,
      email: 'nobody@example.org',
      password: 'mot de passe solide',
    });
    const wrong = await c.post('/login', { _csrf: csrf, email: 'r@example.org', password: 'mauvais' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('Adresse e-mail ou mot de passe incorrect.');
    expect(unknown.body).toContain('Adresse e-mail ou mot de passe incorrect.');
    for (let i = 0; i < 4; i += 1) await c.post('/login', { _csrf: csrf, email: 'r@example.org', password: 'mauvais' });
    const limited = await c.post('/login', { _csrf: csrf, email: 'r@example.org', password: 'mot de passe solide' });
    expect(limited.statusCode).toBe(429);
    now += 15 * 60_000 + 1;
    const noCsrf = await c.post('/login', { email: 'r@example.org', password: 'mot de passe solide' });
    expect(noCsrf.statusCode).toBe(403);
    const good = await c.post('/login', { _csrf: csrf, email: 'R@example.org', password: 'mot de passe solide' });
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe('/lots');
    const lots = await c.get('/lots');
    expect(lots.statusCode).toBe(200);
    // Logout needs the CSRF token too.
    expect((await c.post('/logout', {})).statusCode).toBe(403);
    const out = await c.post('/logout', { _csrf: csrfOf(lots.body) });
    expect(out.statusCode).toBe(303);
    expect((await c.get('/lots')).statusCode).toBe(302);
  });
});

describe('cookies behind https', () => {
  it('marks the session and pre-login cookies Secure with secureCookies', async () => {
    const secure = await buildApp({ store, validation: store.validation, codebook, secureCookies: true });
    const { path } = await invitePerson(store.validation, {
      email: 's@example.org',
      displayName: 'S',
      role: 'researcher',
    });
    const c = client(secure.app);
    const page = await c.get(path);
    expect(String(page.headers['set-cookie'])).toMatch(/verbatim_csrf=.*; Secure/);
    const done = await c.post(path, {
      _csrf: csrfOf(page.body),
      password: 'mot de passe sûr',
      confirm: 'mot de passe sûr',
    });
    const session = [done.headers['set-cookie']].flat().find((h) => h?.startsWith(SESSION_COOKIE)) ?? '';
    expect(session).toMatch(/; HttpOnly; SameSite=Strict; Max-Age=28800; Secure$/);
    await secure.app.close();
  });
});

describe('roles, batches and validation', () => {
  async function team() {
    const admin = await invitePerson(store.validation, { email: 'a@example.org', displayName: 'Admin', role: 'admin' });
    const adminClient = await acceptInvitation(app, admin.path, 'administrateur 1');
    // The admin invites people through the page; the link is shown once.
    const people = await adminClient.get('/personnes');
    const invited = await adminClient.post('/personnes', {
      _csrf: csrfOf(people.body),
      displayName: 'Claire <b>',
      email: 'claire@example.org',
      role: 'coresearcher',
    });
    expect(invited.statusCode).toBe(200);
    expect(invited.body).toContain('Claire &lt;b&gt;');
    const link = /value="https?:\/\/[^"/]+(\/invitation\/[A-Za-z0-9_-]{43})"/.exec(invited.body)?.[1];
    expect(link).toBeDefined();
    const researcher = await invitePerson(store.validation, {
      email: 'r@example.org',
      displayName: 'Rémi',
      role: 'researcher',
    });
    const researcherClient = await acceptInvitation(app, researcher.path, 'chercheur solide');
    const coClient = await acceptInvitation(app, link ?? '', 'patiente partenaire');
    return { adminClient, researcherClient, coClient };
  }

  it('enforces roles: a co-researcher cannot invite or build batches', async () => {
    const { coClient, researcherClient } = await team();
    expect((await coClient.get('/personnes')).statusCode).toBe(403);
    expect((await coClient.get('/lots')).statusCode).toBe(403);
    expect((await researcherClient.get('/personnes')).statusCode).toBe(403);
  });

  it('builds a batch, shows passages escaped, saves decisions, undoes the last, and logs no text', async () => {
    const { researcherClient, coClient } = await team();
    const lots = await researcherClient.get('/lots');
    expect(lots.body).toContain(RUN_ID);
    const coId = (await store.validation.listUsers()).find((u) => u.role === 'coresearcher')?.userId ?? '';
    const created = await researcherClient.post('/lots', {
      _csrf: csrfOf(lots.body),
      name: 'Lot test',
      runId: RUN_ID,
      strategy: 'random',
      size: '8',
      doublePercent: '20',
      validators: [coId],
    });
    expect(created.statusCode).toBe(303);
    const listed = await researcherClient.get('/lots?fait=1');
    expect(listed.body).toContain('Le lot est créé.');
    expect(listed.body).toContain('0 / 8');

    const seen: string[] = [];
    let page = await coClient.get('/validation');
    for (let i = 1; i <= 8; i += 1) {
      expect(page.body).toContain(`Passage ${i} sur 8`);
      expect(page.body).not.toMatch(/<script>alert|<img src=x/);
      seen.push(page.body);
      const position = /name="position" value="(\d+)"/.exec(page.body)?.[1] ?? '';
      const batch = /name="batch" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const checked = [...page.body.matchAll(/name="themes" value="([a-z_]+)" checked/g)].map((m) => m[1] ?? '');
      const response = await coClient.post('/validation', {
        _csrf: csrfOf(page.body),
        batch,
        position,
        action: i === 2 ? 'unsure' : 'validate',
        // The first decision drops every proposed theme but the first and adds « trust ».
        themes: i === 1 ? [checked[0] ?? '', 'trust', 'not_a_theme'] : checked,
        valence: 'negative',
        note: i === 1 ? 'Appeler Jean Dupont au 06 12 34 56 78 <script>' : '',
      });
      expect(response.statusCode).toBe(303);
      page = await coClient.get(response.headers.location ?? '');
    }
    expect(page.body).toContain('Merci !');
    const all = seen.join('\n');
    expect(all).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(all).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // Every passage shows its definition and evidence.
    expect(all).toContain('Repéré grâce à : « repas »');
    expect(all).not.toContain('meals*');

    const rows = await store.validation.listValidations(RUN_ID);
    expect(rows).toHaveLength(8);
    const first = rows[0];
    expect(first?.themes).toContain('trust');
    expect(first?.themes).not.toContain('not_a_theme');
    expect(first?.note).not.toContain('Dupont');
    expect(first?.note).not.toContain('06 12');
    expect(rows[1]?.unsure).toBe(true);

    // Undo the last decision: the passage comes back.
    const undo = await coClient.post('/validation/undo', { _csrf: csrfOf(page.body) });
    expect(undo.headers.location).toBe('/validation?fait=annule');
    const back = await coClient.get('/validation?fait=annule');
    expect(back.body).toContain('Passage 8 sur 8');
    expect(back.body).toContain('Votre dernière décision est annulée');

    // A stale form (old position) does not write.
    const before = (await store.validation.listValidations(RUN_ID)).length;
    const stale = await coClient.post('/validation', {
      _csrf: csrfOf(back.body),
      batch: 'x',
      position: '1',
      action: 'validate',
    });
    expect(stale.headers.location).toBe('/validation?fait=perime');
    expect((await store.validation.listValidations(RUN_ID)).length).toBe(before);

    // No comment text, note, or token in the logs.
    const logText = logs.join('');
    expect(logText).toContain('validation saved');
    expect(logText).toContain('/invitation/…');
    expect(logText).not.toMatch(/invitation\/[A-Za-z0-9_-]{43}/);
    for (const secret of [SCRIPT_TEXT, IMG_TEXT, 'Dupont', 'repas']) expect(logText).not.toContain(secret);
  });

  it('shows researchers the agreement of two validators and of the machine', async () => {
    const { researcherClient, coClient } = await team();
    const bruno = await invitePerson(store.validation, {
      email: 'b@example.org',
      displayName: 'Bruno',
      role: 'coresearcher',
    });
    const brunoClient = await acceptInvitation(app, bruno.path, 'patient partenaire');
    const empty = await researcherClient.get('/accord');
    expect(empty.body).toContain('Aucun lot de validation');
    const lots = await researcherClient.get('/lots');
    const ids = (await store.validation.listUsers()).filter((u) => u.role === 'coresearcher').map((u) => u.userId);
    await researcherClient.post('/lots', {
      _csrf: csrfOf(lots.body),
      name: 'Double',
      runId: RUN_ID,
      strategy: 'stratified',
      size: '4',
      doublePercent: '100',
      validators: ids,
    });
    for (const c of [coClient, brunoClient]) {
      let page = await c.get('/validation');
      for (let i = 0; i < 4; i += 1) {
        const position = /name="position" value="(\d+)"/.exec(page.body)?.[1] ?? '';
        const batch = /name="batch" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
        const checked = [...page.body.matchAll(/name="themes" value="([a-z_]+)" checked/g)].map((m) => m[1] ?? '');
        const r = await c.post('/validation', {
          _csrf: csrfOf(page.body),
          batch,
          position,
          action: 'validate',
          themes: checked,
          valence: 'negative',
        });
        page = await c.get(r.headers.location ?? '');
      }
      expect(page.body).toContain('Merci !');
    }
    // A co-researcher may not read the agreement page.
    expect((await coClient.get('/accord')).statusCode).toBe(403);
    const accord = await researcherClient.get('/accord');
    expect(accord.statusCode).toBe(200);
    expect(accord.body).toContain('4 passages validés par 2 personne(s), dont 4 vus par au moins deux personnes');
    expect(accord.body).toContain('Les personnes entre elles');
    expect(accord.body).toContain('L’ordinateur face aux personnes');
    // Both kept the machine's themes: people agree with each other and with the machine.
    expect(accord.body).toMatch(/<th scope="row">Le ton<\/th><td>4<\/td><td>100 %<\/td>/);
    expect(accord.body).toContain('Trop peu de segments pour conclure.');
  });
});
