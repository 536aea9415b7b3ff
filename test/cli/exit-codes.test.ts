import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../cli/exit-codes.js';
import { ERROR_CODES } from '../../pipeline/errors.js';

describe('exit codes', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

  it.each(ERROR_CODES)('%s has an exit code and is documented in the README table', (code) => {
    const exit = EXIT_CODES[code];
    expect([0, 1, 2, 3, 4]).toContain(exit);
    const row = readme.split('\n').find((line) => new RegExp(`^\\|\\s*${exit}\\s*\\|`).test(line));
    expect(row, `README has no row for exit code ${exit}`).toBeDefined();
    expect(row).toContain(`\`${code}\``);
  });
});
