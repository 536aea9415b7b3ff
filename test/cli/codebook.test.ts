/**
 * `verbatim codebook export` then `verbatim codebook import`: the default codebook survives the
 * trip through REFI-QDA, and the imported YAML — or the .qdc itself — is a codebook `verbatim
 * classify --codebook` uses.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCodebook, loadDefaultCodebook } from '../../models/codebooks/codebook.js';
import { runCli } from '../helpers/run-cli.js';
import { refiSchemaErrors } from '../reports/qdc-schema.js';

/** Each CLI call starts a fresh process (tsx, the whole program): slow on a loaded machine. */
const CLI_TIMEOUT = 300_000;

const dir = mkdtempSync(join(tmpdir(), 'vb-codebook-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('verbatim codebook', () => {
  it(
    'exports the default codebook as a valid .qdc and imports it back to the same ids, labels, definitions and parents',
    async () => {
      const qdc = join(dir, 'default.qdc');
      const yaml = join(dir, 'default.yaml');
      const exported = runCli(['codebook', 'export', '--out', qdc, '--json']);
      expect(exported.status, exported.stderr).toBe(0);
      expect(await refiSchemaErrors(readFileSync(qdc, 'utf8'), 'codebook')).toEqual([]);
      const imported = runCli(['codebook', 'import', qdc, '--out', yaml, '--json']);
      expect(imported.status, imported.stderr).toBe(0);
      expect(JSON.parse(imported.stdout)).toMatchObject({
        themes: 20,
        parents: 0,
        families: ['relational', 'care_experience'],
      });
      const original = loadDefaultCodebook();
      const back = loadCodebook(yaml);
      expect(back.themes.map((t) => [t.id, t.label, t.definition, t.parent, t.family])).toEqual(
        original.themes.map((t) => [t.id, t.label, t.definition, t.parent, t.family]),
      );
    },
    CLI_TIMEOUT,
  );

  it(
    'imports a researcher’s .qdc into a YAML that classify uses as its codebook',
    () => {
      const qdc = join(dir, 'equipe.qdc');
      writeFileSync(
        qdc,
        `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="QualCoder">
  <Codes>
    <Code guid="aaaaaaaa-1111-4222-8333-444444444444" name="Repas" isCodable="true">
      <Description>Nourriture, plateaux, repas froids.</Description>
    </Code>
    <Code guid="aaaaaaaa-1111-4222-8333-444444444445" name="Parking" isCodable="true"/>
  </Codes>
</CodeBook>`,
      );
      const yaml = join(dir, 'equipe.yaml');
      expect(runCli(['codebook', 'import', qdc, '--out', yaml]).status).toBe(0);
      const input = join(dir, 'in.jsonl');
      writeFileSync(input, `${JSON.stringify({ id: 'a', text: 'Les repas étaient froids.' })}\n`);
      const r = runCli(['classify', '--in', input, '--codebook', yaml]);
      expect(r.status, r.stderr).toBe(0);
      const line = JSON.parse(r.stdout.trim().split('\n')[0] ?? '{}') as {
        themes: string[];
        scores: Record<string, number>;
      };
      expect(Object.keys(line.scores).every((id) => ['repas', 'parking'].includes(id))).toBe(true);
      expect(line.themes).toContain('repas');
      // The .qdc itself also works as --codebook, read as the import reads it.
      const direct = runCli(['classify', '--in', input, '--codebook', qdc]);
      expect(direct.status, direct.stderr).toBe(0);
      expect(direct.stdout).toBe(r.stdout);
    },
    CLI_TIMEOUT,
  );

  it(
    'prints the YAML on stdout without --out, and rejects a file that is not a codebook',
    () => {
      const qdc = join(dir, 'default2.qdc');
      expect(runCli(['codebook', 'export', '--out', qdc]).status).toBe(0);
      const r = runCli(['codebook', 'import', qdc]);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^# Codebook imported from default2\.qdc/);
      expect(r.stdout).toContain('id: fear_of_reprisal');
      const bad = join(dir, 'bad.qdc');
      writeFileSync(bad, '<html/>');
      const rejected = runCli(['codebook', 'import', bad]);
      expect(rejected.status).toBe(1);
      expect(rejected.stderr).toMatch(/CODEBOOK_INVALID.*bad\.qdc: no <CodeBook>/);
      expect(runCli(['codebook', 'import', join(dir, 'absent.qdc')]).status).toBe(2);
    },
    CLI_TIMEOUT,
  );
});
