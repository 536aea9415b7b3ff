/**
 * The `verbatim` program: parses the command line and hands over to one command module. Every
 * failure ends here as one line on stderr and an exit code from cli-contract.md; a stack trace
 * only with --debug.
 */
import { Command, CommanderError } from 'commander';
import { formatError, VerbatimError } from '../pipeline/errors.js';
import { registerClassify } from './commands/classify.js';
import { registerCodebook } from './commands/codebook.js';
import { registerEval } from './commands/eval.js';
import { registerExport } from './commands/export.js';
import { registerModels } from './commands/models.js';
import { registerQueues } from './commands/queues.js';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { registerServe } from './commands/serve.js';
import { registerTrain } from './commands/train.js';
import { registerWorker } from './commands/worker.js';
import { EXIT, EXIT_CODES, type ExitCode } from './exit-codes.js';

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

registerRun(program, setExit);
registerClassify(program, setExit);
registerEval(program, setExit);
registerModels(program, setExit);
registerTrain(program, setExit);
registerWorker(program, setExit);
registerQueues(program, setExit);
registerServe(program, setExit);
registerReport(program, setExit);
registerExport(program, setExit);
registerCodebook(program, setExit);

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
