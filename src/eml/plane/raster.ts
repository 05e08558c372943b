/**
 * The complex-plane view's float64 path: the same program as the shader (program.ts), evaluated with the
 * evaluator's own complex exp/log (C99 rules), coloured with the same formulas (colour.ts). It runs in a worker,
 * a band of rows at a time so that the worker can report progress and notice a cancel between bands.
 *
 * Pixel centres match the shader's gl_FragCoord: column i is at re = reMin + (i + ½)/width·(reMax − reMin), and image
 * row r (top first) at im = imMax − (r + ½)/height·(imMax − imMin), computed by window.ts's pointAt so that the
 * probe (hover) evaluates the very point a pixel was drawn at.
 *
 * A branch cut is marked where a node's ln argument lies on the negative real axis between this pixel and its left
 * or upper neighbour (its imaginary part changes sign, or is 0, while its real part is negative): the float64
 * counterpart of the shader's |Im b| ≤ fwidth(Im b).
 *
 * Speed (a 512×512 frame of a K ≈ 300 tree should take well under a second): a row is evaluated node by node, each
 * node over the whole row in Float64Arrays (rasterKernel.ts), rather than the program per pixel. What does not vary
 * over the picture is computed once per frame: exp of a closed left side, ln of a closed right side, and every node
 * that depends on the slider variable y only, and a node's ln taken by several nodes is computed once per pixel. The
 * values are those of the per-pixel evaluation, bit for bit: the same exp/log on the same operands (plane.test.ts
 * compares values, colours, failing nodes and cut marks with the evaluator). The page splits a picture into bands
 * of rows, one per worker (workers/clients/planeClient.ts).
 */
import { expInto, logInto, type Complex } from '../evaluate/complex.ts';
import { domainColour, OVERLAY_COLOURS } from './colour.ts';
import type { Operand, PlaneProgram } from './program.ts';
import { pointAt } from './window.ts';
import { evaluateRowStep, type RowBuffers, type RowStep, type Side } from './rasterKernel.ts';

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
  /** Also keep every pixel's float64 value (re, im pairs) in `values`: the tests compare them with the evaluator. */
  values?: boolean;
}

export interface Raster {
  readonly rgba: Uint8ClampedArray;
  /** Per pixel: the first failing step (ln 0 or a non-finite value from finite inputs), or −1. */
  readonly fail: Int32Array;
  /** Per pixel: the first step whose ln argument crosses the negative real axis here, or −1. */
  readonly cut: Int32Array;
  /** Per pixel, re then im of f, when asked for (RasterOptions.values); else null. */
  readonly values: Float64Array | null;
  /** Rows of the band (or picture) done so far, counted from its top. */
  rowsDone: number;
  /** Computes rows [rowsDone, until) and returns the new rowsDone. */
  rows(until: number): number;
}

const finite = (re: number, im: number) => Number.isFinite(re) && Number.isFinite(im);

/**
 * The steps split into those constant over the picture (they read only y and constants: evaluated here, once) and
 * those that vary with x (evaluated per row). Row slot 0 holds x; a varying step's value is in its own slot.
 */
function plan(program: PlaneProgram, y: number) {
  const n = program.steps.length;
  const slot = new Int32Array(n).fill(-1);
  const value: Complex[] = [];
  const varying: RowStep[] = [];
  let uniformFail = -1;
  let uniformCut = -1;
  /** An operand as read by a step: a row slot, or its value for the whole picture. */
  const read = (o: Operand): { slot: number; value: Complex } => {
    if (o.kind === 'x') return { slot: 0, value: { re: NaN, im: NaN } };
    if (o.kind === 'y') return { slot: -1, value: { re: y, im: 0 } };
    if (o.kind === 'const') return { slot: -1, value: o.value };
    return { slot: slot[o.index], value: value[o.index] };
  };
  program.steps.forEach((step, s) => {
    const a = read(step.left);
    const b = read(step.right);
    const closedRight = step.right.kind === 'const';
    // A closed ln side is folded to its log once, as the shader does; it can neither fail nor cross the cut.
    const l = logInto(b.value.re, b.value.im, { re: 0, im: 0 });
    const rightOk = closedRight || finite(b.value.re, b.value.im);
    const ln0 = !closedRight && b.value.re === 0 && b.value.im === 0;
    const onCut = !closedRight && b.value.re < 0 && rightOk && Math.sign(b.value.im) === 0;
    const left: Side = { slot: a.slot, ...expInto(a.value.re, a.value.im, { re: 0, im: 0 }), ok: true };
    left.ok = step.left.kind === 'const' || finite(a.value.re, a.value.im);
    if (a.slot < 0 && b.slot < 0) {
      // Constant over the picture: its failure or cut (the same at every pixel) is applied to every pixel.
      const v = { re: left.re - l.re, im: left.im - l.im };
      value[s] = v;
      if (uniformFail < 0 && (ln0 || (!finite(v.re, v.im) && left.ok && rightOk))) uniformFail = s;
      if (uniformCut < 0 && onCut) uniformCut = s;
      return;
    }
    slot[s] = varying.length + 1;
    value[s] = { re: NaN, im: NaN };
    varying.push({
      step: s,
      out: slot[s],
      left,
      right: { slot: b.slot, re: l.re, im: l.im, ok: rightOk, ln0, onCut, shared: null },
    });
  });
  return {
    varying,
    slots: varying.length + 1,
    lnRows: shareLogs(varying),
    uniformFail,
    uniformCut,
    result: read(program.result),
  };
}

