/** Test helpers shared by the parsers' tests: the error a parser throws, and where it points. */
import { EmlSyntaxError, type EmlSyntaxErrorCode } from './errors.ts';

export function thrownBy(parse: (source: string) => unknown, source: string): EmlSyntaxError {
  try {
    parse(source);
  } catch (e) {
    if (e instanceof EmlSyntaxError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(source)} to be rejected`);
}

/** Error code and [offset, line, column, length] as one comparable value. */
export function whereIn(
  parse: (source: string) => unknown,
  source: string,
): [EmlSyntaxErrorCode, number, number, number, number] {
  const e = thrownBy(parse, source);
  return [e.code, e.offset, e.line, e.column, e.length];
}
