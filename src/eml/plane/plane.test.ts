import { describe, expect, it } from 'vitest';
import { eml, ONE, variable } from '../ast.ts';
import { compile } from '../compiler/compile.ts';
import { evaluate } from '../evaluate/interpreter.ts';
import { parseEml } from '../syntax/index.ts';
import { domainColour } from './colour.ts';
import { compilePlaneShader, glslFloat } from './glsl.ts';
import { preparePlane, PlaneProgramError } from './program.ts';
import { probePlane } from './probe.ts';
import { createRaster } from './raster.ts';
import { departureMask } from './departureMask.ts';
import { float32Resolves, parseWindow, pointAt, zoomWindow, DEFAULT_PLANE_WINDOW } from './window.ts';

const LN = parseEml('EML[1,EML[EML[1,x],1]]').tree;
const x = variable('x');

describe('the GLSL compiler', () => {
  it('emits one temporary per distinct variable-dependent node, children first, named n<i>', () => {
    const shared = eml(x, x);
    const tree = eml(eml(shared, shared), eml(shared, ONE));
    const program = preparePlane(tree);
    expect(program.steps.map((s) => s.node)).toEqual([shared, eml(shared, shared), eml(shared, ONE), tree]);
    const { fragment, temporaries } = compilePlaneShader(program);
    expect(temporaries).toBe(4);
    // The shared subtree is declared once and read by name three times.
    expect(fragment.match(/vec2 n0 = /g)).toHaveLength(1);
    expect(fragment).toContain('vec2 n1 = cexp(n0) - clog(n1b);');
    expect(fragment).toContain('vec2 n1b = n0;');
    expect(fragment).toMatch(/vec2 n2 = cexp\(n0\) - vec2\(0\.0+, 0\.0+\);/);
    expect(fragment).toContain('vec2 v = n3;');
    expect(fragment.startsWith('#version 300 es')).toBe(true);
    expect(fragment).toContain('fwidth(n1b.y)');
  });

  it('folds closed subtrees to float32 literals and the root of a constant tree', () => {
    const e = eml(ONE, ONE);
    const program = preparePlane(eml(e, x));
    expect(program.steps).toHaveLength(1);
    const { fragment } = compilePlaneShader(program);
    expect(fragment).toContain(`vec2 n0 = cexp(vec2(${glslFloat(Math.E)}, ${glslFloat(0)})) - clog(n0b);`);
    const constant = compilePlaneShader(preparePlane(e));
    expect(constant.temporaries).toBe(0);
    expect(constant.fragment).toContain(`vec2 v = vec2(${glslFloat(Math.E)}, ${glslFloat(0)});`);
  });

  it('writes literals GLSL reads, non-finite values by name', () => {
    expect(glslFloat(1)).toBe('1.00000000');
    expect(glslFloat(1e21)).toBe('1.00000000e21');
    expect(glslFloat(-Infinity)).toBe('(-INF_)');
    expect(glslFloat(NaN)).toBe('NAN_');
    expect(glslFloat(-0)).toBe('-0.0');
  });

  it('refuses variables other than x and y with a message naming them', () => {
    expect(() => preparePlane(eml(variable('t'), x))).toThrow(PlaneProgramError);
    expect(() => preparePlane(eml(variable('t'), x))).toThrow(/uses t/);
  });
});

describe('the float64 raster', () => {
  it('draws the evaluator’s values: its colour at a pixel is that of evaluate at the pixel centre', () => {
    const program = preparePlane(LN);
    const w = DEFAULT_PLANE_WINDOW;
    const raster = createRaster(program, {
      window: w,
      width: 16,
      height: 16,
      y: 0,
      overlays: { cut: false, fail: false },
    });
    raster.rows(16);
    const z = pointAt(w, 16, 16, 3, 5);
    const v = evaluate(LN, { x: z });
    expect(v.re).toBeCloseTo(Math.log(Math.hypot(z.re, z.im)), 12);
    const expected = new Uint8ClampedArray(4);
    domainColour(v.re, v.im, expected, 0);
    const p = (5 * 16 + 3) * 4;
    expect(raster.fail[5 * 16 + 3]).toBe(-1);
    expect(Array.from(raster.rgba.slice(p, p + 4))).toEqual(Array.from(expected));
  });

  it('marks the negative real axis of ln x as a cut, and nowhere else', () => {
    const program = preparePlane(LN);
    const size = 32;
    const raster = createRaster(program, {
      window: DEFAULT_PLANE_WINDOW,
      width: size,
      height: size,
      y: 0,
      overlays: { cut: true, fail: true },
    });
    raster.rows(size);
    const marked: Array<[number, number]> = [];
    for (let p = 0; p < size * size; p++) if (raster.cut[p] >= 0) marked.push([p % size, Math.floor(p / size)]);
    expect(marked.length).toBeGreaterThan(0);
    for (const [c, r] of marked) {
      const z = pointAt(DEFAULT_PLANE_WINDOW, size, size, c, r);
      expect(z.re).toBeLessThan(0);
      expect(Math.abs(z.im)).toBeLessThanOrEqual(8 / size);
    }
    // Every column left of 0 has a mark.
    expect(new Set(marked.map(([c]) => c)).size).toBe(size / 2);
  });
});

