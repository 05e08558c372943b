/** Public API of the EML text syntaxes: parsing (with positioned errors) and printing. */

export {
  EmlSyntaxError,
  DEFAULT_PARSE_LIMITS,
  MAX_QUOTE,
  checkInputSize,
  formatBytes,
  lineColumn,
  quote,
} from './errors.ts';
export type { EmlSyntaxErrorCode, EmlSyntaxErrorInit, ParseLimits } from './errors.ts';
export { parseFunctional, type FunctionalParseOptions } from './functional.ts';
export { parseRpn, type RpnParseOptions } from './rpn.ts';
export { detectSyntax, parseEml, type ParseOptions, type ParseResult } from './detect.ts';
export {
  DEFAULT_TREE_MAX_DEPTH,
  DEFAULT_TREE_MAX_LINES,
  MAX_PRINT_K,
  TooLargeToPrintError,
  print,
  printFunctional,
  printLatex,
  printMathematica,
  printRpn,
  printTree,
} from './print.ts';
export type {
  EmlSyntax,
  FunctionalPrintOptions,
  PrintOptions,
  PrintSyntax,
  RpnPrintOptions,
  TreePrintOptions,
} from './print.ts';
