/**
 * The CLI dispatcher, separate from main.ts so tests can drive it in-process.
 * Exit codes: 0 ok, 1 a check failed (e.g. a finite-only violation), 2 bad input. Every error ends here as exit 2
 * with a message on stderr (the documented JSON under --json), never a stack trace: usage errors, positioned input
 * errors, and, as a safety net, anything unexpected ("internal error: …").
 */
import { EmlSyntaxError } from '../eml/syntax/errors.ts';
import { EXIT_BAD_INPUT, UsageError, type Command, type CommandIO } from './command.ts';
import { EXPRESSION_OPTIONS, readExpression, reportError, reportSyntaxError, unpositioned } from './input.ts';
import { parseOptions } from './options.ts';
import { commands } from './registry.ts';

function help(list: readonly Command[]): string {
  return [
    'usage: npm run cli -- <command> [options]',
    '',
    'commands:',
    ...list.map((c) => `  ${c.usage}\n      ${c.summary}`),
  ].join('\n');
}

export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  // --json before a '--' terminator asks for JSON errors, even when the options themselves do not parse.
  const end = rest.indexOf('--');
  const json = (end === -1 ? rest : rest.slice(0, end)).includes('--json');
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help(commands));
    return name ? 0 : EXIT_BAD_INPUT;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    if (json)
      reportError(
        unpositioned(`unknown command "${name}"`, `commands: ${commands.map((c) => c.name).join(', ')}`),
        true,
        io,
      );
    else io.err(`error: unknown command "${name}"\n\n${help(commands)}`);
    return EXIT_BAD_INPUT;
  }
  let source = '';
  try {
    const options = command.readsExpression ? { ...command.options, ...EXPRESSION_OPTIONS } : command.options;
    const { values, positionals } = parseOptions(rest, options, true);
    if (command.readsExpression) await readExpression(positionals, values, io);
    source = positionals[0] ?? '';
    return await command.run(positionals, values, io);
  } catch (e) {
    if (e instanceof UsageError) {
      const usage = `usage: npm run cli -- ${command.usage}`;
      if (json) reportError(unpositioned((e as Error).message, usage), true, io);
      else io.err(`error: ${(e as Error).message}\n${usage}`);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof EmlSyntaxError) {
      reportSyntaxError(e, source, json, io);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof Error && /^"?.*"? is not a number/.test(e.message)) {
      reportError(
        unpositioned(e.message, 'values are numbers such as 2, -0.5, 1e-3, pi, inf, nan or complex 1+2i'),
        json,
        io,
      );
      return EXIT_BAD_INPUT;
    }
    // The safety net: a bug must still end as exit 2 with a message, not a stack trace.
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    reportError(
      unpositioned(
        `internal error: ${what.length > 300 ? `${what.slice(0, 300)}…` : what}`,
        'this is a bug in EML Playground: please report it with the command line',
      ),
      json,
      io,
    );
    return EXIT_BAD_INPUT;
  }
}
