/**
 * `verbatim models list`: the models the registry can build.
 */
import type { Command } from 'commander';
import { DEFAULT_MODEL, MODELS } from '../../models/registry.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

export function registerModels(program: Command, exit: (code: ExitCode) => void): void {
  const models = program.command('models').description('list available models');
  models
    .command('list')
    .option('--json', 'machine-readable output')
    .action((raw: { json?: boolean }) => {
      const rows = Object.entries(MODELS).map(([name, m]) => ({
        name,
        default: name === DEFAULT_MODEL,
        description: m.description,
      }));
      if (raw.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
      else for (const r of rows) process.stdout.write(`${r.name}${r.default ? ' (défaut)' : ''}\t${r.description}\n`);
      exit(EXIT.OK);
    });
}
