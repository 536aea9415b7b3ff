/**
 * The `verbatim` program: parses the command line and hands over to one command module. Every
 * failure ends here as one line on stderr and an exit code from cli-contract.md; a stack trace
 * only with --debug.
 */
import { Command, CommanderError } from 'commander';
import { formatError, VerbatimError } from '../pipeline/errors.js';
import { EXIT, EXIT_CODES, type ExitCode } from './exit-codes.js';

type RegisterCommand = (program: Command, setExit: (code: ExitCode) => void) => void;

/**
 * Command name → its module, imported only when that command runs. Loading every command up
 * front (ONNX runtime, the Chromium driver, ExcelJS, the queue client...) cost about 6 s of CPU
 * on each start, paid by every worker process and every `verbatim` call in a script.
 */
const COMMANDS: Readonly<Record<string, () => Promise<RegisterCommand>>> = Object.freeze({
  run: async () => (await import('./commands/run.js')).registerRun,
  classify: async () => (await import('./commands/classify.js')).registerClassify,
  eval: async () => (await import('./commands/eval.js')).registerEval,
  models: async () => (await import('./commands/models.js')).registerModels,
  train: async () => (await import('./commands/train.js')).registerTrain,
  worker: async () => (await import('./commands/worker.js')).registerWorker,
  queues: async () => (await import('./commands/queues.js')).registerQueues,
  serve: async () => (await import('./commands/serve.js')).registerServe,
  report: async () => (await import('./commands/report.js')).registerReport,
  export: async () => (await import('./commands/export.js')).registerExport,
  codebook: async () => (await import('./commands/codebook.js')).registerCodebook,
  agreement: async () => (await import('./commands/agreement.js')).registerAgreement,
});

const debug = process.argv.includes('--debug');
const program = new Command();
let exitCode: ExitCode = EXIT.OK;
const setExit = (code: ExitCode) => {
  exitCode = code;
};

program
  .name('verbatim')
  .description('Coder, compter et citer les verbatims de patients (e-Satis, réclamations, entretiens).')
  .version('0.1.0')
  .option('--debug', 'print stack traces')
  .showHelpAfterError()
  .exitOverride();

// The program's only global options (--debug, --help, --version) take no value, so the first bare
// word is the command; without a known one (help, typo), every command is loaded to list them.
const requested = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
const toLoad = requested !== undefined && Object.hasOwn(COMMANDS, requested) ? [requested] : Object.keys(COMMANDS);
for (const name of toLoad) {
  const load = COMMANDS[name];
  if (load) (await load())(program, setExit);
}

try {
  await program.parseAsync(process.argv);
  process.exitCode = exitCode;
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version end through here with code 0.
    process.exitCode = error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  } else {
    process.stderr.write(`${formatError(error)}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = error instanceof VerbatimError ? EXIT_CODES[error.code] : EXIT.USAGE;
  }
}
