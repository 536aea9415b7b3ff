import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { openStore } from '../../../pipeline/store/open-store.js';
import { embeddingStoreSuite } from './embedding-store-suite.js';

describe('embedding cache on SQLite', () => {
  let dir = '';
  embeddingStoreSuite(
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'vb-emb-store-'));
      return openStore(join(dir, 'verbatim.db'));
    },
    async () => rmSync(dir, { recursive: true, force: true }),
  );
});
