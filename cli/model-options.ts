/**
 * The options that choose a model, shared by every command that classifies (`run`, `classify`,
 * `eval`), so their names, help and default are written once.
 */
import type { Command } from 'commander';
import { DEFAULT_MODEL } from '../models/registry.js';

export function addModelOptions(command: Command): Command {
  return command
    .option('--model <name>', 'model name from `verbatim models list`', DEFAULT_MODEL)
    .option('--codebook <file>', 'codebook YAML/JSON (default: the built-in French codebook)')
    .option('--lang <lang>', 'fr or en (default fr)');
}
