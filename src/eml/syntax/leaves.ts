/**
 * Leaf words shared by both parsers: the constant 1, variable names, the operator names, and the errors and hints
 * for words that look like leaves but are not. Hints show examples in the syntax the user is typing, printed from
 * real trees so they cannot drift out of sync with the parsers.
 */

import { MAX_NAME_LENGTH, ONE, eml, variable, type EmlNode } from '../ast.ts';
import { EmlSyntaxError, MAX_QUOTE, quote } from './errors.ts';
import { print, type EmlSyntax } from './print.ts';

/** Shown wherever input looks like ordinary math rather than EML. */
export const COMPILER_HINT = 'this box takes EML; ordinary math like exp(x) goes through the compiler';

/** `e`, `E`, `eml`, `EML`, … in any case: the operator in every syntax. */
export function isOperatorName(word: string): boolean {
  return /^(?:e|eml)$/i.test(word);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NUMBER = /^[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?$/;

// Trees quoted in hints (docs/constructions.md#small-trees and docs/constructions.md#reference-values (case 9)).
const E_TREE = eml(ONE, ONE);
const ZERO_TREE = eml(ONE, eml(eml(ONE, ONE), ONE));
const TWO_TREE = eml(ONE, eml(eml(eml(ONE, eml(eml(ONE, eml(ONE, eml(ONE, ONE))), ONE)), eml(ONE, ONE)), ONE));

/** The operator applied to `a` and `b`, written in `style` (the name as the user spelled it, if given). */
export function callExample(style: EmlSyntax, name?: string, a = 'a', b = 'b'): string {
  if (style === 'rpn') return `${a} ${b} ${name ?? 'E'}`;
  return style === 'mathematica' ? `${name ?? 'EML'}[${a},${b}]` : `${name ?? 'eml'}(${a}, ${b})`;
}

function numberHint(word: string, style: EmlSyntax): string {
  if (Number(word) === 1) return 'write the constant as plain 1';
  if (Number(word) === 0) return `only the constant 1 is an EML leaf; 0 = ${print(ZERO_TREE, style)}`;
  if (Number(word) === 2) return `only the constant 1 is an EML leaf; 2 = ${print(TWO_TREE, style)} (K=19)`;
  return (
    `only the constant 1 is an EML leaf; build other numbers from it (e = ${print(E_TREE, style)}, ` +
    `0 = ${print(ZERO_TREE, style)}) or enter ordinary math through the compiler`
  );
}

/**
 * The leaf that `word` (at `offset` in `source`) denotes, or a positioned error saying why it is not one.
 * Callers handle operator names that are followed by arguments before asking.
 */
export function leafFromWord(source: string, word: string, offset: number, style: EmlSyntax): EmlNode {
  if (word === '1') return ONE;
  if (IDENTIFIER.test(word) && !isOperatorName(word) && word.length <= MAX_NAME_LENGTH) return variable(word);
  throw notALeaf(source, word, offset, style);
}

/** The error for a word that is not a leaf; kept out of leafFromWord, which runs once per leaf. */
function notALeaf(source: string, word: string, offset: number, style: EmlSyntax): EmlSyntaxError {
  const fail = (code: EmlSyntaxError['code'], message: string, hint: string) =>
    new EmlSyntaxError({ code, message, offset, length: word.length, hint }, source);
  if (word.length > MAX_NAME_LENGTH && IDENTIFIER.test(word)) {
    return fail(
      'name-too-long',
      `the name '${word.slice(0, MAX_QUOTE)}…' is ${word.length} characters long; names have at most ${MAX_NAME_LENGTH}`,
      'use a shorter variable name',
    );
  }
  if (NUMBER.test(word))
    return fail('bad-number', `the number ${quote(word)} is not an EML leaf`, numberHint(word, style));
  if (/^[0-9]/.test(word)) {
    return fail(
      'unknown-token',
      `'${quote(word)}' is neither the constant 1 nor a name`,
      'names start with a letter or _ (x1, not 1x)',
    );
  }
  if (isOperatorName(word)) {
    const hint =
      word.toLowerCase() === 'e'
        ? `Euler's number e is ${print(E_TREE, style)}; to apply the operator write ${callExample(style, word)}`
        : `the operator needs two arguments: ${callExample(style, word)}`;
    return fail('reserved-name', `'${word}' names the eml operator and cannot be a variable`, hint);
  }
  // Only the RPN scanner hands over arbitrary words (the functional lexer never builds one like this).
  return fail('unknown-token', `unknown token '${quote(word)}'`, characterHint(word));
}

/** Why text containing `chars` is not EML, phrased as what to do instead. */
export function characterHint(chars: string): string {
  if (/[+\-*/^=<>!%\u2212\u00d7\u00f7\u00b7]/.test(chars)) return COMPILER_HINT;
  if (/[()[\]]/.test(chars)) return 'brackets belong to the call syntax eml(a, b); in RPN write the operands, then E';
  if (/[{}]/.test(chars)) return 'braces only wrap a whole RPN list, like {1, x, EML}';
  if (/["'`]/.test(chars)) return 'write names without quotes';
  if (/[^\x00-\x7f]/.test(chars)) return 'names use ASCII letters, digits and _, starting with a letter or _';
  return 'EML text holds only 1, names, the operator eml/E/EML, brackets and commas';
}
