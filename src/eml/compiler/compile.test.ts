import { describe, expect, it } from 'vitest';
import { ONE, variable } from '../ast.ts';
import { evaluate } from '../evaluate/interpreter.ts';
import { printMathematica } from '../syntax/print.ts';
import { CompileError, MathSyntaxError } from '../math/errors.ts';
import { compile } from './compile.ts';
import { K_TABLE } from './ktable.ts';
import * as P from './primitives.ts';
import { COMPACT_CONSTANTS, RULES } from './rules.ts';

const x = variable('x');
const y = variable('y');
const paper = (s: string, clean = false) => compile(s, { mode: 'paper', clean });
const tree = (s: string, mode: 'paper' | 'compact' = 'paper') => printMathematica(compile(s, { mode }).tree);

const SHORTEST = { mode: 'shortest' } as const;

describe('paper mode reproduces eml_compiler_v4.py (docs/constructions.md#k-table)', () => {
  for (const t of K_TABLE) {
    it(`${t.input}: K ${t.k}${t.depth !== undefined ? ` depth ${t.depth}` : ''}${t.cleanK ? `, clean K ${t.cleanK}` : ''}`, () => {
      const r = paper(t.input);
      expect(r.k).toBe(t.k);
      if (t.depth !== undefined) expect(r.depth).toBe(t.depth);
      if (t.cleanK !== undefined) expect(paper(t.input, true).k).toBe(t.cleanK);
    });
  }
  it('compact is never larger than paper (plain and clean)', () => {
    for (const t of K_TABLE) {
      for (const clean of [false, true]) {
        const c = compile(t.input, { clean });
        expect(c.k, `${t.input}${clean ? ' clean' : ''}`).toBeLessThanOrEqual(paper(t.input, clean).k);
      }
    }
  });
  it('shortest mode uses direct sub and negation (x−y 11, −x 15, 1/x 15, x·y 17)', () => {
    expect(compile('x-y', SHORTEST).k).toBe(11);
    expect(compile('-x', SHORTEST).k).toBe(15);
    expect(compile('-x', { ...SHORTEST, clean: true }).k).toBe(17);
    expect(compile('1/x', SHORTEST).k).toBe(15);
    expect(compile('x*y', SHORTEST).k).toBe(17);
    expect(compile('x+y', SHORTEST).k).toBe(19);
    expect(compile('2', SHORTEST).k).toBe(19);
    expect(compile('2*3', SHORTEST).k).toBe(compile('6', SHORTEST).k);
  });
});

