/**
 * Tokens of the bracketed syntaxes (`eml(a, b)`, `E(a, b)`, `EML[a, b]`). The lexer is lazy with one token of
 * lookahead, so a 1 MB input never exists as a second, token-sized copy in memory.
 */

import { EmlSyntaxError } from './errors.ts';
import { characterHint } from './leaves.ts';

export type TokenKind = 'name' | 'number' | '(' | ')' | '[' | ']' | ',' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The characters as written ('' at end of input). */
  text: string;
  offset: number;
}

/** Whitespace between tokens: ASCII blanks and line breaks, plus the Unicode spaces a paste can bring along. */
export function isSpace(code: number): boolean {
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  return code > 127 && /\s/.test(String.fromCharCode(code));
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
// A number runs on through trailing letters so `1x` or `2.5e3` is reported as one word, not split silently.
const NUMBER = /[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?[A-Za-z0-9_.]*/y;
const PUNCTUATION = new Set(['(', ')', '[', ']', ',']);

export class Lexer {
  private pos = 0;
  private peeked: Token | null = null;

  constructor(private readonly source: string) {}

  peek(): Token {
    this.peeked ??= this.scan();
    return this.peeked;
  }

  next(): Token {
    const token = this.peek();
    this.peeked = null;
    return token;
  }

  private scan(): Token {
    const src = this.source;
    while (this.pos < src.length && isSpace(src.charCodeAt(this.pos))) this.pos++;
    const offset = this.pos;
    if (offset >= src.length) return { kind: 'eof', text: '', offset };
    const ch = src[offset];
    if (PUNCTUATION.has(ch)) {
      this.pos++;
      return { kind: ch as TokenKind, text: ch, offset };
    }
    const c = src.charCodeAt(offset);
    const isDigit = c >= 48 && c <= 57;
    const isNameStart = c === 95 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (isDigit || isNameStart) {
      const re = isDigit ? NUMBER : NAME;
      re.lastIndex = offset;
      re.test(src);
      this.pos = re.lastIndex;
      return { kind: isDigit ? 'number' : 'name', text: src.slice(offset, this.pos), offset };
    }
    throw unexpectedCharacter(src, offset);
  }
}

/** Error for a character no token can start with; an astral character is underlined whole. */
export function unexpectedCharacter(source: string, offset: number): EmlSyntaxError {
  const codePoint = source.codePointAt(offset)!;
  const char = String.fromCodePoint(codePoint);
  // Control characters are invisible in the excerpt, so name them by code point instead.
  const shown =
    codePoint < 32 || codePoint === 127 ? `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}` : `'${char}'`;
  const message = `unexpected character ${shown}`;
  return new EmlSyntaxError(
    { code: 'unexpected-character', message, offset, length: char.length, hint: characterHint(char) },
    source,
  );
}