/**
 * Gives every row slot that more than one step takes ln of an ln row, filled by its first reader; returns how many
 * ln rows there are.
 */
function shareLogs(varying: RowStep[]): number {
  const readers = new Map<number, RowStep[]>();
  for (const step of varying) {
    if (step.right.slot < 0) continue;
    const list = readers.get(step.right.slot);
    if (list) list.push(step);
    else readers.set(step.right.slot, [step]);
  }
  let rows = 0;
  for (const list of readers.values()) {
    if (list.length < 2) continue;
    list.forEach((step, k) => (step.right.shared = { row: rows, fill: k === 0 }));
    rows++;
  }
  return rows;
}

export function createRaster(program: PlaneProgram, options: RasterOptions): Raster {
  const { width, height, window: w, y } = options;
  const { varying, slots, lnRows, uniformFail, uniformCut, result } = plan(program, y);
  const from = options.band?.from ?? 0;
  const rowsInBand = (options.band?.to ?? height) - from;
  const rgba = new Uint8ClampedArray(width * rowsInBand * 4);
  const fail = new Int32Array(width * rowsInBand).fill(-1);
  const cut = new Int32Array(width * rowsInBand).fill(-1);
  const rowArrays = (length = slots) => Array.from({ length }, () => new Float64Array(width));
  // This row's values per slot, and the previous row's (the upper neighbours of the cut test); swapped per row.
  const buffers: RowBuffers = {
    re: rowArrays(),
    im: rowArrays(),
    upRe: rowArrays(),
    upIm: rowArrays(),
    hasUp: false,
    lnRe: rowArrays(lnRows),
    lnIm: rowArrays(lnRows),
    fail: new Int32Array(width),
    cut: new Int32Array(width),
  };
  // Pixel centres exactly as pointAt gives them, so that hovering a pixel evaluates the very x it was drawn at.
  const xRe = Float64Array.from({ length: width }, (_, c) => pointAt(w, width, height, c, 0).re);

  const values = options.values ? new Float64Array(2 * width * rowsInBand) : null;
  const raster: Raster = {
    rgba,
    fail,
    cut,
    values,
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
    const b = buffers;
    [b.re, b.upRe] = [b.upRe, b.re];
    [b.im, b.upIm] = [b.upIm, b.im];
    const zi = pointAt(w, width, height, 0, g).im;
    b.re[0].set(xRe);
    b.im[0].fill(zi);
    b.fail = out < 0 ? b.fail : fail.subarray(out * width, (out + 1) * width);
    b.cut = out < 0 ? b.cut : cut.subarray(out * width, (out + 1) * width);
    b.fail.fill(-1);
    b.cut.fill(-1);
    for (const step of varying) evaluateRowStep(step, b, width);
    b.hasUp = true;
    if (out < 0) return;
    const rowRe = result.slot >= 0 ? b.re[result.slot] : null;
    const rowIm = result.slot >= 0 ? b.im[result.slot] : null;
    for (let c = 0; c < width; c++) {
      const p = out * width + c;
      // A node constant over the picture comes before the varying ones it feeds, so a smaller step number wins.
      if (uniformFail >= 0 && (fail[p] < 0 || uniformFail < fail[p])) fail[p] = uniformFail;
      if (uniformCut >= 0 && (cut[p] < 0 || uniformCut < cut[p])) cut[p] = uniformCut;
      const re = rowRe ? rowRe[c] : result.value.re;
      const im = rowIm ? rowIm[c] : result.value.im;
      if (values) {
        values[2 * p] = re;
        values[2 * p + 1] = im;
      }
      paint(
        rgba,
        p,
        re,
        im,
        options.overlays.fail && fail[p] >= 0,
        options.overlays.cut && cut[p] >= 0,
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
