/**
 * Parser for postfix (RPN) EML: operands, then the operator `E`/`EML` (any case), which pops the right operand
 * and then the left one, so `1 x E` is eml(1, x) and the text reads in the same left-to-right order as
 * eml(1, x). Items are separated by whitespace or commas, and the whole list may sit in braces, so the
 * paper's `{1, x, EML}` (its rpnRule lists) pastes in unchanged. Postfix needs only a value stack, so depth
 * costs nothing beyond that array.
 */

import { eml, type EmlNode } from '../ast.ts';
import { EmlSyntaxError, checkInputSize, type EmlSyntaxErrorInit, type ParseLimits } from './errors.ts';
import { isOperatorName, leafFromWord } from './leaves.ts';
import { isSpace } from './lexer.ts';

export interface RpnParseOptions {
  limits?: Partial<ParseLimits>;
}

/** A value on the stack and the source span it came from, so leftovers can be pointed at. */
interface Entry {
  node: EmlNode;
  start: number;
  end: number;
}

const COMMA = 44;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

function isSeparator(code: number): boolean {
  return code === COMMA || isSpace(code);
}

export function parseRpn(source: string, options: RpnParseOptions = {}): EmlNode {
  checkInputSize(source, options.limits);
  const fail = (init: EmlSyntaxErrorInit) => new EmlSyntaxError(init, source);
  const stack: Entry[] = [];
  let opSpelling = 'E';
  let braceOpen = -1;
  let braceClose = -1;
  let sawItem = false;
  let pos = 0;
  for (;;) {
    while (pos < source.length && isSeparator(source.charCodeAt(pos))) pos++;
    if (pos >= source.length) break;
    const start = pos;
    const code = source.charCodeAt(pos);
    if (braceClose !== -1) {
      throw fail({
        code: 'trailing-input',
        message: "unexpected text after the closing '}'",
        offset: start,
        hint: 'the braces must hold the whole expression',
      });
    }
    if (code === OPEN_BRACE) {
      if (sawItem || braceOpen !== -1) {
        throw fail({
          code: 'unknown-token',
          message: "'{' can only open the whole list, before its first item",
          offset: start,
          hint: 'RPN needs no grouping; remove this brace',
        });
      }
      braceOpen = pos++;
      continue;
    }
    if (code === CLOSE_BRACE) {
      if (braceOpen === -1) {
        throw fail({
          code: 'mismatched-bracket',
          message: "unmatched '}'",
          offset: start,
          hint: "remove it, or open the list with '{'",
        });
      }
      braceClose = pos++;
      continue;
    }
    while (pos < source.length) {
      const c = source.charCodeAt(pos);
      if (isSeparator(c) || c === OPEN_BRACE || c === CLOSE_BRACE) break;
      pos++;
    }
    const word = source.slice(start, pos);
    sawItem = true;
    if (!isOperatorName(word)) {
      stack.push({ node: leafFromWord(source, word, start, 'rpn'), start, end: pos });
      continue;
    }
    opSpelling = word;
    if (stack.length < 2) {
      const euler = stack.length === 0 && word.toLowerCase() === 'e' ? "; Euler's number e is 1 1 E" : '';
      throw fail({
        code: 'stack-underflow',
        message: `${word} needs two operands but ${stack.length === 0 ? 'the stack is empty' : 'the stack holds only one'}`,
        offset: start,
        length: word.length,
        hint: `in RPN both operands come first: 1 x ${word} is eml(1, x)${euler}`,
      });
    }
    const right = stack.pop()!;
    const left = stack.pop()!;
    stack.push({ node: eml(left.node, right.node), start: left.start, end: pos });
  }
  if (braceOpen !== -1 && braceClose === -1) {
    throw fail({
      code: 'unclosed-bracket',
      message: "'{' is never closed",
      offset: braceOpen,
      hint: "add '}' at the end of the list",
    });
  }
  if (stack.length === 0) {
    throw fail({
      code: 'empty-input',
      message: 'the input is empty',
      offset: 0,
      hint: 'type an EML expression such as eml(1, x), EML[1,x] or, in RPN, 1 x E',
    });
  }
  if (stack.length > 1) {
    // stack[0] is the would-be result; stack[1] is the first value that no operator consumed.
    const extra = stack[1];
    const missing = stack.length - 1;
    throw fail({
      code: 'leftover-values',
      message: `${stack.length} values are left at the end; RPN must reduce to exactly one (this is the first unused value)`,
      offset: extra.start,
      length: extra.end - extra.start,
      hint: `add ${missing} more ${opSpelling} operator${missing === 1 ? '' : 's'} to combine them, or remove the extra operands`,
    });
  }
  return stack[0].node;
}
