/**
 * Parser for the call syntaxes: `eml(a, b)`, `E(a, b)` and the paper's Mathematica form `EML[a, b]` (operator
 * name in any case, either bracket kind, closer matching the opener). Grammar:
 *
 *     expr := '1' | name | op open expr ',' expr close        op := e | eml (any case)
 *
 * The parser is a loop over an explicit stack of open calls instead of recursive descent, because inputs nest
 * 100 000 deep (iterated compositions) and recursion would overflow the JS call stack long before that.
 */

import { eml, type EmlNode } from '../ast.ts';
import {
  EmlSyntaxError,
  checkInputSize,
  lineColumn,
  quote,
  type EmlSyntaxErrorInit,
  type ParseLimits,
} from './errors.ts';
import { COMPILER_HINT, callExample, isOperatorName, leafFromWord } from './leaves.ts';
import { Lexer, type Token } from './lexer.ts';
import type { EmlSyntax } from './print.ts';

export interface FunctionalParseOptions {
  limits?: Partial<ParseLimits>;
}

/** A call whose arguments are still being read (built on demand, for error messages). */
interface OpenCall {
  /** The operator name as written, so messages echo the user's spelling (E, eml, EML…). */
  name: Token;
  opener: Token;
  /** The first argument once read; null while it is still being read. */
  left: EmlNode | null;
}

const CLOSER: Record<string, string> = { '(': ')', '[': ']' };

export function parseFunctional(source: string, options: FunctionalParseOptions = {}): EmlNode {
  checkInputSize(source, options.limits);
  return new FunctionalParser(source).parse();
}

class FunctionalParser {
  private readonly lexer: Lexer;
  // The open calls, innermost last, as parallel arrays rather than one object per call: at 100 000 levels
  // per-call objects (and the tokens they would hold) survive into the old generation and GC dominates the parse.
  private readonly nameOffsets: number[] = [];
  private readonly openerOffsets: number[] = [];
  /** Each call's first argument once read; null while it is still being read. */
  private readonly lefts: (EmlNode | null)[] = [];
  // Hints quote examples in the syntax the user is typing; '[' anywhere means the Mathematica form.
  private readonly style: EmlSyntax;

  constructor(private readonly source: string) {
    this.lexer = new Lexer(source);
    this.style = source.includes('[') ? 'mathematica' : 'functional';
  }

  parse(): EmlNode {
    for (;;) {
      const operand = this.readOperand();
      if (operand === null) continue; // a call was opened; its first argument comes next
      const done = this.closeCalls(operand);
      if (done !== null) return done;
    }
  }

  /** Reads a leaf, or opens a call (returning null) when a name is followed by a bracket. */
  private readOperand(): EmlNode | null {
    const token = this.lexer.next();
    switch (token.kind) {
      case 'name': {
        const after = this.lexer.peek();
        if (after.kind !== '(' && after.kind !== '[') {
          return leafFromWord(this.source, token.text, token.offset, this.style);
        }
        if (!isOperatorName(token.text)) {
          throw this.error({
            code: 'unknown-function',
            message: `unknown function '${quote(token.text)}'; the only operator is eml (also written E or EML)`,
            offset: token.offset,
            length: token.text.length,
            // The paper's notebooks wrap RPN lists as rpnRule[{…}]; the list alone is accepted as RPN.
            hint: /^rpnrule$/i.test(token.text) ? 'paste just the list inside, e.g. {1, x, EML}' : COMPILER_HINT,
          });
        }
        this.lexer.next();
        this.nameOffsets.push(token.offset);
        this.openerOffsets.push(after.offset);
        this.lefts.push(null);
        return null;
      }
      case 'number':
        return leafFromWord(this.source, token.text, token.offset, this.style);
      default:
        throw this.badOperand(token);
    }
  }

  /** The error for `token` where an argument (or the whole expression) should start. */
  private badOperand(token: Token): EmlSyntaxError {
    const top = this.innermostCall();
    switch (token.kind) {
      case 'eof':
        if (!top) {
          return this.error({
            code: 'empty-input',
            message: 'the input is empty',
            offset: 0,
            hint: `type an EML expression such as ${callExample(this.style, undefined, '1', 'x')}`,
          });
        }
        return this.unclosed(top);
      case ',':
        if (top) return this.missingArgument(token, top, top.left === null ? 'first' : 'second');
        return this.error({
          code: 'unexpected-character',
          message: "expected an expression, found ','",
          offset: token.offset,
          hint: 'commas only separate the two arguments of eml',
        });
      case ')':
      case ']':
        if (!top) {
          return this.error({
            code: 'mismatched-bracket',
            message: `unmatched '${token.text}'`,
            offset: token.offset,
            hint: 'remove it, or add the call it was meant to close',
          });
        }
        if (top.left === null) {
          return this.error({
            code: 'missing-argument',
            message: `${top.name.text}${top.opener.text}${token.text} has no arguments; it needs two`,
            offset: token.offset,
            hint: `write ${callExample(this.style, top.name.text)}`,
          });
        }
        return this.missingArgument(token, top, 'second');
      default: // '(' or '[': names and numbers never get here
        return this.error({
          code: 'unexpected-character',
          message: `'${token.text}' must follow the operator name`,
          offset: token.offset,
          hint: `EML has no grouping brackets; write ${callExample(this.style)}`,
        });
    }
  }

