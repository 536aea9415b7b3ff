/**
 * Login rate limit: after `maxFailures` failed attempts for one email from one address within
 * `windowMs`, further attempts are refused until the window has passed. Kept in memory (one
 * server process): a restart forgets it, which is acceptable for a small team's server.
 */

export interface RateLimitOptions {
  /** @defaultValue 5 */
  maxFailures: number;
  /** @defaultValue 15 minutes */
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { maxFailures: 5, windowMs: 15 * 60_000 };

/** Failure counts keyed by `email|ip`; one instance per app (no global state). */
export class LoginRateLimit {
  readonly #failures = new Map<string, number[]>();
  readonly #options: RateLimitOptions;
  readonly #now: () => number;

  constructor(options: RateLimitOptions = DEFAULT_RATE_LIMIT, now: () => number = Date.now) {
    this.#options = options;
    this.#now = now;
  }

  #recent(key: string): number[] {
    const since = this.#now() - this.#options.windowMs;
    const kept = (this.#failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, kept);
    return kept;
  }

  /** Whether an attempt may be checked at all. */
  allowed(email: string, ip: string): boolean {
    return this.#recent(`${email.toLowerCase()}|${ip}`).length < this.#options.maxFailures;
  }

  fail(email: string, ip: string): void {
    const key = `${email.toLowerCase()}|${ip}`;
    this.#failures.set(key, [...this.#recent(key), this.#now()]);
  }

  succeed(email: string, ip: string): void {
    this.#failures.delete(`${email.toLowerCase()}|${ip}`);
  }
}
