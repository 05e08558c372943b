/**
 * The CLI dispatcher, separate from main.ts so tests can drive it in-process.
 * Exit codes: 0 ok, 1 a check failed (e.g. a finite-only violation), 2 bad input.
 */
import { parseArgs } from 'node:util';
import { EXIT_BAD_INPUT, UsageError, type Command, type CommandIO } from './command.ts';
import { commands } from './registry.ts';

function help(list: readonly Command[]): string {
  return ['usage: npm run cli -- <command> [options]', '', 'commands:', ...list.map((c) => `  ${c.usage}\n      ${c.summary}`)].join('\n');
}

export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help(commands));
    return name ? 0 : EXIT_BAD_INPUT;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`error: unknown command "${name}"\n\n${help(commands)}`);
    return EXIT_BAD_INPUT;
  }
  try {
    // Negative numbers like "--x -1" must be option values, not options: parseArgs handles "--x=-1"; rewrite the spaced form.
    const args: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i];
      const opt = a.startsWith('--') ? command.options[a.slice(2)] : undefined;
      if (opt && opt.type === 'string' && i + 1 < rest.length && /^-[\d.]|^-(inf|pi|e)\b/i.test(rest[i + 1])) {
        args.push(`${a}=${rest[++i]}`);
      } else args.push(a);
    }
    const { values, positionals } = parseArgs({ args, options: command.options, allowPositionals: true, strict: true });
    return await command.run(positionals, values as Record<string, string | boolean | undefined>, io);
  } catch (e) {
    if (e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      io.err(`error: ${(e as Error).message}\nusage: npm run cli -- ${command.usage}`);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof Error && /^"?.*"? is not a number/.test(e.message)) {
      io.err(`error: ${e.message}`);
      return EXIT_BAD_INPUT;
    }
    throw e;
  }
}