describe('docs/constructions.md#small-trees verbatim trees', () => {
  it('compiler output', () => {
    expect(tree('E')).toBe('EML[1,1]');
    expect(tree('Exp[x]')).toBe('EML[x,1]');
    expect(tree('Log[x]')).toBe('EML[1,EML[EML[1,x],1]]');
    expect(tree('0')).toBe('EML[1,EML[EML[1,1],1]]');
    expect(tree('-1')).toBe('EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[1,1]]');
    expect(tree('x+y')).toBe(
      'EML[EML[1,EML[EML[1,x],1]],EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[y,1]],1]]',
    );
    expect(tree('2')).toBe(
      'EML[EML[1,EML[EML[1,1],1]],EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[1,1]],1]]',
    );
    expect(tree('x*y')).toBe(
      'EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,x],1]]],1]],EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[EML[1,EML[EML[1,y],1]],1]],1]],1]',
    );
    expect(tree('Power[x,y]')).toBe(
      'EML[EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,y],1]]],1]],EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[EML[1,EML[EML[1,EML[1,EML[EML[1,x],1]]],1]],1]],1]],1],1]',
    );
  });
  it('primitive rules', () => {
    expect(printMathematica(P.sub(x, y))).toBe('EML[EML[1,EML[EML[1,x],1]],EML[y,1]]');
    expect(printMathematica(P.negV4(x))).toBe('EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[x,1]]');
    expect(printMathematica(P.paperKit().inv(x))).toBe(
      'EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[EML[1,EML[EML[1,x],1]],1]],1]',
    );
    expect(printMathematica(P.identity(x))).toBe('EML[1,EML[EML[1,EML[x,1]],1]]');
  });
  it('compact mode emits the docs/constructions.md#shortest-forms shortest forms', () => {
    expect(tree('x-y', 'compact')).toBe('EML[EML[1,EML[EML[1,x],1]],EML[y,1]]');
    expect(tree('-x', 'compact')).toBe('EML[EML[1,EML[1,EML[1,EML[EML[1,1],1]]]],EML[x,1]]');
    expect(tree('1/x', 'compact')).toBe('EML[EML[EML[1,EML[1,EML[1,EML[EML[1,1],1]]]],x],1]');
    expect(tree('x*y', 'compact')).toBe('EML[EML[1,EML[EML[EML[1,EML[EML[1,EML[1,x]],1]],y],1]],1]');
    expect(tree('x/y', 'compact')).toBe('EML[EML[EML[1,EML[EML[1,EML[1,y]],1]],EML[EML[1,x],1]],1]');
    expect(tree('x+y', 'compact')).toBe('EML[1,EML[EML[EML[1,EML[EML[1,EML[1,EML[x,1]]],1]],EML[y,1]],1]]');
    expect(tree('x^2', 'compact')).toBe('EML[EML[1,EML[EML[EML[1,EML[EML[1,EML[1,x]],1]],x],1]],1]');
    expect(tree('2', 'compact')).toBe('EML[1,EML[EML[EML[1,EML[EML[1,EML[1,EML[1,1]]],1]],EML[1,1]],1]]');
  });
});

describe('docs/constructions.md#reference-values compiled cases 21–28', () => {
  it('21–22: K of the basic items', () => {
    expect(['x+y', 'x*y', 'Power[x,y]', 'x-y', '-x'].map((s) => paper(s).k)).toEqual([27, 41, 49, 83, 57]);
    expect(['I', 'Pi', '1/2', 'GoldenRatio', 'Sqrt[x]', 'Sin[x]', 'ArcTan[x]'].map((s) => paper(s).k)).toEqual([
      131, 193, 91, 359, 139, 799, 659,
    ]);
  });
  it('23: compiled Pi is π', () => {
    const v = evaluate(paper('Pi').tree);
    expect(v.re).toBe(Math.PI);
    expect(Math.abs(v.im)).toBeLessThan(1e-14);
  });
  it('24: compiled I is −i in float64 (docs/semantics.md#branch-cut)', () => {
    const v = evaluate(paper('I').tree);
    expect(v.im).toBe(-1);
    expect(Math.abs(v.re)).toBeLessThan(1e-15);
  });
  it('25: compiled Sqrt[x] at 0 is 0', () => {
    expect(evaluate(paper('Sqrt[x]').tree, { x: 0 }).re).toBe(0);
    expect(evaluate(compile('Sqrt[x]').tree, { x: 0 }).re).toBe(0);
  });
  it('26: compiled x+y overflows at (1, 710)', () => {
    expect(evaluate(paper('x+y').tree, { x: 1, y: 710 }).re).toBe(Infinity);
  });
  it('27: compiled ArcSin[x] at −1 has the √ε error', () => {
    const err = Math.abs(evaluate(paper('ArcSin[x]').tree, { x: -1 }).re + Math.PI / 2);
    expect(err).toBeGreaterThan(1e-10);
    expect(err).toBeLessThan(1e-7);
  });
  it('28: compiled Power[x,y] at (2, 10)', () => {
    const r = paper('Power[x,y]');
    expect(r.k).toBe(49);
    expect(evaluate(r.tree, { x: 2, y: 10 }).re).toBeCloseTo(1024, 10);
  });
});

