/**
 * Public surface of the web app: the shells (`verbatim serve`) and tests import from here only.
 */
export * from './admin-token.js';
export * from './build-app.js';
export * from './invitation-link.js';
export * from './login-rate-limit.js';
export * from './password-hash.js';
export { ADMIN_QUEUES_PATH } from './routes/admin-queues.js';
export { CONTENT_SECURITY_POLICY } from './security-headers.js';
export * from './serve.js';
export * from './session-cookie.js';
