/** The shape every CLI command has, so main.ts can list, document and dispatch them uniformly. */
import type { ParseArgsConfig } from 'node:util';

export interface CommandIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Reads all of standard input as bytes, for a '-' expression argument (absent: '-' is refused as a usage error). */
  stdin?: () => Promise<Uint8Array>;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** The first positional is an expression: it may also come from standard input ('-') or from `--file PATH`. */
  readsExpression?: boolean;
  /** Returns the exit code: 0 ok, 1 a check failed, 2 bad input. */
  run(
    positionals: string[],
    values: Record<string, string | boolean | undefined>,
    io: CommandIO,
  ): number | Promise<number>;
}

/** Exit code for bad input (unparsable expression, unknown option), as documented in README. */
export const EXIT_BAD_INPUT = 2;

export class UsageError extends Error {}
