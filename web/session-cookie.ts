/**
 * Session and CSRF tokens of the validation app. The session cookie holds a random id; the store
 * keeps only its sha256, so a leaked database opens no session. The CSRF token is an HMAC of the
 * session id (tied to the session, never stored): every state-changing form sends it back in a
 * hidden field or an `x-csrf-token` header. Before login, a random `verbatim_csrf` cookie is
 * doubled in the form (double submit).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Name of the session cookie (httpOnly, SameSite=Strict, Path=/). */
export const SESSION_COOKIE = 'verbatim_session';
/** Name of the pre-login CSRF cookie (login and invitation forms). */
export const PRE_CSRF_COOKIE = 'verbatim_csrf';
/** Session lifetime (s). @defaultValue 8 hours */
export const SESSION_MAX_AGE_S = 8 * 3600;

/** A fresh random token (32 bytes, base64url). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** sha256 (hex) of a token: what the store keeps for sessions and invitations. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The CSRF token of a session. */
export function csrfFor(sessionId: string): string {
  return createHmac('sha256', sessionId).update('verbatim csrf v1').digest('base64url');
}

/** Constant-time equality of two tokens (any lengths). */
export function sameToken(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y) && a.length > 0;
}

/** A Set-Cookie header value; `maxAgeS` 0 clears the cookie. */
export function cookieHeader(name: string, value: string, options: { secure: boolean; maxAgeS: number }): string {
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${options.maxAgeS}`];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