describe('rules table', () => {
  const sample = [0.37, 1.3];
  it('every rule: build matches its K formula, and its clean variant avoids −∞ constants', () => {
    for (const r of RULES) {
      const args = r.operands.length === 0 ? [] : r.operands.length === 1 ? [x] : [x, y];
      const ks = args.map(() => 1);
      expect(r.build(...args).k, r.id).toBe(r.k(...ks));
      if (r.clean) expect(r.clean.build(...args).k, `${r.id} clean`).toBe(r.clean.k(...ks));
      expect(r.formula.length).toBeGreaterThan(0);
      expect(r.latex.length).toBeGreaterThan(0);
    }
  });
  it('every structural rule computes its math value', () => {
    for (const r of RULES.filter((q) => q.operands.length > 0)) {
      const args = r.operands.length === 1 ? [x] : [x, y];
      const expect1 = compile(r.math.replace(/\b[ab]\b/g, (m) => (m === 'a' ? 'x' : 'y')).replace(/\bz\b/g, 'x'));
      for (const build of [r.build, ...(r.clean ? [r.clean.build] : [])]) {
        const got = evaluate(build(...args), { x: sample[0], y: sample[1] });
        const want = evaluate(expect1.tree, { x: sample[0], y: sample[1] });
        expect(got.re, r.id).toBeCloseTo(want.re, 12);
        expect(got.im, r.id).toBeCloseTo(want.im, 12);
      }
    }
  });
  it('compact constants have their values and K', () => {
    const values: Record<string, number> = {
      'e - 1': Math.E - 1,
      '-1': -1,
      '2': 2,
      '3': 3,
      '-2': -2,
      '1/2': 0.5,
      '-1/2': -0.5,
      '-oo': -Infinity,
    };
    for (const c of COMPACT_CONSTANTS) expect(evaluate(c.tree).re, c.id).toBeCloseTo(values[c.math], 14);
    expect(COMPACT_CONSTANTS.map((c) => c.tree.k)).toEqual([5, 15, 17, 19, 29, 27, 29, 31, 35, 31, 11]);
  });
  it('paper constants and the ln 0 semantics', () => {
    expect(P.NEG_INF.k).toBe(11);
    expect(evaluate(P.NEG_INF).re).toBe(-Infinity);
    expect(P.ZERO).toBe(P.ln(ONE));
  });
});

describe('beyond the paper', () => {
  it('abs(x) = √(x·x) is |x| on the real line, 0 included', () => {
    const t = compile('abs(x)').tree;
    for (let v = -8; v <= 8; v += 0.25) {
      const r = evaluate(t, { x: v });
      expect(Math.abs(r.re - Math.abs(v))).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(v)));
      expect(Math.abs(r.im)).toBeLessThan(1e-14);
    }
  });
  it('compact i is +i in float64 and π is exact', () => {
    expect(evaluate(compile('i').tree).im).toBeCloseTo(1, 15);
    expect(evaluate(compile('pi').tree).re).toBeCloseTo(Math.PI, 15);
  });
});

describe('refusals', () => {
  it('unsupported functions are refused with a clear message', () => {
    expect(() => compile('floor(x)')).toThrow(MathSyntaxError);
    expect(() => compile('floor(x)')).toThrow(/not supported/);
    expect(() => compile('abs(x)', { mode: 'paper' })).toThrow(CompileError);
    expect(compile('abs(x)').k).toBeGreaterThan(0);
    expect(() => compile('1/0')).toThrow(CompileError);
    expect(() => compile('ln(0)', { mode: 'paper' })).toThrow(CompileError);
  });
  it('every compiled tree is pure EML over its variables', () => {
    const r = compile('sin(x)^2 + hypot(x, y)/phi - 3/7');
    expect(r.variables).toEqual(['x', 'y']);
    expect(printMathematica(r.tree)).toMatch(/^[EML[\],1xy]+$/);
  });
});
