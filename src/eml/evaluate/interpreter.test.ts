import { describe, expect, it } from 'vitest';
import { eml, ONE, variable, type EmlNode } from '../ast.ts';
import { parseEml } from '../syntax/index.ts';
import { evaluate, EvaluationError, pathTo, trace } from './interpreter.ts';

const X = variable('x');
const flagsAt = (text: string, env: Record<string, number>, semantics: 'complex' | 'real-extended' = 'complex') => {
  const t = parseEml(text).tree;
  const tr = trace(t, env, semantics);
  return new Set([...tr.nodes.values()].flatMap((n) => n.flags));
};

describe('node flags', () => {
  it('ln0: the ln side is exactly zero (compiled negation’s ln 0)', () => {
    expect(flagsAt('EML[1,EML[1,EML[1,EML[EML[1,1],1]]]]', {})).toContain('ln0');
  });
  it('overflow: exp of a finite argument gives ∞', () => {
    expect(flagsAt('EML[x,1]', { x: 710 })).toContain('overflow');
    expect(flagsAt('EML[x,1]', { x: 709 })).not.toContain('overflow');
  });
  it('absorption: exp(a) and ln(b) more than 1e13 apart in size', () => {
    expect(flagsAt('EML[x,y]', { x: -40, y: Math.E })).toContain('absorption');
    expect(flagsAt('EML[x,y]', { x: 1, y: 2 })).not.toContain('absorption');
  });
  it('branch-cut: ln of a negative real', () => {
    expect(flagsAt('EML[1,x]', { x: -2 })).toContain('branch-cut');
    expect(flagsAt('EML[1,x]', { x: 2 })).not.toContain('branch-cut');
  });
  it('nan: ∞ − ∞, and ln of a negative in extended-real semantics', () => {
    expect(flagsAt('EML[x,y]', { x: 710, y: Infinity })).toContain('nan');
    expect(flagsAt('EML[1,x]', { x: -2 }, 'real-extended')).toContain('nan');
  });
});

describe('evaluation errors', () => {
  it('finite-only names the first offending node by its path', () => {
    const t = parseEml('EML[EML[1,EML[1,EML[1,EML[EML[1,1],1]]]],EML[1,1]]').tree;
    try {
      evaluate(t, {}, 'finite');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EvaluationError);
      const err = e as EvaluationError;
      // L = e − ln(LR), LR = e − ln(LRR), LRR = e − ln(e^e) = 0: the ln 0 happens at LR.
      expect(err.path).toBe('LR');
      expect(err.message).toContain('path LR ');
    }
  });
  it('a variable without a value is reported', () => {
    expect(() => evaluate(eml(X, ONE), {})).toThrow(/missing value for x/);
  });
  it('pathTo finds the first occurrence in pre-order, even for shared subtrees', () => {
    const inner = eml(X, ONE);
    const t = eml(eml(ONE, inner), inner);
    expect(pathTo(t, inner)).toBe('LR');
    expect(pathTo(t, variable('nowhere'))).toBeNull();
  });
  it('traces a 100 000-deep tree without overflowing the stack', () => {
    let t: EmlNode = X;
    // 25 000 identities of depth 4 each: depth 100 000.
    for (let i = 0; i < 25_000; i++) t = eml(ONE, eml(eml(ONE, eml(t, ONE)), ONE));
    expect(t.depth).toBe(100_000);
    // Nested identities ln(exp t) = t.
    expect(trace(t, { x: 0.5 }).value.re).toBeCloseTo(0.5, 9);
  }, 20_000);
});
