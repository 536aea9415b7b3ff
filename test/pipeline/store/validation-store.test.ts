import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { openStore } from '../../../pipeline/store/open-store.js';
import { validationSuite } from './validation-suite.js';

describe('validation store on SQLite', () => {
  let dir = '';
  validationSuite(
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'vb-val-'));
      return openStore(join(dir, 'verbatim.db'));
    },
    async () => rmSync(dir, { recursive: true, force: true }),
  );
});
