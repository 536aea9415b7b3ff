import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findHeadFolder, listUserModels } from '../../../models/linear/model-folder.js';

describe('user models folder', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('skips plain files and folders without a head instead of failing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verbatim-models-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'default.json'), '{"model":"x"}\n');
    writeFileSync(join(dir, 'codebook'), 'themes: []\n');
    mkdirSync(join(dir, 'empty', 'v1'), { recursive: true });
    expect(listUserModels(dir)).toEqual([]);
    expect(findHeadFolder(dir, 'codebook')).toBeNull();
    expect(findHeadFolder(dir, 'empty')).toBeNull();
  });
});
