/**
 * Security headers on every response of `verbatim serve`: a strict Content-Security-Policy (no
 * inline script, no third-party origin: fonts and scripts a page might pull from elsewhere are
 * refused, which also keeps patients' data from leaking through referrers), no framing, no
 * sniffing, no referrer, and no caching of authenticated pages.
 */
import type { FastifyInstance } from 'fastify';

/** The policy of Verbatim's own pages. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Bull Board's pages set style attributes; styles cannot run code.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  'cache-control': 'no-store',
};

/** Adds the headers to every reply of `app` (a root-level hook: it covers every plugin). */
export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(HEADERS)) {
      // Static files may be cached (they hold no data); everything else may not.
      if (name === 'cache-control' && reply.getHeader('cache-control')) continue;
      reply.header(name, value);
    }
    return payload;
  });
}
