/** Reading the expression argument of a command, and printing every kind of error the same way. */
import { readFile, stat } from 'node:fs/promises';
import { looksLikeTreeJson, readTreeJsonInput } from '../eml/export/json.ts';
import { parseEml, EmlSyntaxError, type EmlSyntax } from '../eml/syntax/index.ts';
import { UsageError, type CommandIO } from './command.ts';

/**
 * Longest expression read from standard input or a file, in bytes: above the parsers' own limits (1 MB of EML,
 * 200 kB of ordinary math), so a text between those and this still gets their positioned error and hint.
 */
export const MAX_EXPRESSION_BYTES = 4_000_000;

/** Options every expression-reading command takes besides its own. */
export const EXPRESSION_OPTIONS = { file: { type: 'string' } } as const;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A file's text, refused with a clear message when missing, not a file, too large or not UTF-8. */
async function readExpressionFile(path: string): Promise<string> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UsageError(`--file ${path}: not a file`);
    size = info.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `--file ${path}: no such file` : `--file ${path}: cannot read it (${code ?? String(e)})`,
    );
  }
  if (size > MAX_EXPRESSION_BYTES)
    throw new UsageError(`--file ${path}: ${size} bytes, over the ${MAX_EXPRESSION_BYTES}-byte limit`);
  return decode(await readFile(path), `--file ${path}`);
}

function decode(bytes: Uint8Array, what: string): string {
  try {
    return UTF8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new UsageError(`${what}: not UTF-8 text (save it as UTF-8 and try again)`);
  }
}

/**
 * Puts the expression in positionals[0] when it comes from elsewhere: '-' reads standard input
 * (`echo 'sin(x)' | npm run cli -- compile -`), `--file PATH` reads a file; one trailing newline is dropped. A
 * positional that starts with '-' follows '--' (`compile -- -x`), which parseOptions already honours.
 */
export async function readExpression(
  positionals: string[],
  values: Record<string, string | boolean | undefined>,
  io: CommandIO,
): Promise<void> {
  const file = values.file;
  delete values.file;
  const stdinAt = positionals.indexOf('-');
  if (typeof file === 'string') {
    if (positionals.length > 0)
      throw new UsageError('give the expression either as an argument, as - (standard input) or with --file, not two');
    positionals.push((await readExpressionFile(file)).replace(/\r?\n$/, ''));
  } else if (stdinAt !== -1) {
    if (!io.stdin) throw new UsageError("'-' reads the expression from standard input, which is not available here");
    const bytes = await io.stdin();
    if (bytes.length > MAX_EXPRESSION_BYTES)
      throw new UsageError(`standard input is ${bytes.length} bytes, over the ${MAX_EXPRESSION_BYTES}-byte limit`);
    positionals[stdinAt] = decode(bytes, 'standard input').replace(/\r?\n$/, '');
  }
}

const SYNTAXES: readonly string[] = ['functional', 'mathematica', 'rpn', 'json'];

/**
 * Parses positionals[0] as EML (runCli has already put the text of '-' or --file there, readExpression); prints a
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
    // An eml-tree JSON document (what Export → JSON and `convert --to json` write) reads as its tree.
    if (syntax === 'json' || (syntax === undefined && looksLikeTreeJson(source)))
      return { tree: readTreeJsonInput(source), syntax: 'json' as const };
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
