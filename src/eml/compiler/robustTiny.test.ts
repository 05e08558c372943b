/**
 * Issue 12: robust mode is right wherever paper mode is, also under |x| = 1e−4 where the compile-time check used
 * not to look (robust.ts robustCheckPoints). acot x: the quotient-log form is ±π/2 at random in −1e−14 < x < 0
 * (its log argument's tiny imaginary part is below the chain's rounding); asin x: the short form loses x itself
 * under 1e−5. Checked on a 30-digit reference (domains.ts pointChecker), 200 points a decade.
 */
import { describe, expect, it } from 'vitest';
import { compile } from './compile.ts';
import { pointChecker } from './domains.ts';
import { parseMath } from '../math/parser.ts';

const points = (from: number, to: number, sign: 1 | -1): number[] => {
  const out: number[] = [];
  for (let d = from; d < to; d += 1 / 200) out.push(sign * 10 ** d);
  return out;
};

describe('robust mode near 0', () => {
  it.each([
    ['acot(x)', points(-17, -14, -1)],
    ['acot(x)', points(-17, -14, 1)],
    ['asin(x)', points(-12, -4, 1)],
    ['acos(x)', points(-12, -4, -1)],
  ])('%s: right at every point where paper mode is', (text, ts) => {
    const math = parseMath(text);
    const at = (t: number) => ({ x: t });
    const paper = pointChecker(compile(text, { mode: 'paper' }).tree, math, ['x'], at);
    const robust = pointChecker(compile(text, { mode: 'robust' }).tree, math, ['x'], at);
    const paperRight = ts.filter((t) => paper(t) === true);
    // Paper mode is right at most of these points (else the check says nothing).
    expect(paperRight.length).toBeGreaterThan(ts.length / 2);
    expect(paperRight.filter((t) => robust(t) !== true)).toEqual([]);
  });
});
