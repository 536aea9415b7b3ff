/**
 * Accounts, one-time invitations and sessions of the validation app, on the one Kysely handle.
 * Only hashes of secrets are stored (password hash made by the caller with scrypt/argon2; sha256
 * of invitation tokens and session cookies).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';
import type { UsersTable } from './validation-schema.js';
import {
  type NewInvitation,
  NewInvitationSchema,
  type NewSession,
  NewSessionSchema,
  type NewUser,
  NewUserSchema,
  type Session,
  type User,
} from './validation-types.js';

function toUser(row: UsersTable, withHash = false): User {
  const user: User = {
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    createdAt: row.created_at,
    disabled: row.disabled === 1,
  };
  if (withHash) user.passwordHash = row.password_hash;
  return user;
}

/** The account half of the validation store, and the id and audit helpers both halves use. */
export class ValidationAccounts {
  protected readonly db: Kysely<Database>;
  protected readonly clock: () => Date;
  #seq = 0;

  constructor(db: Kysely<Database>, clock: () => Date) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Time-ordered id (38 characters, fits every id column): ISO time, a per-instance sequence in
   * base 36 (order within one millisecond), random tail (no collision between processes).
   */
  protected newId(now: Date): string {
    this.#seq++;
    return `${now.toISOString()}-${this.#seq.toString(36).padStart(6, '0')}-${randomBytes(3).toString('hex')}`;
  }

  /** Appends to `audit` (in the caller's transaction when given one). */
  protected async appendAudit(
    db: Kysely<Database> | Transaction<Database>,
    actor: string,
    action: string,
    runId: string | null,
    details: Record<string, unknown>,
  ): Promise<void> {
    const now = this.clock();
    await db
      .insertInto('audit')
      .values({
        audit_id: this.newId(now),
        at: now.toISOString(),
        actor,
        action,
        run_id: runId,
        details_json: JSON.stringify(details),
      })
      .execute();
  }

  #audit(actor: string, action: string, details: Record<string, unknown>): Promise<void> {
    return this.appendAudit(this.db, actor, action, null, details);
  }

  async createUser(input: NewUser): Promise<User> {
    const u = NewUserSchema.parse(input);
    const row: UsersTable = {
      user_id: randomUUID(),
      email: u.email,
      display_name: u.displayName,
      role: u.role,
      password_hash: u.passwordHash,
      created_at: this.clock().toISOString(),
      disabled: 0,
    };
    await this.db.insertInto('users').values(row).execute();
    await this.#audit('system', 'user.create', { userId: row.user_id, role: row.role });
    return toUser(row);
  }

  async getUser(userId: string): Promise<User | null> {
    const row = await this.db.selectFrom('users').selectAll().where('user_id', '=', userId).executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async getUserForLogin(email: string): Promise<User | null> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst();
    return row ? toUser(row, true) : null;
  }

  async listUsers(): Promise<User[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('created_at').orderBy('email').execute();
    return rows.map((r) => toUser(r));
  }

  async setUserDisabled(userId: string, disabled: boolean, actor: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ disabled: disabled ? 1 : 0 })
      .where('user_id', '=', userId)
      .execute();
    if (disabled) await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await this.#audit(actor, disabled ? 'user.disable' : 'user.enable', { userId });
  }

  async createInvitation(input: NewInvitation): Promise<void> {
    const inv = NewInvitationSchema.parse(input);
    await this.db
      .insertInto('invitations')
      .values({ token_sha256: inv.tokenSha256, user_id: inv.userId, expires_at: inv.expiresAt, used_at: null })
      .execute();
    await this.#audit('system', 'invitation.create', { userId: inv.userId, expiresAt: inv.expiresAt });
  }

  async acceptInvitation(tokenSha256: string, passwordHash: string): Promise<User | null> {
    const now = this.clock().toISOString();
    const user = await this.db.transaction().execute(async (trx) => {
      // The conditional update is the one-time check: a second use finds used_at set, 0 rows.
      const res = await trx
        .updateTable('invitations')
        .set({ used_at: now })
        .where('token_sha256', '=', tokenSha256)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return null;
      const inv = await trx
        .selectFrom('invitations')
        .select('user_id')
        .where('token_sha256', '=', tokenSha256)
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('users')
        .set({ password_hash: passwordHash })
        .where('user_id', '=', inv.user_id)
        .where('disabled', '=', 0)
        .execute();
      const row = await trx.selectFrom('users').selectAll().where('user_id', '=', inv.user_id).executeTakeFirst();
      return row && row.disabled === 0 ? toUser(row) : null;
    });
    if (user) await this.#audit(user.userId, 'invitation.accept', { userId: user.userId });
    return user;
  }

  async createSession(input: NewSession): Promise<void> {
    const s = NewSessionSchema.parse(input);
    await this.db
      .insertInto('sessions')
      .values({
        session_sha256: s.sessionSha256,
        user_id: s.userId,
        csrf_token: s.csrfToken,
        created_at: this.clock().toISOString(),
        expires_at: s.expiresAt,
      })
      .execute();
  }

  async getSession(sessionSha256: string): Promise<Session | null> {
    const now = this.clock().toISOString();
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.user_id', 'sessions.user_id')
      .selectAll('users')
      .select([
        'sessions.session_sha256',
        'sessions.csrf_token',
        'sessions.created_at as s_created',
        'sessions.expires_at',
      ])
      .where('sessions.session_sha256', '=', sessionSha256)
      .executeTakeFirst();
    if (!row || row.expires_at <= now || row.disabled === 1) return null;
    return {
      sessionSha256: row.session_sha256,
      csrfToken: row.csrf_token,
      createdAt: row.s_created,
      expiresAt: row.expires_at,
      user: toUser(row),
    };
  }

  async deleteSession(sessionSha256: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('session_sha256', '=', sessionSha256).execute();
  }
}
