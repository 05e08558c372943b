/**
 * The acceptance cases of docs/constructions.md#reference-values that need no compiler (the compiled ones live with the compiler),
 * plus the docs/constructions.md#shortest-forms domain counts that separate the semantics. Each `it` names its case number.
 */
import { describe, expect, it } from 'vitest';
import { mapLeaves, topoOrder, variable, type EmlNode } from './ast.ts';
import { evaluate, EvaluationError, trace } from './evaluate/interpreter.ts';
import type { Semantics } from './evaluate/semantics.ts';
import { metrics } from './metrics.ts';
import { parseEml } from './syntax/index.ts';

const GAMMA = 0.5772156649015329;
const CATALAN = 0.915965594177219;
const tree = (text: string): EmlNode => parseEml(text).tree;
const re = (t: EmlNode, env: Record<string, number> = {}, s: Semantics = 'complex') => evaluate(t, env, s).re;
const close = (actual: number, expected: number, tol = 1e-12) =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(
    tol * Math.max(1, Math.abs(expected)),
  );

const T = {
  ln: 'EML[1,EML[EML[1,x],1]]',
  zero: 'EML[1,EML[EML[1,1],1]]',
  negOneInf: 'EML[EML[1,EML[1,EML[1,EML[EML[1,1],1]]]],EML[1,1]]',
  negOneNoInf: 'EML[EML[1,EML[EML[1,EML[1,EML[1,1]]],1]],EML[EML[1,1],1]]',
  negOneCompiled: 'EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[1,1]]',
  two: 'EML[1,EML[EML[EML[1,EML[EML[1,EML[1,EML[1,1]]],1]],EML[1,1]],1]]',
  half: 'EML[EML[1,EML[EML[1,1],EML[EML[EML[1,EML[1,EML[1,EML[EML[1,1],1]]]],EML[EML[EML[1,1],1],1]],1]]],1]',
  negHalf: 'EML[EML[1,EML[EML[1,1],EML[EML[EML[1,EML[1,EML[1,EML[EML[1,1],1]]]],EML[EML[EML[1,1],1],1]],1]]],EML[1,1]]',
  sub: 'EML[EML[1,EML[EML[1,x],1]],EML[y,1]]',
  mul17: 'EML[EML[x,EML[EML[EML[1,EML[EML[1,EML[x,y]],1]],x],1]],1]',
  add19: 'EML[1,EML[EML[EML[x,EML[EML[x,EML[1,EML[y,1]]],1]],EML[x,1]],1]]',
  pow25: 'EML[EML[EML[x,EML[EML[EML[1,EML[EML[1,EML[x,EML[1,EML[EML[1,y],1]]]],1]],x],1]],1],1]',
  log29: 'EML[EML[EML[1,EML[EML[1,EML[y,EML[1,EML[EML[1,y],1]]]],1]],EML[EML[y,EML[x,EML[EML[x,x],1]]],1]],1]',
  neg15: 'EML[EML[1,EML[1,EML[1,EML[EML[1,1],1]]]],EML[x,1]]',
  inv15: 'EML[EML[EML[1,EML[1,EML[1,EML[EML[1,1],1]]]],x],1]',
  identity: 'EML[1,EML[EML[1,EML[x,1]],1]]',
  addCompiled: 'EML[EML[1,EML[EML[1,x],1]],EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[y,1]],1]]',
  powCompiled:
    'EML[EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,y],1]]],1]],EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[EML[1,EML[EML[1,EML[1,EML[EML[1,x],1]]],1]],1]],1]],1],1]',
  half29: 'EML[EML[1,EML[EML[1,x],EML[EML[EML[1,EML[1,EML[1,EML[EML[1,1],1]]]],EML[EML[EML[1,x],1],1]],1]]],1]',
  depth4: 'EML[1,EML[EML[1,EML[x,y]],1]]',
  depth5: 'EML[1,EML[EML[1,EML[1,EML[x,y]]],1]]',
};

