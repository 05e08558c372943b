/**
 * The complex-plane view's float64 path: the same program as the shader (program.ts), evaluated per pixel with the
 * evaluator's own complex exp/log (C99 rules), coloured with the same formulas (colour.ts). It runs in a worker,
 * a band of rows at a time so that the worker can report progress and notice a cancel between bands.
 *
 * Pixel centres match the shader's gl_FragCoord: column i is at re = reMin + (i + ½)/width·(reMax − reMin), and image
 * row r (top first) at im = imMax − (r + ½)/height·(imMax − imMin).
 *
 * A branch cut is marked where a node's ln argument lies on the negative real axis between this pixel and its left
 * or upper neighbour (its imaginary part changes sign, or is 0, while its real part is negative): the float64
 * counterpart of the shader's |Im b| ≤ fwidth(Im b).
 */
import { expInto, logInto } from '../evaluate/complex.ts';
import { domainColour, OVERLAY_COLOURS } from './colour.ts';
import type { Operand, PlaneProgram } from './program.ts';

export interface PlaneWindow {
  reMin: number;
  reMax: number;
  imMin: number;
  imMax: number;
}

export interface RasterOptions {
  window: PlaneWindow;
  width: number;
  height: number;
  /** The slider variable's (real) value. */
  y: number;
  overlays: { cut: boolean; fail: boolean };
  /**
   * Only rows [from, to) of the picture (top first), so that several workers can share one picture; the arrays
   * then hold just those rows. The row above `from` is evaluated first (not painted) for the cut test.
   */
  band?: { from: number; to: number };
}

export interface Raster {
  readonly rgba: Uint8ClampedArray;
  /** Per pixel: the first failing step (ln 0 or a non-finite value from finite inputs), or −1. */
  readonly fail: Int32Array;
  /** Per pixel: the first step whose ln argument crosses the negative real axis here, or −1. */
  readonly cut: Int32Array;
  /** Rows of the band (or picture) done so far, counted from its top. */
  rowsDone: number;
  /** Computes rows [rowsDone, until) and returns the new rowsDone. */
  rows(until: number): number;
}

const X = 0;
const Y = 1;
const STEP = 2;
const CONST = 3;

/** Operands as flat arrays, so the per-pixel loop reads numbers and allocates nothing. */
function flatten(program: PlaneProgram) {
  const n = program.steps.length;
  const kind = new Uint8Array(2 * n);
  const index = new Int32Array(2 * n);
  const cre = new Float64Array(2 * n);
  const cim = new Float64Array(2 * n);
  const set = (slot: number, o: Operand, lnOfConst: boolean) => {
    if (o.kind === 'x') kind[slot] = X;
    else if (o.kind === 'y') kind[slot] = Y;
    else if (o.kind === 'step') {
      kind[slot] = STEP;
      index[slot] = o.index;
    } else {
      kind[slot] = CONST;
      // A closed ln side is folded to its log once, as the shader does.
      const v = lnOfConst ? logInto(o.value.re, o.value.im, { re: 0, im: 0 }) : o.value;
      cre[slot] = v.re;
      cim[slot] = v.im;
    }
  };
  program.steps.forEach((s, i) => {
    set(2 * i, s.left, false);
    set(2 * i + 1, s.right, true);
  });
  return { n, kind, index, cre, cim };
}

