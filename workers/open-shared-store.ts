/**
 * Opens the store shared by a driver and its workers. Processes started together on a fresh
 * PostgreSQL schema all run the first migration at once; `CREATE TABLE IF NOT EXISTS` is not
 * atomic in PostgreSQL, so the loser of the race on Kysely's own migration tables can fail. Such a
 * failure is retried a few times, by when the winner has migrated and the retry is a no-op. A
 * typed error (unreachable service, bad schema name) is not retried.
 */
import { VerbatimError } from '../pipeline/errors.js';
import { type OpenStoreOptions, openStore } from '../pipeline/store/open-store.js';
import type { Store } from '../pipeline/store/store.js';

/** Attempts before a migration failure is final. @defaultValue 4 */
const OPEN_ATTEMPTS = 4;

export async function openSharedStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await openStore(url, options);
    } catch (error) {
      // Typed errors (unreachable, bad schema name) are final; the migrator's race is a plain Error.
      if (error instanceof VerbatimError || attempt >= OPEN_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}