describe('docs/constructions.md#reference-values: values, K and depth', () => {
  it('#1 e = eml(1,1), K=3', () => {
    close(re(tree('EML[1,1]')), Math.E);
    expect(metrics(tree('EML[1,1]')).k).toBe(3);
  });
  it('#2 exp x at x=2 is e², K=3', () => close(re(tree('EML[x,1]'), { x: 2 }), 7.38905609893065));
  it('#3 ln x at x=2, K=7, depth 3', () => {
    close(re(tree(T.ln), { x: 2 }), 0.6931471805599453);
    expect(metrics(tree(T.ln))).toMatchObject({ k: 7, depth: 3 });
  });
  it('#4 ln x at x=−1 lands on the principal edge in floating point: 0 + iπ', () => {
    const z = evaluate(tree(T.ln), { x: -1 });
    close(z.re, 0);
    close(z.im, Math.PI);
  });
  it('#5 0 = ln 1 exactly, K=7', () => {
    const z = evaluate(tree(T.zero));
    expect(z.re).toBe(0);
    expect(z.im).toBe(0);
  });
  it('#6 −1 at K=15 needs ln 0 = −∞ and exp(−∞) = 0 (complex and extended-real), and is an error in finite-only', () => {
    const t = tree(T.negOneInf);
    expect(t.k).toBe(15);
    close(re(t), -1);
    close(re(t, {}, 'real-extended'), -1);
    expect(() => evaluate(t, {}, 'finite')).toThrow(EvaluationError);
    expect(() => evaluate(t, {}, 'finite')).toThrow(/ln 0/);
  });
  it('#7 −1 at K=17 with no infinity anywhere; the intermediates are e, e−1, e−ln(e−1), e^e/(e−1), ln(e−1), e^e', () => {
    const t = tree(T.negOneNoInf);
    expect(t.k).toBe(17);
    close(re(t, {}, 'finite'), -1);
    const values = [...trace(t, {}).nodes.values()].map((n) => n.value);
    expect(values.every((z) => Number.isFinite(z.re) && Number.isFinite(z.im))).toBe(true);
    const E = Math.E;
    for (const expected of [E, E - 1, E - Math.log(E - 1), E ** E / (E - 1), Math.log(E - 1), E ** E]) {
      expect(
        values.some((z) => Math.abs(z.re - expected) < 1e-12 * Math.abs(expected) && z.im === 0),
        `intermediate ${expected}`,
      ).toBe(true);
    }
  });
  it('#8 the v4 compiler’s −1 (K=17) is −1 and passes through +∞ and −∞', () => {
    const t = tree(T.negOneCompiled);
    expect(t.k).toBe(17);
    close(re(t), -1);
    const values = [...trace(t, {}).nodes.values()].map((n) => n.value.re);
    expect(values).toContain(Infinity);
    expect(values).toContain(-Infinity);
  });
  it('#9 2 at K=19, finite throughout', () => {
    expect(tree(T.two).k).toBe(19);
    close(re(tree(T.two), {}, 'finite'), 2);
  });
  it('#10 1/2 at K=29', () => {
    expect(tree(T.half).k).toBe(29);
    close(re(tree(T.half)), 0.5);
  });
  it('#11 the notebook’s "negtwo" (K=31) is −1/2', () => {
    expect(tree(T.negHalf).k).toBe(31);
    close(re(tree(T.negHalf)), -0.5);
  });
  it('#12 x − y at (γ, Catalan), K=11', () => {
    expect(tree(T.sub).k).toBe(11);
    close(re(tree(T.sub), { x: GAMMA, y: CATALAN }), -0.33874992927568615);
  });
  it('#13 the K=17 multiply: γ·Catalan and 2·3', () => {
    expect(tree(T.mul17).k).toBe(17);
    close(re(tree(T.mul17), { x: GAMMA, y: CATALAN }), 0.5287096894699309);
    close(re(tree(T.mul17), { x: 2, y: 3 }), 6);
  });
  it('#14 the K=17 multiply at (6.6, 2) silently returns 0, and the evaluator flags the overflow', () => {
    const t = trace(tree(T.mul17), { x: 6.6, y: 2 });
    expect(t.value.re).toBe(0);
    const flagged = [...t.nodes.values()].filter((n) => n.flags.includes('overflow'));
    expect(flagged.length).toBeGreaterThan(0);
    expect(() => evaluate(tree(T.mul17), { x: 6.6, y: 2 }, 'finite')).toThrow(/overflow/);
  });
  it('#15 the K=19 add at (γ, Catalan)', () => {
    expect(tree(T.add19).k).toBe(19);
    close(re(tree(T.add19), { x: GAMMA, y: CATALAN }), 1.493181259078752);
  });
  it('#16 the K=25 power is y^x', () => {
    expect(tree(T.pow25).k).toBe(25);
    close(re(tree(T.pow25), { x: GAMMA, y: CATALAN }), 0.950596157559895);
  });
  it('#17 the K=29 log is log base y of x', () => {
    expect(tree(T.log29).k).toBe(29);
    close(re(tree(T.log29), { x: 2, y: 3 }), 0.6309297535714589);
  });
  it('#18 −x at K=15', () => {
    expect(tree(T.neg15).k).toBe(15);
    close(re(tree(T.neg15), { x: 2.5 }), -2.5);
  });
  it('#19 1/x at K=15', () => {
    expect(tree(T.inv15).k).toBe(15);
    close(re(tree(T.inv15), { x: 4 }), 0.25);
  });
  it('#20 the identity ln(exp x), K=9', () => {
    expect(tree(T.identity).k).toBe(9);
    close(re(tree(T.identity), { x: 1.5 }), 1.5);
  });
  it('#26 the compiled x + y (K=27) overflows to +∞ at (1, 710) inside sub, and is exact at (1, 709)', () => {
    const t = tree(T.addCompiled);
    expect(t.k).toBe(27);
    expect(re(t, { x: 1, y: 710 })).toBe(Infinity);
    close(re(t, { x: 1, y: 709 }), 710);
    close(re(t, { x: 710, y: 1 }), 711);
  });
  it('#28 the compiled x^y (K=49) at (2, 10) is 1024.0000000000009', () => {
    const t = tree(T.powCompiled);
    expect(metrics(t)).toMatchObject({ k: 49, depth: 12 });
    close(re(t, { x: 2, y: 10 }), 1024.0000000000009);
  });
  it('#29 the eml_depth4 target at (2, 3): ln(e² − ln 3), depth 4, K=9', () => {
    const t = tree(T.depth4);
    expect(metrics(t)).toMatchObject({ k: 9, depth: 4 });
    close(re(t, { x: 2, y: 3 }), 1.8390316262936017);
  });
  it('#30 the eml_depth5 training grid keeps 378 of 441 points (|Im| < 1e−12 and a finite real part)', () => {
    const t = tree(T.depth5);
    let valid = 0;
    for (let i = 0; i <= 20; i++) {
      for (let j = 0; j <= 20; j++) {
        const z = evaluate(t, { x: 1 + i * 0.1, y: 1 + j * 0.1 });
        if (Number.isFinite(z.re) && Math.abs(z.im) < 1e-12) valid++;
      }
    }
    expect(valid).toBe(378);
  });
});

