/**
 * One entry point for every EML text box: picks the syntax from the text (or takes a forced one) and parses.
 * Detection is by bracket kind alone, so it is predictable enough to explain in one sentence in the UI:
 * a '[' means the paper's Mathematica form, a '(' the call form, anything else RPN (so bare `x` or `1` works).
 */

import type { EmlNode } from '../ast.ts';
import { checkInputSize, type ParseLimits } from './errors.ts';
import { parseFunctional } from './functional.ts';
import type { EmlSyntax } from './print.ts';
import { parseRpn } from './rpn.ts';

export interface ParseOptions {
  /** Skip detection and parse as this syntax. */
  syntax?: EmlSyntax;
  limits?: Partial<ParseLimits>;
}

export interface ParseResult {
  tree: EmlNode;
  /** The syntax the text was read as (detected or forced), so output can be echoed back in the same form. */
  syntax: EmlSyntax;
}

export function detectSyntax(text: string): EmlSyntax {
  if (text.includes('[')) return 'mathematica';
  if (text.includes('(')) return 'functional';
  return 'rpn';
}

/** Throws EmlSyntaxError (positioned, with a hint) on bad input, including input over `limits`. */
export function parseEml(text: string, options: ParseOptions = {}): ParseResult {
  // Before detection, so an oversized input is rejected without even being scanned for brackets.
  checkInputSize(text, options.limits);
  const syntax = options.syntax ?? detectSyntax(text);
  // The call parser reads both bracket kinds; 'mathematica' differs only in how results are echoed back.
  const tree = syntax === 'rpn' ? parseRpn(text, options) : parseFunctional(text, options);
  return { tree, syntax };
}
