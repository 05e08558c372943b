/**
 * The CLI dispatcher, separate from main.ts so tests can drive it in-process.
 * Exit codes: 0 ok, 1 a check failed (e.g. a finite-only violation), 2 bad input. Every error ends here as exit 2
 * with a message on stderr (the documented JSON under --json), never a stack trace: usage errors, positioned input
 * errors, and, as a safety net, anything unexpected ("internal error: …").
 */
import { parseArgs } from 'node:util';
import { EmlSyntaxError } from '../eml/syntax/errors.ts';
import { EXIT_BAD_INPUT, UsageError, type Command, type CommandIO } from './command.ts';
import { reportError, reportSyntaxError, unpositioned } from './input.ts';
import { commands } from './registry.ts';

function help(list: readonly Command[]): string {
  return [
    'usage: npm run cli -- <command> [options]',
    '',
    'commands:',
    ...list.map((c) => `  ${c.usage}\n      ${c.summary}`),
  ].join('\n');
}

/** Longest stdin expression read for '-' (the parsers' own 1 MB limit then gives the positioned error). */
const MAX_STDIN_CHARS = 4_000_000;

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
    // Negative numbers like "--x -1" must be option values, not options: parseArgs handles "--x=-1"; rewrite the spaced form.
    const args: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i];
      if (a === '--') {
        args.push(...rest.slice(i));
        break;
      }
      const opt = a.startsWith('--') ? command.options[a.slice(2)] : undefined;
      if (opt && opt.type === 'string' && i + 1 < rest.length && /^-[\d.]|^-(inf|pi|e)\b/i.test(rest[i + 1])) {
        args.push(`${a}=${rest[++i]}`);
      } else args.push(a);
    }
    const { values, positionals } = parseArgs({ args, options: command.options, allowPositionals: true, strict: true });
    // '-' reads the expression from standard input (`echo 'sin(x)' | npm run cli -- compile -`).
    const stdinAt = positionals.indexOf('-');
    if (stdinAt !== -1) {
      if (!io.stdin) throw new UsageError("'-' reads the expression from standard input, which is not available here");
      const text = await io.stdin();
      if (text.length > MAX_STDIN_CHARS)
        throw new UsageError(`standard input is ${text.length} characters, over the ${MAX_STDIN_CHARS} limit`);
      positionals[stdinAt] = text.replace(/\r?\n$/, '');
    }
    source = positionals[0] ?? '';
    return await command.run(positionals, values as Record<string, string | boolean | undefined>, io);
  } catch (e) {
    if (
      e instanceof UsageError ||
      (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))
    ) {
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
