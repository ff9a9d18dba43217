/**
 * The `digitkit` command line: the list of commands, the top-level help and
 * version, and the one place where errors become one line on standard error
 * and an exit code. A new command is a module exporting a {@link Command},
 * added to {@link COMMANDS}.
 */
import { readFileSync } from 'node:fs';
import { bench } from './bench.js';
import { CliError, UsageError, type Command } from './command.js';
import { predict } from './predict.js';
import { train } from './train.js';
import { serve } from './serve.js';
import { tune } from './tune.js';
import { web } from './web.js';

/** Every command, in the order the help lists them. */
export const COMMANDS: readonly Command[] = [train, predict, bench, tune, serve, web];

/** The package's version, from its package.json (two folders up from src/cli and from dist/cli). */
export function version(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

function topHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: digitkit <command> [options]',
    '',
    'Classical handwritten-digit recognition with scikit-learn\'s results.',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'options:',
    '  -h, --help     this help; digitkit <command> --help for a command\'s options',
    '  -v, --version  the version',
    '',
    'exit codes: 0 success, 1 failure (a missing file or dataset, an unwritable output, a failed task),',
    '            2 a bad command line (an unknown command or option, a missing option, a bad value)',
  ].join('\n');
}

/** Runs `digitkit` with its arguments (`process.argv.slice(2)`); returns the exit code. Prints errors as one line. */
export async function main(argv: string[]): Promise<number> {
  try {
    const [first, ...rest] = argv;
    const names = COMMANDS.map((c) => c.name).join(', ');
    if (first === undefined) throw new UsageError(`missing command, expected one of ${names} (see 'digitkit --help')`);
    if (first === '-h' || first === '--help' || first === 'help') {
      // `digitkit help train` shows train's help.
      const command = first === 'help' && rest.length ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
      if (first === 'help' && rest.length && !command) throw new UsageError(`unknown command '${rest[0]}', expected one of ${names}`);
      console.log(command ? command.help : topHelp());
      return 0;
    }
    if (first === '-v' || first === '--version') {
      console.log(version());
      return 0;
    }
    const command = COMMANDS.find((c) => c.name === first);
    if (!command) {
      const what = first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`;
      throw new UsageError(`${what}, expected one of ${names} (see 'digitkit --help')`);
    }
    return await command.run(rest);
  } catch (err) {
    const e = err as Error;
    if (err instanceof UsageError || err instanceof CliError) {
      console.error(`digitkit: ${e.message}`);
      return err instanceof UsageError ? 2 : 1;
    }
    // Not expected: one line still, the stack on request.
    console.error(`digitkit: ${e?.name ?? 'Error'}: ${String(e?.message ?? err).split('\n')[0]}` + (process.env.DIGITKIT_DEBUG ? '' : ' (set DIGITKIT_DEBUG=1 for the stack)'));
    if (process.env.DIGITKIT_DEBUG) console.error(e?.stack);
    return 1;
  }
}