describe('the row-at-a-time raster', () => {
  it('gives every pixel the evaluator’s colour and the probe’s first failing node, y-only nodes included', () => {
    // robust sin(x)·x + y: nodes with closed sides, nodes of y alone (computed once per frame), ln 0 of y at y = 0.
    const tree = compile('sin(x)*x + y', { mode: 'robust' }).tree;
    const program = preparePlane(tree);
    const w = { reMin: -3, reMax: 5, imMin: -2, imMax: 6 };
    for (const y of [0.7, 0]) {
      const size = 12;
      const raster = createRaster(program, {
        window: w,
        width: size,
        height: size,
        y,
        overlays: { cut: false, fail: false },
      });
      raster.rows(size);
      const pixel = { re: 8 / size, im: 8 / size };
      for (let r = 0; r < size; r++)
        for (let c = 0; c < size; c++) {
          const z = pointAt(w, size, size, c, r);
          const v = evaluate(tree, { x: z, y });
          const expected = new Uint8ClampedArray(4);
          domainColour(v.re, v.im, expected, 0);
          const p = r * size + c;
          expect(Array.from(raster.rgba.slice(4 * p, 4 * p + 4))).toEqual(Array.from(expected));
          expect(raster.fail[p]).toBe(probePlane(program, z, y, pixel, null).fail?.step ?? -1);
        }
      // At y = 0 a node of y alone takes ln 0: every pixel fails there, at the same node.
      if (y === 0) expect(new Set(raster.fail)).toEqual(new Set([raster.fail[0]]));
      if (y === 0) expect(raster.fail[0]).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('the raster’s float64 values', () => {
  it('are the evaluator’s bit for bit, shared ln rows and overflowing windows included', () => {
    // Trees that take ln of the same node several times (x in sin(x)·x, x^3), cross cuts and overflow.
    const trees = [
      compile('sin(x)*x + y', { mode: 'robust' }).tree,
      compile('x^3 - x*y', { mode: 'shortest' }).tree,
      compile('x + y', { mode: 'shortest' }).tree,
      compile('sqrt(x)/x', { mode: 'paper' }).tree,
      LN,
    ];
    const windows = [DEFAULT_PLANE_WINDOW, { reMin: -800, reMax: 800, imMin: -30, imMax: 30 }];
    const size = 9;
    let shared = 0;
    for (const tree of trees) {
      const program = preparePlane(tree);
      const readers = program.steps.map((st) => (st.right.kind === 'step' ? st.right.index : st.right.kind));
      if (new Set(readers).size < readers.length) shared++;
      for (const w of windows)
        for (const y of [0.7, -2]) {
          const raster = createRaster(program, {
            window: w,
            width: size,
            height: size,
            y,
            overlays: { cut: true, fail: true },
            values: true,
          });
          raster.rows(size);
          for (let r = 0; r < size; r++)
            for (let c = 0; c < size; c++) {
              const v = evaluate(tree, { x: pointAt(w, size, size, c, r), y });
              const p = r * size + c;
              expect([raster.values![2 * p], raster.values![2 * p + 1]]).toEqual([v.re, v.im]);
              expect(Object.is(raster.values![2 * p], v.re) && Object.is(raster.values![2 * p + 1], v.im)).toBe(true);
            }
        }
    }
    // The shared-ln path was exercised (some tree takes ln of one node twice).
    expect(shared).toBeGreaterThan(0);
  });
});

describe('bands of the raster', () => {
  it('give, put together, exactly the whole picture (colours, failing nodes, cut marks)', () => {
    const program = preparePlane(compile('sqrt(x) + ln(x*y)', { mode: 'robust' }).tree);
    const base = { window: DEFAULT_PLANE_WINDOW, width: 24, height: 24, y: -2, overlays: { cut: true, fail: true } };
    const whole = createRaster(program, base);
    whole.rows(24);
    const bands = [
      [0, 7],
      [7, 13],
      [13, 24],
    ].map(([from, to]) => {
      const band = createRaster(program, { ...base, band: { from, to } });
      band.rows(to - from);
      return band;
    });
    const cat = (pick: (r: typeof whole) => ArrayLike<number>) => bands.flatMap((band) => Array.from(pick(band)));
    expect(cat((r) => r.rgba)).toEqual(Array.from(whole.rgba));
    expect(cat((r) => r.fail)).toEqual(Array.from(whole.fail));
    expect(cat((r) => r.cut)).toEqual(Array.from(whole.cut));
    expect(Array.from(whole.cut).some((v) => v >= 0)).toBe(true);
  });
});

describe('the probe', () => {
  it('names the node whose ln argument crosses the cut, with its path, and ln 0 at 0', () => {
    const program = preparePlane(LN);
    const pixel = { re: 0.1, im: 0.1 };
    const on = probePlane(program, { re: -2, im: -0.05 }, 0, pixel, null);
    expect(on.cut?.path).toBe('RL');
    expect(probePlane(program, { re: -2, im: 0.5 }, 0, pixel, null).cut).toBeNull();
    expect(probePlane(program, { re: 2, im: -0.05 }, 0, pixel, null).cut).toBeNull();
    const zero = probePlane(program, { re: 0, im: 0 }, 0, pixel, null);
    expect(zero.fail).toMatchObject({ step: 0, path: 'RL' });
    expect(zero.fail?.reason).toMatch(/ln 0/);
  });

  it('finds where compact x + y departs from x + y: |Im(x + y)| > π, not inside the strip', () => {
    const c = compile('x + y', { mode: 'shortest' });
    const program = preparePlane(c.tree);
    const reference = { math: c.math, variables: ['x', 'y'] };
    const pixel = { re: 0.01, im: 0.01 };
    expect(probePlane(program, { re: 0.5, im: 3.6 }, 3, pixel, reference).departs).not.toBeNull();
    expect(probePlane(program, { re: 0.5, im: 1 }, 3, pixel, reference).departs).toBeNull();
    const mask = departureMask(program, reference, DEFAULT_PLANE_WINDOW, 8, 8, 3);
    // Rows 0 (Im 3.5) and 7 (Im −3.5) depart; rows 2–5 (|Im| ≤ 1.5) do not.
    expect(Array.from(mask.cells.slice(0, 8)).some((v) => v === 1)).toBe(true);
    expect(Array.from(mask.cells.slice(16, 48)).every((v) => v === 0)).toBe(true);
  });
});

describe('the window', () => {
  it('validates its fields with messages naming them', () => {
    const ok = parseWindow({ reMin: '-4', reMax: '4', imMin: '−4', imMax: '4' });
    expect(ok).toEqual({ ok: true, window: DEFAULT_PLANE_WINDOW });
    const bad = parseWindow({ reMin: 'a', reMax: '4', imMin: '2', imMax: '1' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.reMin).toMatch(/Re from must be a number/);
    const crossed = parseWindow({ reMin: '0', reMax: '4', imMin: '2', imMax: '1' });
    if (!crossed.ok) expect(crossed.errors.imMin).toMatch(/less than Im to/);
  });

  it('zooms about a point and says when float32 no longer resolves the pixels', () => {
    const w = zoomWindow(DEFAULT_PLANE_WINDOW, 0.5, 0.75, 0.25);
    expect(w).toEqual({ reMin: -1, reMax: 3, imMin: -1, imMax: 3 });
    expect(float32Resolves(DEFAULT_PLANE_WINDOW, 512, 512)).toBe(true);
    const tiny = { reMin: 1, reMax: 1 + 1e-6, imMin: 0, imMax: 1e-6 };
    expect(float32Resolves(tiny, 512, 512)).toBe(false);
  });
});
