/**
 * `verbatim codebook import FILE.qdc [--out FILE.yaml]`: a researcher's REFI-QDA codebook as our
 * codebook YAML, usable with `--codebook`; `verbatim codebook export --out FILE.qdc
 * [--codebook FILE]`: our codebook (default: the shipped one) as a REFI-QDA codebook.
 */
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { type Codebook, loadDefaultCodebook, parseCodebook } from '../../models/codebooks/codebook.js';
import { buildQdc } from '../../models/codebooks/qdc-export.js';
import { importQdc, loadCodebookFile, readQdc } from '../../models/codebooks/qdc-import.js';
import { importedCodebookYaml } from '../../models/codebooks/qdc-yaml.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { parseOptions } from './run.js';

const ImportOptionsSchema = z.object({
  out: z.string().optional(),
  lang: z.enum(['fr', 'en']).default('fr'),
  json: z.boolean().default(false),
});

const ExportOptionsSchema = z.object({
  out: z.string().min(1),
  codebook: z.string().optional(),
  json: z.boolean().default(false),
});

/** Loads `--codebook`: YAML/JSON, or a REFI-QDA `.qdc` / `.qde` read on the fly; absent → the default. */
export function loadCodebookOption(path: string | undefined): Codebook {
  return path === undefined ? loadDefaultCodebook() : loadCodebookFile(path);
}

/** Imports `file`; returns the YAML text and the validated codebook it describes. */
export function importCodebookFile(file: string, lang: 'fr' | 'en'): { yaml: string; codebook: Codebook } {
  const imported = importQdc(readQdc(file), file, { language: lang });
  // Validated before anything is written: a YAML that --codebook would reject is never produced.
  const codebook = parseCodebook(imported, file);
  return { yaml: importedCodebookYaml(imported, basename(file)), codebook };
}

export function registerCodebook(program: Command, exit: (code: ExitCode) => void): void {
  const codebook = program.command('codebook').description('REFI-QDA codebooks (.qdc): import and export');
  codebook
    .command('import')
    .description('convert a REFI-QDA codebook (.qdc) into a Verbatim codebook YAML (for --codebook)')
    .argument('<file>', '.qdc file (or a project.qde)')
    .option('--out <file>', 'YAML file to write (default: stdout)')
    .option('--lang <lang>', 'language of the codebook: fr or en (default fr)')
    .option('--json', 'print a summary as JSON on stdout')
    .action(async (file: string, raw: unknown) => {
      const options = parseOptions(ImportOptionsSchema, raw);
      const { yaml, codebook: imported } = importCodebookFile(file, options.lang);
      const summary = {
        file,
        out: options.out ?? null,
        themes: imported.themes.length,
        parents: imported.themes.filter((t) => t.parent !== undefined).length,
        families: [...new Set(imported.themes.flatMap((t) => (t.family === undefined ? [] : [t.family])))],
      };
      if (options.out === undefined) {
        process.stdout.write(yaml);
      } else {
        await writeFile(options.out, yaml, 'utf8');
        if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
        else
          process.stderr.write(
            `${summary.themes} thèmes importés (${summary.parents} avec parent) → ${options.out} ; à utiliser avec --codebook ${options.out}\n`,
          );
      }
      exit(EXIT.OK);
    });
  codebook
    .command('export')
    .description('write a codebook as a REFI-QDA codebook (.qdc)')
    .requiredOption('--out <file>', '.qdc file to write')
    .option('--codebook <file>', 'codebook YAML/JSON or .qdc (default: the shipped French codebook)')
    .option('--json', 'print a summary as JSON on stdout')
    .action(async (raw: unknown) => {
      const options = parseOptions(ExportOptionsSchema, raw);
      const book = loadCodebookOption(options.codebook);
      await writeFile(options.out, buildQdc(book), 'utf8');
      const summary = { out: options.out, themes: book.themes.length, version: book.version };
      if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else process.stderr.write(`codebook ${book.version} : ${summary.themes} codes → ${options.out}\n`);
      exit(EXIT.OK);
    });
}
