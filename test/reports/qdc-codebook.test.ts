import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCodebook, loadDefaultCodebook, parseCodebook } from '../../models/codebooks/codebook.js';
import { buildQdc } from '../../models/codebooks/qdc-export.js';
import { qdaGuid, themeGuid, uuidV5 } from '../../models/codebooks/qdc-guid.js';
import { importQdc, loadQdcCodebook, slugifyCodeName } from '../../models/codebooks/qdc-import.js';
import { importedCodebookYaml } from '../../models/codebooks/qdc-yaml.js';
import { refiSchemaErrors } from './qdc-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'vb-qdc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('GUIDs', () => {
  it('computes RFC 9562 version-5 UUIDs (the RFC example)', () => {
    // RFC 9562 appendix A.4: "www.example.com" in the DNS namespace.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
  it('is stable and distinguishes parts', () => {
    expect(qdaGuid('code', 'communication')).toBe(qdaGuid('code', 'communication'));
    expect(qdaGuid('code', 'communication')).not.toBe(qdaGuid('code', 'trust'));
    expect(qdaGuid('a', 'bc')).not.toBe(qdaGuid('ab', 'c'));
  });
});

describe('.qdc export', () => {
  const codebook = loadDefaultCodebook();
  const xml = buildQdc(codebook);

  it('validates against Codebook.xsd', async () => {
    expect(await refiSchemaErrors(xml, 'codebook', 'default.qdc')).toEqual([]);
  });

  it('nests every theme under its family code, with its definition', () => {
    expect(xml.match(/isCodable="false"/g)).toHaveLength(2);
    expect(xml.match(/isCodable="true"/g)).toHaveLength(codebook.themes.length);
    const relational = xml.indexOf('name="Relationnel et partenariat"');
    const care = xml.indexOf('name="Expérience des soins"');
    expect(relational).toBeGreaterThan(0);
    expect(xml.indexOf(`guid="${themeGuid({ id: 'communication' })}"`)).toBeGreaterThan(relational);
    expect(xml.indexOf(`guid="${themeGuid({ id: 'meals' })}"`)).toBeGreaterThan(care);
    expect(xml).toContain('Identifiant Verbatim : fear_of_reprisal');
  });

  it('the schema check can fail: a code without isCodable is rejected', async () => {
    const broken = xml.replace(' isCodable="true"', '');
    expect((await refiSchemaErrors(broken, 'codebook')).join('\n')).toMatch(/isCodable/);
  });

  it('escapes markup in labels and definitions and still validates', async () => {
    const tricky = parseCodebook(
      {
        version: 't',
        themes: [
          { id: 'a', label: 'A & B <"quoted">', definition: 'x < y & z\u0007 > w', family: 'other' },
          { id: 'b', label: 'Child', parent: 'a', examples: ['line one\nline two'] },
        ],
      },
      'tricky',
    );
    const out = buildQdc(tricky);
    expect(await refiSchemaErrors(out, 'codebook')).toEqual([]);
    const back = parseCodebook(importQdc(out, 'tricky.qdc'), 'back');
    expect(back.themes.map((t) => [t.id, t.label, t.parent, t.family])).toEqual([
      ['a', 'A & B <"quoted">', undefined, 'other'],
      ['b', 'Child', 'a', 'other'],
    ]);
    expect(back.themes[0]?.definition).toBe('x < y & z  > w');
    expect(back.themes[1]?.examples).toEqual(['line one line two']);
  });
});

describe('.qdc round trip', () => {
  it('default codebook → .qdc → import → YAML → load: same ids, labels, definitions, notes, parents, families', () => {
    const codebook = loadDefaultCodebook();
    const qdc = join(dir, 'default.qdc');
    writeFileSync(qdc, buildQdc(codebook));
    const yamlPath = join(dir, 'default-imported.yaml');
    writeFileSync(yamlPath, importedCodebookYaml(importQdc(buildQdc(codebook), qdc), 'default.qdc'));
    for (const back of [loadQdcCodebook(qdc), loadCodebook(yamlPath)]) {
      expect(back.themes.map((t) => t.id)).toEqual(codebook.themes.map((t) => t.id));
      for (const [i, theme] of codebook.themes.entries()) {
        const got = back.themes[i];
        expect(got?.label).toBe(theme.label);
        expect(got?.definition).toBe(theme.definition);
        expect(got?.include).toEqual(theme.include);
        expect(got?.exclude).toEqual(theme.exclude);
        expect(got?.examples).toEqual(theme.examples);
        expect(got?.parent).toBe(theme.parent);
        expect(got?.family).toBe(theme.family);
        expect(got?.guid).toBe(themeGuid(theme));
      }
    }
  });

  it('keeps parents and a foreign guid through export and re-import', () => {
    const guid = '{6F1D2C3B-1111-4A2B-8C3D-0123456789AB}';
    const nested = parseCodebook(
      {
        themes: [
          { id: 'relations', label: 'Relations', definition: 'Top.' },
          { id: 'ecoute', label: 'Écoute', parent: 'relations', guid },
          { id: 'silence', label: 'Silence', parent: 'ecoute' },
        ],
      },
      'nested',
    );
    const back = parseCodebook(importQdc(buildQdc(nested), 'n.qdc'), 'back');
    expect(back.themes.map((t) => [t.id, t.parent])).toEqual([
      ['relations', undefined],
      ['ecoute', 'relations'],
      ['silence', 'ecoute'],
    ]);
    expect(back.themes[1]?.guid).toBe(guid);
  });
});

describe('.qdc import of another tool’s codebook', () => {
  const foreign = `<?xml version="1.0" encoding="UTF-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Other QDA 2.1">
  <Codes>
    <Code guid="11111111-2222-4333-8444-555555555555" name="Peur des représailles" isCodable="true" color="#ff0000">
      <Description>Crainte de conséquences si l'on se plaint.</Description>
      <Code guid="11111111-2222-4333-8444-555555555556" name="Auto-censure" isCodable="true"/>
    </Code>
    <Code guid="11111111-2222-4333-8444-555555555557" name="Organisation" isCodable="false">
      <Code guid="11111111-2222-4333-8444-555555555558" name="Attente" isCodable="true"/>
      <Code guid="11111111-2222-4333-8444-555555555559" name="attente!" isCodable="true"/>
    </Code>
  </Codes>
  <Sets><Set guid="11111111-2222-4333-8444-55555555555a" name="S"><MemberCode guid="11111111-2222-4333-8444-555555555558"/></Set></Sets>
</CodeBook>`;

  it('is itself schema-valid, and maps names to stable slugs, parents, families and guids', async () => {
    expect(await refiSchemaErrors(foreign, 'codebook')).toEqual([]);
    const first = importQdc(foreign, 'foreign.qdc');
    expect(importQdc(foreign, 'foreign.qdc')).toEqual(first);
    const codebook = parseCodebook(first, 'foreign');
    expect(codebook.themes.map((t) => [t.id, t.label, t.parent, t.family, t.guid])).toEqual([
      ['peur_des_represailles', 'Peur des représailles', undefined, undefined, '11111111-2222-4333-8444-555555555555'],
      ['auto_censure', 'Auto-censure', 'peur_des_represailles', undefined, '11111111-2222-4333-8444-555555555556'],
      ['attente', 'Attente', undefined, 'organisation', '11111111-2222-4333-8444-555555555558'],
      ['attente_2', 'attente!', undefined, 'organisation', '11111111-2222-4333-8444-555555555559'],
    ]);
    expect(codebook.themes[0]?.definition).toBe("Crainte de conséquences si l'on se plaint.");
  });

  it('reads a BOM, CRLF line ends and prefixed namespaces', () => {
    const bom =
      '\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="11111111-2222-4333-8444-555555555555" name="A &amp; B" isCodable="true"><Description>Def\r\n\r\nInclure :\r\n- x</Description></Code></Codes></CodeBook>';
    expect(importQdc(bom, 'bom.qdc').themes).toEqual([
      { id: 'a_b', label: 'A & B', definition: 'Def', include: ['x'], guid: '11111111-2222-4333-8444-555555555555' },
    ]);
    const prefixed =
      '<q:CodeBook xmlns:q="urn:QDA-XML:codebook:1.0"><q:Codes><q:Code guid="11111111-2222-4333-8444-555555555555" name="Préfixé" isCodable="true"/></q:Codes></q:CodeBook>';
    expect(importQdc(prefixed, 'ns.qdc').themes[0]?.id).toBe('prefixe');
  });

  it('reads the codebook of a project.qde too', () => {
    const qde = `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="P"><CodeBook><Codes><Code guid="11111111-2222-4333-8444-555555555555" name="Œuvre commune" isCodable="true"/></Codes></CodeBook></Project>`;
    expect(importQdc(qde, 'p.qde').themes[0]?.id).toBe('oeuvre_commune');
  });

  it('rejects what is not a codebook with CODEBOOK_INVALID naming the file', () => {
    expect(() => importQdc('<html><body/></html>', 'page.qdc')).toThrow(/page\.qdc: no <CodeBook>/);
    expect(() => importQdc('<CodeBook><Codes><Code isCodable="true"/></Codes></CodeBook>', 'x.qdc')).toThrow(
      /x\.qdc: Codes\/Code\[1\]: a <Code> has no name/,
    );
    expect(() => importQdc('<CodeBook><Codes>', 'broken.qdc')).toThrow(/broken\.qdc: not valid XML/);
  });

  it('slugs accents, ligatures and punctuation', () => {
    expect(slugifyCodeName('  Qualité des soins (MCO) ')).toBe('qualite_des_soins_mco');
    expect(slugifyCodeName('???')).toBe('code');
  });
});
