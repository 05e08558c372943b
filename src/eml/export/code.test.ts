import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eml, ONE, variable, type EmlNode } from '../ast.ts';
import { compile } from '../compiler/compile.ts';
import type { Complex } from '../evaluate/complex.ts';
import { trace } from '../evaluate/interpreter.ts';
import { parseEml } from '../syntax/index.ts';
import { generateJavaScript, generatePython } from './code.ts';

const X = variable('x');
const Y = variable('y');
const tree = (text: string) => parseEml(text).tree;

// docs/constructions.md#small-trees, verbatim.
const LN = tree('EML[1,EML[EML[1,x],1]]');
const MUL41 = tree(
  'EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,x],1]]],1]],EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[EML[1,EML[EML[1,y],1]],1]],1]],1]',
);
const MINUS_ONE17 = tree('EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[1,1]]');
const NEG17 = tree('EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[x,1]]');
const SUB11 = tree('EML[EML[1,EML[EML[1,x],1]],EML[y,1]]');
const POW49 = tree(
  'EML[EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,y],1]]],1]],EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[EML[1,EML[EML[1,EML[1,EML[EML[1,x],1]]],1]],1]],1]],1],1]',
);

type Fn = (...args: Array<number | Complex>) => Complex;
const loadJs = (t: EmlNode): Fn => new Function(`${generateJavaScript(t).source}\nreturn f;`)() as Fn;
const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
const variablesOf = (t: EmlNode) => generateJavaScript(t).variables;

/** Real points that hit the special cases: signed zeros, negatives (ln on the cut), overflow, tiny values. */
const POINTS = [
  0,
  -0,
  1,
  -1,
  2,
  -2.5,
  0.5,
  -0.125,
  3,
  1e-300,
  -1e-300,
  700,
  710,
  -745,
  1e308,
  Math.PI,
  Infinity,
  -Infinity,
  NaN,
];

function expectBitExact(t: EmlNode, f: Fn, env: Record<string, number | Complex>) {
  const vars = variablesOf(t);
  const got = f(...vars.map((v) => env[v]));
  const ref = trace(t, env, 'complex').value;
  expect(
    same(got.re, ref.re) && same(got.im, ref.im),
    `at ${JSON.stringify(env)}: ${got.re}+${got.im}i vs ${ref.re}+${ref.im}i`,
  ).toBe(true);
}

describe('generated JavaScript', () => {
  const named: Array<[string, EmlNode]> = [
    ['ln (K=7)', LN],
    ['x·y (K=41)', MUL41],
    ['−1 (K=17, through ln 0)', MINUS_ONE17],
    ['−x (K=17, through ln 0)', NEG17],
    ['x − y (K=11)', SUB11],
    ['x^y (K=49)', POW49],
    ['√x compact', compile('sqrt(x)').tree],
    ['x² paper', compile('x^2', { mode: 'paper' }).tree],
    ['1/x paper', compile('1/x', { mode: 'paper' }).tree],
    ['sin x paper', compile('sin(x)', { mode: 'paper' }).tree],
    ['hypot compact', compile('hypot(x, y)').tree],
    ['the leaf x', X],
    ['the leaf 1', ONE],
  ];
  for (const [name, t] of named) {
    it(`agrees bit for bit with the interpreter: ${name}`, () => {
      const f = loadJs(t);
      for (const x of POINTS) for (const y of [0, -0, -1, 2.5, 1e-300, -7]) expectBitExact(t, f, { x, y });
      // Complex arguments, including signed-zero imaginary parts on the cut.
      for (const z of [
        { re: -2, im: 0 },
        { re: -2, im: -0 },
        { re: 0.5, im: 1e-20 },
        { re: -0, im: -0 },
        { re: 3, im: -4 },
      ]) {
        expectBitExact(t, f, { x: z, y: { re: 1.5, im: -0 } });
      }
    });
  }

  it('agrees bit for bit on random trees (fast-check)', () => {
    const treeArb: fc.Arbitrary<EmlNode> = fc.letrec<{ t: EmlNode }>((tie) => ({
      t: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom<EmlNode>(ONE, X, Y),
        fc.tuple(tie('t'), tie('t')).map(([l, r]) => eml(l, r)),
      ),
    })).t;
    const pointArb = fc.constantFrom(...POINTS);
    fc.assert(
      fc.property(treeArb, fc.array(fc.tuple(pointArb, pointArb), { minLength: 1, maxLength: 12 }), (t, pts) => {
        const f = loadJs(t);
        for (const [x, y] of pts) expectBitExact(t, f, { x, y });
      }),
      { numRuns: 300 },
    );
  });

  it('on many points of the paper tan(x) (K=1183): bit-exact, and compact', () => {
    const t = compile('tan(x)', { mode: 'paper' }).tree;
    expect(t.k).toBe(1183);
    const g = generateJavaScript(t);
    // Every distinct node at most once; here far fewer temporaries than K.
    expect(g.temporaries).toBeLessThanOrEqual(g.distinctNodes);
    expect(g.temporaries).toBeLessThan(t.k / 10);
    expect(g.source.length).toBeLessThan(20_000);
    const f = loadJs(t);
    for (let i = 0; i <= 400; i++) expectBitExact(t, f, { x: -4 + (8 * i) / 400 });
    for (const x of [0, -0, -1e-300]) expectBitExact(t, f, { x });
  });

  it('makes shared subtrees temporaries, computed once', () => {
    // s = x·y is shared by both sides: one temporary, referenced twice.
    const s = MUL41;
    const t = eml(s, eml(s, ONE));
    const src = generateJavaScript(t, { maxInlineDepth: 100 }).source;
    const shared = src.split('\n').filter((l) => /const t\d+ = /.test(l));
    const defining = shared.find((l) => l.includes('eml(eml(eml(ONE'));
    expect(defining).toBeDefined();
    const name = /const (t\d+)/.exec(defining!)![1];
    expect(src.match(new RegExp(`\\b${name}\\b`, 'g'))!.length).toBe(3); // defined once, used twice
  });

  it('handles a 100 000-deep tree without recursion', () => {
    // identity x = EML[1,EML[EML[1,EML[x,1]],1]] (K=9, depth 4), nested 25 000 times.
    let t: EmlNode = X;
    for (let i = 0; i < 25_000; i++) t = eml(ONE, eml(eml(ONE, eml(t, ONE)), ONE));
    expect(t.depth).toBe(100_000);
    const g = generateJavaScript(t);
    const f = new Function(`${g.source}\nreturn f;`)() as Fn;
    expectBitExact(t, f, { x: 0.75 });
    expect(generatePython(t).source).toContain('def f(x):');
  }, 30_000); // ≈ 1 s alone; the default 5 s is not enough on a loaded 2-core machine

  it('renames variables that are keywords or helper names, and keeps the sorted order', () => {
    const t = eml(eml(variable('for'), variable('ONE')), eml(variable('t0'), variable('toComplex')));
    const g = generateJavaScript(t);
    expect(g.variables).toEqual(['ONE', 'for', 't0', 'toComplex']);
    expect(g.parameters).toEqual(['ONE_', 'for_', 't0', 'toComplex_']);
    const f = new Function(`${g.source}\nreturn f;`)() as Fn;
    const env = { ONE: 0.5, for: 2, t0: -1, toComplex: 3 };
    expectBitExact(t, f, env);
    expect(g.source).toMatch(/const t_\d+ = /); // temporaries avoid the variable t0
    const p = generatePython(eml(variable('lambda'), variable('np')));
    expect(p.parameters).toEqual(['lambda_', 'np_']);
  });

  it('keeps a hostile title inside the comment', () => {
    const g = generateJavaScript(LN, { title: 'x */ alert(1) /* \n evil' });
    expect(() => new Function(`${g.source}\nreturn f;`)()).not.toThrow();
    expect(g.source).not.toContain('*/ alert');
  });
});