export function createRaster(program: PlaneProgram, options: RasterOptions): Raster {
  const { width, height, window: w, y } = options;
  const { n, kind, index, cre, cim } = flatten(program);
  const from = options.band?.from ?? 0;
  const rowsInBand = (options.band?.to ?? height) - from;
  const rgba = new Uint8ClampedArray(width * rowsInBand * 4);
  const fail = new Int32Array(width * rowsInBand).fill(-1);
  const cut = new Int32Array(width * rowsInBand).fill(-1);
  const vre = new Float64Array(n);
  const vim = new Float64Array(n);
  // The ln arguments of the previous row and of the pixel to the left, per step, for the cut test.
  const upRe = new Float64Array(n * width).fill(NaN);
  const upIm = new Float64Array(n * width);
  const leftRe = new Float64Array(n).fill(NaN);
  const leftIm = new Float64Array(n);
  const e = { re: 0, im: 0 };
  const l = { re: 0, im: 0 };
  const result = program.result;
  const resultKind = result.kind;
  const resultIndex = result.kind === 'step' ? result.index : -1;
  const resultConst = result.kind === 'const' ? result.value : null;
  const dx = (w.reMax - w.reMin) / width;
  const dy = (w.imMax - w.imMin) / height;

  const raster: Raster = {
    rgba,
    fail,
    cut,
    rowsDone: 0,
    rows(until) {
      const last = Math.min(until, rowsInBand);
      if (raster.rowsDone === 0 && from > 0) row(from - 1, -1);
      for (let r = raster.rowsDone; r < last; r++) row(from + r, r);
      raster.rowsDone = last;
      return last;
    },
  };

  /** Evaluates picture row g (top first) and writes it as row `out` of the arrays; out −1 only fills the cut state. */
  function row(g: number, out: number) {
    const zi = w.imMax - (g + 0.5) * dy;
    leftRe.fill(NaN);
    for (let c = 0; c < width; c++) {
      const zr = w.reMin + (c + 0.5) * dx;
      let firstFail = -1;
      let firstCut = -1;
      for (let s = 0; s < n; s++) {
        const ka = kind[2 * s];
        const ia = index[2 * s];
        const ar = ka === X ? zr : ka === Y ? y : ka === STEP ? vre[ia] : cre[2 * s];
        const ai = ka === X ? zi : ka === Y ? 0 : ka === STEP ? vim[ia] : cim[2 * s];
        expInto(ar, ai, e);
        const kb = kind[2 * s + 1];
        let bFinite = true;
        if (kb === CONST) {
          l.re = cre[2 * s + 1];
          l.im = cim[2 * s + 1];
        } else {
          const ib = index[2 * s + 1];
          const br = kb === X ? zr : kb === Y ? y : vre[ib];
          const bi = kb === X ? zi : kb === Y ? 0 : vim[ib];
          logInto(br, bi, l);
          bFinite = Number.isFinite(br) && Number.isFinite(bi);
          if (firstFail < 0 && br === 0 && bi === 0) firstFail = s;
          if (firstCut < 0 && br < 0 && bFinite) {
            const sg = Math.sign(bi);
            const slot = s * width + c;
            if (
              sg === 0 ||
              (leftRe[s] < 0 && Math.sign(leftIm[s]) !== sg) ||
              (upRe[slot] < 0 && Math.sign(upIm[slot]) !== sg)
            )
              firstCut = s;
          }
          leftRe[s] = bFinite ? br : NaN;
          leftIm[s] = bi;
          upRe[s * width + c] = bFinite ? br : NaN;
          upIm[s * width + c] = bi;
        }
        const vr = e.re - l.re;
        const vi = e.im - l.im;
        vre[s] = vr;
        vim[s] = vi;
        if (
          firstFail < 0 &&
          !(Number.isFinite(vr) && Number.isFinite(vi)) &&
          (ka === CONST || (Number.isFinite(ar) && Number.isFinite(ai))) &&
          bFinite
        )
          firstFail = s;
      }
      if (out < 0) continue;
      const p = out * width + c;
      fail[p] = firstFail;
      cut[p] = firstCut;
      const fr =
        resultKind === 'step' ? vre[resultIndex] : resultKind === 'x' ? zr : resultKind === 'y' ? y : resultConst!.re;
      const fi =
        resultKind === 'step' ? vim[resultIndex] : resultKind === 'x' ? zi : resultKind === 'y' ? 0 : resultConst!.im;
      paint(
        rgba,
        p,
        fr,
        fi,
        options.overlays.fail && firstFail >= 0,
        options.overlays.cut && firstCut >= 0,
        c,
        height - 1 - g,
      );
    }
  }
  return raster;
}

/** One pixel's colour: domain colouring, then the fail checkerboard (4-pixel cells, as the shader), then the cut. */
function paint(
  rgba: Uint8ClampedArray,
  p: number,
  re: number,
  im: number,
  failed: boolean,
  cut: boolean,
  i: number,
  j: number,
) {
  const o = 4 * p;
  if (cut) {
    rgba.set(OVERLAY_COLOURS.cut, o);
    rgba[o + 3] = 255;
  } else if (failed) {
    const light = (Math.floor(i / 4) + Math.floor(j / 4)) % 2 === 0;
    rgba.set(light ? OVERLAY_COLOURS.failLight : OVERLAY_COLOURS.failDark, o);
    rgba[o + 3] = 255;
  } else domainColour(re, im, rgba, o);
}