  /**
   * Feeds a finished operand to the open calls: it becomes a first argument (then a comma must follow) or a
   * second one (then the closer must follow, which finishes that call and feeds it upward in turn).
   * Returns the whole tree once no call is open and the input has ended, or null when more operands follow.
   */
  private closeCalls(operand: EmlNode): EmlNode | null {
    let value = operand;
    for (;;) {
      const depth = this.lefts.length;
      const token = this.lexer.next();
      if (depth === 0) {
        if (token.kind === 'eof') return value;
        throw this.trailing(token);
      }
      const left = this.lefts[depth - 1];
      if (left === null && token.kind === ',') {
        this.lefts[depth - 1] = value;
        return null;
      }
      if (left !== null && token.kind === (this.source[this.openerOffsets[depth - 1]] === '(' ? ')' : ']')) {
        this.nameOffsets.pop();
        this.openerOffsets.pop();
        this.lefts.pop();
        value = eml(left, value);
        continue;
      }
      throw this.unexpectedAfterArgument(token, this.innermostCall()!);
    }
  }

  /** The error for `token` where a call needed ',' after its first argument or its closer after the second. */
  private unexpectedAfterArgument(token: Token, top: OpenCall): EmlSyntaxError {
    if (token.kind === 'eof') return this.unclosed(top);
    const closer = CLOSER[top.opener.text];
    if (top.left === null) {
      if (token.kind === ')' || token.kind === ']') {
        return this.error({
          code: 'missing-argument',
          message: `${top.name.text} needs two arguments, found one`,
          offset: token.offset,
          hint: `add the second argument: ${callExample(this.style, top.name.text)}`,
        });
      }
      return this.error({
        code: 'missing-comma',
        message: `expected ',' after the first argument of ${top.name.text}`,
        offset: token.offset,
        length: token.text.length,
        hint: 'separate the two arguments with a comma',
      });
    }
    if (token.kind === ')' || token.kind === ']') {
      const at = lineColumn(this.source, top.opener.offset);
      return this.error({
        code: 'mismatched-bracket',
        message:
          `expected '${closer}' to close the '${top.opener.text}' at line ${at.line}, column ${at.column}, ` +
          `found '${token.text}'`,
        offset: token.offset,
        hint: `brackets must pair up: ${top.name.text}( … ) or ${top.name.text}[ … ]`,
      });
    }
    if (token.kind === ',') {
      const nested = callExample(this.style, top.name.text, 'a', callExample(this.style, top.name.text, 'b', 'c'));
      return this.error({
        code: 'too-many-arguments',
        message: `${top.name.text} takes exactly two arguments; this comma starts a third`,
        offset: token.offset,
        hint: `remove the extra argument, or nest calls: ${nested}`,
      });
    }
    return this.error({
      code: 'missing-closer',
      message: `expected '${closer}' after the second argument of ${top.name.text}`,
      offset: token.offset,
      length: token.text.length,
      hint: `close the call with '${closer}'; ${top.name.text} takes exactly two arguments`,
    });
  }

  private innermostCall(): OpenCall | undefined {
    const i = this.lefts.length - 1;
    if (i < 0) return undefined;
    const nameOffset = this.nameOffsets[i];
    let nameEnd = nameOffset;
    while (nameEnd < this.source.length && /\w/.test(this.source[nameEnd])) nameEnd++;
    const openerOffset = this.openerOffsets[i];
    const openerText = this.source[openerOffset];
    return {
      name: { kind: 'name', text: this.source.slice(nameOffset, nameEnd), offset: nameOffset },
      opener: { kind: openerText as '(' | '[', text: openerText, offset: openerOffset },
      left: this.lefts[i],
    };
  }

  private missingArgument(at: Token, call: OpenCall, which: 'first' | 'second'): EmlSyntaxError {
    return this.error({
      code: 'missing-argument',
      message: `missing the ${which} argument of ${call.name.text}`,
      offset: at.offset,
      hint: `${call.name.text} takes two arguments: ${callExample(this.style, call.name.text)}`,
    });
  }

  private unclosed(call: OpenCall): EmlSyntaxError {
    const closer = CLOSER[call.opener.text];
    return this.error({
      code: 'unclosed-bracket',
      message: `'${call.opener.text}' of ${call.name.text} is never closed`,
      offset: call.opener.offset,
      hint: `the input ended inside this call; finish its arguments and add '${closer}'`,
    });
  }

  private trailing(token: Token): EmlSyntaxError {
    const closer = token.kind === ')' || token.kind === ']';
    return this.error({
      code: 'trailing-input',
      message: `${closer ? 'unmatched' : 'unexpected'} '${quote(token.text)}' after the end of the expression`,
      offset: token.offset,
      length: token.text.length,
      hint: closer
        ? `remove the extra '${token.text}'` // a bracket: one character
        : 'the box holds one expression; remove the extra text, or combine the parts with eml',
    });
  }

  private error(init: EmlSyntaxErrorInit): EmlSyntaxError {
    return new EmlSyntaxError(init, this.source);
  }
}