const python = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
const hasNumpy = python.status === 0;

describe.skipIf(!hasNumpy)('generated Python/NumPy (run with python3)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eml-py-'));

  /** Runs f over arrays of x (and y) in one call; returns [re, im] per point. */
  /** Python float literals as strings (String(-0) would lose the sign). */
  const pyFloats = (v: number[]) => JSON.stringify(v.map((n) => (Object.is(n, -0) ? '-0.0' : String(n))));
  function runPython(t: EmlNode, xs: number[], ys: number[]): Array<[number, number]> {
    const g = generatePython(t, { title: 'test \\N{oops} """ */' });
    const file = join(dir, `tree_${t.id}.py`);
    writeFileSync(file, g.source);
    const args = g.variables.map((v) => (v === 'x' ? 'X' : 'Y')).join(', ');
    const driver = `
import importlib.util, json, sys
import numpy as np
spec = importlib.util.spec_from_file_location('tree', ${JSON.stringify(file)})
m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
X = np.array(${pyFloats(xs)}, dtype=float)
Y = np.array(${pyFloats(ys)}, dtype=float)
out = np.broadcast_to(m.f(${args}), X.shape)
print(json.dumps([[repr(float(z.real)), repr(float(z.imag))] for z in out]))
`;
    const text = execFileSync('python3', ['-c', driver], { encoding: 'utf8' });
    const num = (s: string) => (s === 'inf' ? Infinity : s === '-inf' ? -Infinity : s === 'nan' ? NaN : Number(s));
    return (JSON.parse(text) as Array<[string, string]>).map(([re, im]) => [num(re), num(im)]);
  }

  const close = (a: number, b: number) =>
    same(a, b) || (Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)));

  const xs = [-3, -1, -0.5, -0, 0, 1e-3, 0.5, 1, 2, 3.25, 10];
  const ys = [2, -1.5, 0.25, 3, -0, 4, 1, -2, 0.5, 7, -3];
  const cases: Array<[string, EmlNode]> = [
    ['ln x (K=7)', LN],
    ['x·y (K=41, from EML[...] text)', MUL41],
    ['−1 (K=17)', MINUS_ONE17],
    ['x^y (K=49)', POW49],
  ];
  for (const [name, t] of cases) {
    it(`agrees with the interpreter within 1e−12: ${name}`, () => {
      const got = runPython(t, xs, ys);
      xs.forEach((x, i) => {
        const ref = trace(t, { x, y: ys[i] }, 'complex').value;
        const [re, im] = got[i];
        expect(
          close(re, ref.re) && close(im, ref.im),
          `${name} at x=${Object.is(x, -0) ? '-0' : x}, y=${Object.is(ys[i], -0) ? '-0' : ys[i]}: ${re}+${im}i vs ${ref.re}+${ref.im}i`,
        ).toBe(true);
      });
    });
  }
});
