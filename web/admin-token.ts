/**
 * The admin token that guards the queue board until accounts exist (issue 6): given as
 * `VERBATIM_ADMIN_TOKEN`, sent as `Authorization: Bearer <token>` or exchanged on the login form
 * for an httpOnly, SameSite=Strict cookie. The cookie holds an HMAC of the token, never the token;
 * every comparison is in constant time.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** Name of the admin session cookie. */
export const ADMIN_COOKIE = 'verbatim_admin';

/** Shortest token accepted: a guessable token would make the board public. @defaultValue 24 */
export const MIN_ADMIN_TOKEN_LENGTH = 24;

/** How long the cookie lasts (s). @defaultValue 8 hours */
export const ADMIN_COOKIE_MAX_AGE_S = 8 * 3600;

/** Equality of two secrets in constant time, whatever their lengths (both are hashed first). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The cookie value for a token: an HMAC, so that a leaked cookie does not reveal the token. */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('verbatim admin session v1').digest('base64url');
}

/** One cookie from a Cookie header, or `undefined`. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Whether the request carries the admin token (bearer header) or a valid session cookie. */
export function isAdmin(request: FastifyRequest, token: string): boolean {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return sameSecret(auth.slice('Bearer '.length).trim(), token);
  const cookie = readCookie(request.headers.cookie, ADMIN_COOKIE);
  return cookie !== undefined && sameSecret(cookie, sessionValue(token));
}

/** The Set-Cookie header that opens (or, with `maxAgeS` 0, closes) an admin session. */
export function sessionCookie(value: string, options: { secure: boolean; maxAgeS: number }): string {
  const parts = [
    `${ADMIN_COOKIE}=${value}`,
    'Path=/admin',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${options.maxAgeS}`,
  ];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
