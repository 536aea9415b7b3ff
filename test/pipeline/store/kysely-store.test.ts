import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { openStore } from '../../../pipeline/store/open-store.js';
import { storeSuite } from './store-suite.js';

describe('KyselyStore on SQLite', () => {
  let dir = '';
  storeSuite(
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'vb-store-'));
      return openStore(join(dir, 'verbatim.db'));
    },
    async () => rmSync(dir, { recursive: true, force: true }),
  );
});
