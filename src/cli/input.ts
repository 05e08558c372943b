/** Reading the expression argument of a command, with parse errors printed the same way everywhere. */
import { parseEml, EmlSyntaxError, type EmlSyntax } from '../eml/syntax/index.ts';
import { UsageError, type CommandIO } from './command.ts';

const SYNTAXES: readonly string[] = ['functional', 'mathematica', 'rpn'];

/** Parses positionals[0] (or '-' for stdin text already read) as EML; prints a positioned error and returns null on bad input. */
export function parseInput(positionals: string[], values: Record<string, unknown>, io: CommandIO) {
  if (positionals.length === 0) throw new UsageError('missing the expression argument');
  if (positionals.length > 1) throw new UsageError(`expected one expression, got ${positionals.length} arguments (quote the expression)`);
  const syntax = values.syntax === undefined ? undefined : String(values.syntax);
  if (syntax !== undefined && !SYNTAXES.includes(syntax)) throw new UsageError(`--syntax must be one of ${SYNTAXES.join(', ')}`);
  const source = positionals[0];
  try {
    return parseEml(source, { syntax: syntax as EmlSyntax | undefined });
  } catch (e) {
    if (!(e instanceof EmlSyntaxError)) throw e;
    reportSyntaxError(e, source, Boolean(values.json), io);
    return null;
  }
}

/** A positioned input error (EML or ordinary math), as text with a caret or as the documented JSON, on stderr. */
export function reportSyntaxError(e: EmlSyntaxError, source: string, json: boolean, io: CommandIO): void {
  if (json) io.err(JSON.stringify({ error: { message: e.message, offset: e.offset, line: e.line, column: e.column, length: e.length, hint: e.hint } }, null, 2));
  else io.err(`error: ${e.format(source)}`);
}
