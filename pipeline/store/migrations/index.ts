/** The one migration set, in order; names sort as they apply. */
import type { Migration } from 'kysely';
import * as initial from './0001-initial.js';
import * as embeddingCache from './0002-embedding-cache.js';
import * as reportIndexes from './0004-report-indexes.js';
import * as validation from './0005-validation.js';

export const MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze({
  '0001-initial': initial,
  '0002-embedding-cache': embeddingCache,
  '0004-report-indexes': reportIndexes,
  '0005-validation': validation,
});
