/**
 * The ordinary-math parser's tokens (parser.ts): numbers, names, operators (with their Unicode spellings: − × · ÷,
 * and ** for ^), brackets and commas, each with its place in the text for positioned errors.
 */
import { MathSyntaxError } from './errors.ts';

export type TokKind = 'num' | 'name' | 'op' | 'open' | 'close' | 'comma' | 'eof';
export interface Tok {
  kind: TokKind;
  text: string;
  offset: number;
  /** One past the last code unit (`**` is two units for the one-character text '^'). */
  end: number;
}

const OPS: Record<string, string> = {
  '+': '+',
  '-': '-',
  '−': '-',
  '–': '-',
  '*': '*',
  '×': '*',
  '·': '*',
  '⋅': '*',
  '/': '/',
  '÷': '/',
  '^': '^',
  '√': '√',
};
const NAME = /[A-Za-z_][A-Za-z0-9_]*|π|φ/y;
// Exponent only when digits follow, so `2e` is 2·e but `2e3` is 2000.
const NUMBER = /[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+/y;

/** The tokens of `src`, ending with 'eof'; throws a positioned MathSyntaxError at a character no token starts with. */
export function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '*' && src[i + 1] === '*') {
      out.push({ kind: 'op', text: '^', offset: i, end: i + 2 });
      i += 2;
      continue;
    }
    if (OPS[c]) {
      out.push({ kind: 'op', text: OPS[c], offset: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === '(' || c === '[') out.push({ kind: 'open', text: c, offset: i, end: ++i });
    else if (c === ')' || c === ']') out.push({ kind: 'close', text: c, offset: i, end: ++i });
    else if (c === ',') out.push({ kind: 'comma', text: c, offset: i, end: ++i });
    else {
      NUMBER.lastIndex = i;
      if (NUMBER.test(src)) {
        out.push({ kind: 'num', text: src.slice(i, NUMBER.lastIndex), offset: i, end: NUMBER.lastIndex });
        i = NUMBER.lastIndex;
        continue;
      }
      NAME.lastIndex = i;
      if (NAME.test(src)) {
        out.push({ kind: 'name', text: src.slice(i, NAME.lastIndex), offset: i, end: NAME.lastIndex });
        i = NAME.lastIndex;
        continue;
      }
      const cp = src.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      throw new MathSyntaxError(
        'unexpected-character',
        `unexpected character '${ch}'`,
        i,
        src,
        ch.length,
        'use + − * / ^, parentheses, numbers, names like x or sin, and commas between arguments',
      );
    }
  }
  out.push({ kind: 'eof', text: '', offset: src.length, end: src.length });
  return out;
}
