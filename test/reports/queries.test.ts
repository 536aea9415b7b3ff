import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../pipeline/store/open-store.js';
import { describeReportQueries } from './report-queries-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'vb-queries-'));

describeReportQueries('sqlite', {
  open: () => openStore(join(dir, 'x.db')),
  close: async (store) => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  },
  outDir: () => dir,
});
