import { describe, expect, it } from 'vitest';
import { mathKey } from './ast.ts';
import { MathSyntaxError } from './errors.ts';
import { evaluateMath } from './evaluate.ts';
import { parseMath } from './parser.ts';
import { printMathLatex, printMathText } from './print.ts';
import { simplify } from './simplify.ts';

const text = (s: string) => printMathText(parseMath(s));
const err = (s: string): MathSyntaxError => {
  try {
    parseMath(s);
  } catch (e) {
    if (e instanceof MathSyntaxError) return e;
    throw e;
  }
  throw new Error(`no error for ${s}`);
};

describe('math parser', () => {
  it('reads precedence, unary minus and right-associative powers', () => {
    expect(text('1 + 2*x^2')).toBe('1 + 2*x^2');
    expect(text('-x^2')).toBe('-x^2');
    expect(text('x^2^3')).toBe('x^(2^3)');
    expect(text('(x+1)*(x-1)')).toBe('(x + 1)*(x - 1)');
    expect(text('a - (b - c)')).toBe('a - (b - c)');
    expect(text('2^-1')).toBe('2^(-1)');
  });
  it('takes decimals as exact rationals and supports implicit products', () => {
    expect(mathKey(parseMath('0.5'))).toBe('1/2');
    expect(mathKey(parseMath('1.25e-1'))).toBe('1/8');
    expect(text('2x')).toBe('2*x');
    expect(text('2 sin x')).toBe('2*sin(x)');
    expect(text('(x+1)(x-1)')).toBe('(x + 1)*(x - 1)');
    expect(text('2e')).toBe('2*e');
  });
  it("reads the paper's Mathematica names and desugars them as its LOCALS do", () => {
    expect(text('ArcTan[x]')).toBe('atan(x)');
    expect(text('Power[x,y]')).toBe('x^y');
    expect(text('Half[x]')).toBe('x/2');
    expect(text('Minus[x]')).toBe('-x');
    expect(text('Inv[x]')).toBe('1/x');
    expect(text('Sqr[x]')).toBe('x^2');
    expect(text('Subtract[x,y]')).toBe('x - y');
    expect(text('Log[x]')).toBe('ln(x)');
    expect(text('Log[2, 8]')).toBe('log(2, 8)');
    expect(text('LogisticSigmoid[x] + GoldenRatio + Pi + E + I')).toBe('sigmoid(x) + phi + pi + e + i');
    expect(text('arcsin(x) + arsinh(x) + π')).toBe('asin(x) + asinh(x) + pi');
  });
  it('reports errors with positions and hints', () => {
    const e1 = err('x + * 2');
    expect(e1.reason).toBe('missing-operand');
    expect(e1.column).toBe(5);
    expect(e1.format('x + * 2')).toContain('^');
    expect(err('sin(x').reason).toBe('missing-closer');
    expect(err('sin(x]').reason).toBe('mismatched-bracket');
    expect(err('floor(x)').reason).toBe('unsupported-function');
    expect(err('floor(x)').message).toContain('not supported');
    expect(err('sine(x)').reason).toBe('unknown-function');
    expect(err('log(1,2,3)').reason).toBe('wrong-arity');
    expect(err('x $ y').reason).toBe('unexpected-character');
    expect(err('').reason).toBe('empty-input');
    expect(err('('.repeat(500) + 'x' + ')'.repeat(500)).reason).toBe('too-deep');
    expect(err('x y)').reason).toBe('mismatched-bracket');
  });
  it('prints LaTeX', () => {
    expect(printMathLatex(parseMath('sqrt(x)/2 + sin(x)^2'))).toBe(
      '\\frac{\\sqrt{x}}{2} + \\left(\\sin\\left(x\\right)\\right)^{2}',
    );
    expect(printMathLatex(parseMath('log(2, x)*pi'))).toBe('\\log_{2}\\left(x\\right) \\pi');
  });
  it('evaluates on the principal branch', () => {
    expect(evaluateMath(parseMath('ln(-1)')).im).toBeCloseTo(Math.PI, 15);
    expect(evaluateMath(parseMath('sqrt(-4)'))).toEqual({ re: 0, im: 2 });
    expect(evaluateMath(parseMath('log(2, 8)')).re).toBeCloseTo(3, 14);
    expect(evaluateMath(parseMath('asin(2)')).re).toBeCloseTo(Math.PI / 2, 12);
  });
  it('handles long inputs iteratively', () => {
    const long = Array.from({ length: 20000 }, () => 'x').join(' - ');
    expect(evaluateMath(parseMath(long), { x: 1 }).re).toBe(-19998);
  });
});

describe('simplifier', () => {
  const s = (t: string) => printMathText(simplify(parseMath(t)));
  it('collects sums and products and cancels exp/ln', () => {
    expect(s('e - (e - x)')).toBe('x');
    expect(s('x + -y')).toBe('x - y');
    expect(s('x*x/x^3')).toBe('1/x');
    expect(s('exp(ln(x) + ln(y))')).toBe('x*y');
    expect(s('exp(y*ln(x))')).toBe('x^y');
    expect(s('exp(-ln(x))')).toBe('1/x');
    expect(s('exp(ln(x)/2)')).toBe('sqrt(x)');
    expect(s('ln(exp(x))')).toBe('x');
    expect(s('1/2*x')).toBe('x/2');
    expect(s('2 + 3*4')).toBe('14');
  });
});
