import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ADMIN_COOKIE,
  ADMIN_QUEUES_PATH,
  buildApp,
  CONTENT_SECURITY_POLICY,
  readCookie,
  sameSecret,
  sessionValue,
} from '../../web/index.js';
import { CHUNK_QUEUE } from '../../workers/queue-names.js';

const TOKEN = 'test-admin-token-0123456789abcdef';

// The board's HTML page reads nothing from Redis, so these tests need no server: the queue
// points at a closed port and its connection errors are ignored.
const queue = new Queue(CHUNK_QUEUE, {
  connection: { url: 'redis://127.0.0.1:1', maxRetriesPerRequest: null, lazyConnect: true, retryStrategy: () => null },
  prefix: 'vbtest-web',
});
queue.on('error', () => undefined);

afterAll(async () => {
  await queue.close().catch(() => undefined);
});

describe('admin token helpers', () => {
  it('compares secrets of any length without throwing', () => {
    expect(sameSecret(TOKEN, TOKEN)).toBe(true);
    expect(sameSecret('short', TOKEN)).toBe(false);
    expect(sameSecret('', TOKEN)).toBe(false);
  });

  it('reads one cookie among several', () => {
    expect(readCookie(`a=1; ${ADMIN_COOKIE}=xyz; b=2`, ADMIN_COOKIE)).toBe('xyz');
    expect(readCookie('a=1', ADMIN_COOKIE)).toBeUndefined();
    expect(readCookie(undefined, ADMIN_COOKIE)).toBeUndefined();
  });
});

describe('buildApp', () => {
  it('does not mount the board without a token, and says so', async () => {
    const { app, adminBoard } = await buildApp({ queues: [queue] });
    expect(adminBoard).toBe('no-token');
    expect((await app.inject({ method: 'GET', url: ADMIN_QUEUES_PATH })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/admin/login' })).statusCode).toBe(404);
    await app.close();
  });

  it('refuses a short admin token', async () => {
    await expect(buildApp({ queues: [queue], adminToken: 'too-short' })).rejects.toThrow(/shorter than/);
  });

  it('answers 401 without the token, 200 with it as a bearer, with security headers', async () => {
    const { app, adminBoard } = await buildApp({ queues: [queue], adminToken: TOKEN });
    expect(adminBoard).toBe('mounted');
    const anonymous = await app.inject({ method: 'GET', url: ADMIN_QUEUES_PATH });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['www-authenticate']).toContain('Bearer');
    const wrong = await app.inject({
      method: 'GET',
      url: ADMIN_QUEUES_PATH,
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.statusCode).toBe(401);
    // The board's JSON API is guarded too, not only its page.
    const api = await app.inject({ method: 'GET', url: `${ADMIN_QUEUES_PATH}/api/queues` });
    expect(api.statusCode).toBe(401);

    const ok = await app.inject({
      method: 'GET',
      url: ADMIN_QUEUES_PATH,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toContain('text/html');
    expect(ok.body).toContain('__UI_CONFIG__');
    for (const response of [anonymous, ok]) {
      expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
    }
    await app.close();
  });

  it('exchanges the token on the login form for an httpOnly SameSite=Strict cookie that is not the token', async () => {
    const { app } = await buildApp({ queues: [queue], adminToken: TOKEN });
    const form = await app.inject({ method: 'GET', url: '/admin/login' });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('method="post"');

    const bad = await app.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'token=wrong',
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.headers['set-cookie']).toBeUndefined();

    const good = await app.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `token=${encodeURIComponent(TOKEN)}`,
    });
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe(ADMIN_QUEUES_PATH);
    const setCookie = String(good.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(TOKEN);
    const value = readCookie(setCookie.split(';')[0], ADMIN_COOKIE);
    expect(value).toBe(sessionValue(TOKEN));

    const withCookie = await app.inject({
      method: 'GET',
      url: ADMIN_QUEUES_PATH,
      headers: { cookie: `${ADMIN_COOKIE}=${value}` },
    });
    expect(withCookie.statusCode).toBe(200);
    const forged = await app.inject({
      method: 'GET',
      url: ADMIN_QUEUES_PATH,
      headers: { cookie: `${ADMIN_COOKIE}=${sessionValue('another-token-0123456789abcdef')}` },
    });
    expect(forged.statusCode).toBe(401);

    const logout = await app.inject({ method: 'POST', url: '/admin/logout' });
    expect(String(logout.headers['set-cookie'])).toContain('Max-Age=0');
    await app.close();
  });

  it('serves a health check and a home page without a session', async () => {
    const { app } = await buildApp({});
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ ok: true });
    expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
    await app.close();
  });
});
