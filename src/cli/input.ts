/** Reading the expression argument of a command, and printing every kind of error the same way. */
import { parseEml, EmlSyntaxError, type EmlSyntax } from '../eml/syntax/index.ts';
import { UsageError, type CommandIO } from './command.ts';

const SYNTAXES: readonly string[] = ['functional', 'mathematica', 'rpn'];

/**
 * Parses positionals[0] as EML (runCli has already replaced a '-' argument by the text read from stdin); prints a
 * positioned error and returns null on bad input.
 */
export function parseInput(positionals: string[], values: Record<string, unknown>, io: CommandIO) {
  if (positionals.length === 0) throw new UsageError('missing the expression argument');
  if (positionals.length > 1)
    throw new UsageError(`expected one expression, got ${positionals.length} arguments (quote the expression)`);
  const syntax = values.syntax === undefined ? undefined : String(values.syntax);
  if (syntax !== undefined && !SYNTAXES.includes(syntax))
    throw new UsageError(`--syntax must be one of ${SYNTAXES.join(', ')}`);
  const source = positionals[0];
  try {
    return parseEml(source, { syntax: syntax as EmlSyntax | undefined });
  } catch (e) {
    if (!(e instanceof EmlSyntaxError)) throw e;
    reportSyntaxError(e, source, Boolean(values.json), io);
    return null;
  }
}

/** The documented error object (README "--json output"): position fields are 0/1 when there is no position. */
export interface CliErrorJson {
  message: string;
  offset: number;
  line: number;
  column: number;
  length: number;
  hint: string;
}

/** Prints `error` on stderr: the documented JSON under --json, else "error: …" with the hint. */
export function reportError(error: CliErrorJson, json: boolean, io: CommandIO): void {
  if (json) io.err(JSON.stringify({ error }, null, 2));
  else io.err(`error: ${error.message}${error.hint ? `\nhint: ${error.hint}` : ''}`);
}

/** An error with no place in the input (usage, internal): offset 0, line 1, column 1. */
export const unpositioned = (message: string, hint = ''): CliErrorJson => ({
  message,
  offset: 0,
  line: 1,
  column: 1,
  length: 0,
  hint,
});

/** A positioned input error (EML, ordinary math or compile), as text with a caret or as the documented JSON, on stderr. */
export function reportSyntaxError(e: EmlSyntaxError, source: string, json: boolean, io: CommandIO): void {
  if (json)
    reportError(
      { message: e.message, offset: e.offset, line: e.line, column: e.column, length: e.length, hint: e.hint },
      true,
      io,
    );
  else io.err(`error: ${e.format(source)}`);
}
