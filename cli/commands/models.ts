/**
 * `verbatim models list`: the models the registry can build, shipped and user-trained.
 */
import type { Command } from 'commander';
import { listModels } from '../../models/registry.js';
import { defaultModelsDir } from '../build-classifier.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

export function registerModels(program: Command, exit: (code: ExitCode) => void): void {
  const models = program.command('models').description('list available models');
  models
    .command('list')
    .option('--json', 'machine-readable output')
    .action((raw: { json?: boolean }) => {
      // Shipped models, then those trained with `verbatim train` in the user model folder.
      const rows = listModels({ modelsDir: defaultModelsDir() });
      if (raw.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
      else for (const r of rows) process.stdout.write(`${r.name}${r.default ? ' (défaut)' : ''}\t${r.description}\n`);
      exit(EXIT.OK);
    });
}
