/**
 * One-time invitation links: a random token in the link path (not comment text), only its
 * sha256 kept in the store, valid for `INVITATION_TTL_MS`. Used by the admin page and by
 * `verbatim serve --create-admin`.
 */
import type { Role, User, ValidationStore } from '../pipeline/store/validation-types.js';
import { randomToken, tokenHash } from './session-cookie.js';

/** How long an invitation link stays valid. @defaultValue 7 days */
export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

/** The path of an invitation page for a token. */
export function invitationPath(token: string): string {
  return `/invitation/${token}`;
}

/** Creates the person and their invitation; returns the user and the link path (shown once). */
export async function invitePerson(
  store: ValidationStore,
  person: { email: string; displayName: string; role: Role },
  now: Date = new Date(),
): Promise<{ user: User; path: string }> {
  const user = await store.createUser({ ...person, passwordHash: null });
  const path = await reinvite(store, user.userId, now);
  return { user, path };
}

/** A new invitation link for an existing person (lost link, forgotten password). */
export async function reinvite(store: ValidationStore, userId: string, now: Date = new Date()): Promise<string> {
  const token = randomToken();
  await store.createInvitation({
    tokenSha256: tokenHash(token),
    userId,
    expiresAt: new Date(now.getTime() + INVITATION_TTL_MS).toISOString(),
  });
  return invitationPath(token);
}
