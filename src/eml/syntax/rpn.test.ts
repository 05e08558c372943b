import { describe, expect, it } from 'vitest';
import { ONE, eml, variable } from '../ast.ts';
import { thrownBy, whereIn } from './errorProbe.ts';
import { parseRpn } from './rpn.ts';

const x = variable('x');
const y = variable('y');

const thrown = (source: string) => thrownBy(parseRpn, source);
const where = (source: string) => whereIn(parseRpn, source);

describe('parseRpn: accepted forms', () => {
  it('pops the right operand, then the left one', () => {
    expect(parseRpn('1 x E')).toBe(eml(ONE, x));
    expect(parseRpn('x 1 E')).toBe(eml(x, ONE));
    expect(parseRpn('x y E 1 E')).toBe(eml(eml(x, y), ONE));
    expect(parseRpn('1 x y E E')).toBe(eml(ONE, eml(x, y)));
  });

  it("reads the operator in any case, and the paper's braced, comma-separated lists", () => {
    for (const source of [
      '1 x e',
      '1 x EML',
      '1 x eml',
      '1 x Eml',
      '{1, x, EML}',
      '{1,x,EML}',
      ' { 1 x E } ',
      '1,x,E',
    ]) {
      expect(parseRpn(source), source).toBe(eml(ONE, x));
    }
    expect(parseRpn('{1, 1, 1, EML, 1, EML, EML}')).toBe(eml(ONE, eml(eml(ONE, ONE), ONE)));
  });

  it('tolerates any whitespace between tokens', () => {
    expect(parseRpn('\n1\t\tx\r\n  E\n')).toBe(eml(ONE, x));
  });

  it('reads a lone leaf', () => {
    expect(parseRpn('1')).toBe(ONE);
    expect(parseRpn('y')).toBe(y);
    expect(parseRpn('{x}')).toBe(x);
  });
});

describe('parseRpn: error positions', () => {
  it('operator with fewer than two operands', () => {
    expect(where('E')).toEqual(['stack-underflow', 0, 1, 1, 1]);
    expect(where('1 EML')).toEqual(['stack-underflow', 2, 1, 3, 3]);
    expect(thrown('1 EML').message).toBe('EML needs two operands but the stack holds only one');
    expect(where('1 x E\nE')).toEqual(['stack-underflow', 6, 2, 1, 1]);
    expect(thrown('e').hint).toMatch(/Euler's number e is 1 1 E/);
  });

  it('more than one value left points at the first unused value and says how many', () => {
    expect(where('1 x')).toEqual(['leftover-values', 2, 1, 3, 1]);
    expect(where('1 x E y')).toEqual(['leftover-values', 6, 1, 7, 1]);
    expect(thrown('1 x E y').message).toMatch(/^2 values are left at the end/);
    // The unused value spans all of its tokens: `1 1 E` here.
    expect(where('x 1 1 E')).toEqual(['leftover-values', 2, 1, 3, 5]);
    const e = thrown('{x, y, z, 1, EML}');
    expect([e.offset, e.length, e.message.slice(0, 24)]).toEqual([4, 1, '3 values are left at the']);
    expect(e.hint).toBe('add 2 more EML operators to combine them, or remove the extra operands');
  });

  it('unknown tokens are underlined whole', () => {
    expect(where('1 x^2 E')).toEqual(['unknown-token', 2, 1, 3, 3]);
    expect(thrown('1 x^2 E').hint).toMatch(/compiler/);
    expect(where('1 (x) E')).toEqual(['unknown-token', 2, 1, 3, 3]);
    expect(where('1 1x E')).toEqual(['unknown-token', 2, 1, 3, 2]);
    expect(where('x 2 E')).toEqual(['bad-number', 2, 1, 3, 1]);
    expect(thrown('x 2 E').hint).toMatch(/^only the constant 1 is an EML leaf; 2 = 1 1 1 /);
  });

  it('braces must wrap the whole list', () => {
    expect(where('{1 x E')).toEqual(['unclosed-bracket', 0, 1, 1, 1]);
    expect(where('1 x E}')).toEqual(['mismatched-bracket', 5, 1, 6, 1]);
    expect(where('1 {x} E')).toEqual(['unknown-token', 2, 1, 3, 1]);
    expect(where('{1 x E} y')).toEqual(['trailing-input', 8, 1, 9, 1]);
  });

  it('empty input', () => {
    expect(where('')).toEqual(['empty-input', 0, 1, 1, 1]);
    expect(where(' , ')).toEqual(['empty-input', 0, 1, 1, 1]);
    expect(where('{ }')).toEqual(['empty-input', 0, 1, 1, 1]);
  });
});