describe('signed zeros (docs/semantics.md#ln-0-and-signed-zeros)', () => {
  it('the compiled x^y at x = 0 (and −0) is a finite 0 because clog(−0 − 0i) = −∞ − iπ carries the sign', () => {
    const t = tree(T.powCompiled);
    for (const x of [0, -0]) {
      const tr = trace(t, { x, y: 2 });
      expect(tr.value.re).toBe(0);
      const usesSignedZero = topoOrder(t).some((n) => {
        if (n.kind !== 'eml') return false;
        const b = tr.nodes.get(n.right.id)!.value;
        const ln = tr.nodes.get(n.id)!.ln!;
        return Object.is(b.re, -0) && Object.is(b.im, -0) && ln.re === -Infinity && ln.im === -Math.PI;
      });
      expect(usesSignedZero).toBe(true);
    }
  });
});

describe('semantics differ where the paper says they do (docs/constructions.md#shortest-forms, domain check)', () => {
  const grid: number[] = [];
  for (let i = 0; i <= 32; i++) if (i !== 16) grid.push(-4 + i * 0.25);
  const countCorrect = (
    t: EmlNode,
    f: (x: number, y: number) => number,
    s: Semantics,
    domain = (_x: number, _y: number) => true,
  ) => {
    let n = 0;
    for (const x of grid) {
      for (const y of grid) {
        if (!domain(x, y)) continue;
        const z = trace(t, { x, y }, s).value;
        const ref = f(x, y);
        if (
          Number.isFinite(z.re) &&
          Math.abs(z.re - ref) <= 1e-9 * Math.max(1, Math.abs(ref)) &&
          Math.abs(z.im) <= 1e-9
        )
          n++;
      }
    }
    return n;
  };
  it.each([
    { name: 'x − y (K=11)', text: T.sub, f: (x: number, y: number) => x - y, complexCount: 1024, realCount: 512 },
    { name: 'x + y (K=19)', text: T.add19, f: (x: number, y: number) => x + y, complexCount: 1024, realCount: 832 },
    { name: 'x · y (K=17)', text: T.mul17, f: (x: number, y: number) => x * y, complexCount: 1024, realCount: 254 },
  ])(
    '$name: correct at $complexCount points in complex, $realCount in extended-real',
    ({ text, f, complexCount, realCount }) => {
      expect(countCorrect(tree(text), f, 'complex')).toBe(complexCount);
      expect(countCorrect(tree(text), f, 'real-extended')).toBe(realCount);
    },
  );
  it('x/2 (K=29): 1024 in complex, 512 in extended-real', () => {
    const half = tree(T.half29);
    expect(countCorrect(half, (x) => x / 2, 'complex')).toBe(1024);
    expect(countCorrect(half, (x) => x / 2, 'real-extended')).toBe(512);
  });
  it('y^x (K=25) for y > 0: 512 of 512 in complex, 208 in extended-real', () => {
    const pos = (_x: number, y: number) => y > 0;
    expect(countCorrect(tree(T.pow25), (x, y) => y ** x, 'complex', pos)).toBe(512);
    expect(countCorrect(tree(T.pow25), (x, y) => y ** x, 'real-extended', pos)).toBe(208);
  });
  it('variables other than x and y are ordinary leaves', () => {
    const t = mapLeaves(tree(T.sub), (l) => (l.kind === 'var' && l.name === 'x' ? variable('alpha') : l));
    close(re(t, { alpha: 5, y: 2 }), 3);
  });
});
