/**
 * The float64 raster's inner loop: one eml node, exp(a) − ln(b), over a whole row of pixels held in Float64Arrays.
 * Per pixel it applies the rules raster.ts states (first failing node, first cut crossing) exactly as a per-pixel
 * evaluation would, and its values are complex.ts's bit for bit:
 * - exp is inlined for the common case (finite operand, non-zero imaginary part, no exponent split) with the very
 *   operations of expInto, which handles every other case;
 * - ln is inlined for a finite argument with logInto's operations (atan2 for the argument, complex.ts's logAbs for
 *   the modulus, whose exact squares near |z| = 1 are not repeated here); logInto handles ±∞ and NaN. Calling
 *   logInto per pixel (writing its result object and re-testing NaN) cost about a fifth of the frame.
 * - A row slot read as the ln side of several nodes (compiled trees take ln x in many places) has its ln computed
 *   by the first of them into a row of its own and read by the others: atan2 and log1p are most of a frame's time.
 */
import { expInto, logAbs, logInto } from '../evaluate/complex.ts';

/** complex.ts: below this |Im|, cos rounds to 1 and sin to the angle itself. */
const TINY_ANGLE = 2 ** -27;
/** complex.ts: above this real part, expInto splits the exponent; such operands take its path. */
const EXP_SPLIT = 709;

/** One side of a node: a row slot (≥ 0), or (slot −1) its exp / ln already taken, the same at every pixel. */
export interface Side {
  slot: number;
  re: number;
  im: number;
  /** For a side constant over the picture: its operand is finite (a closed left side counts as finite). */
  ok: boolean;
}

export interface RightSide extends Side {
  /**
   * A right side constant over the picture: its operand is 0 (ln 0 fails at every pixel) / lies on the negative
   * real axis (a cut at every pixel). Both false for a closed side, folded to its log at compile time.
   */
  ln0: boolean;
  onCut: boolean;
  /**
   * For a row slot read as the ln side of more than one node: the ln row that holds its logarithm, and whether this
   * node (the first reader in evaluation order) computes it; null when only this node takes that ln.
   */
  shared: { row: number; fill: boolean } | null;
}

export interface RowStep {
  /** The step number (node n<step> of the shader), as failing nodes and cuts are reported. */
  step: number;
  /** The row slot its values go to. */
  out: number;
  left: Side;
  right: RightSide;
}

export interface RowBuffers {
  re: Float64Array[];
  im: Float64Array[];
  /** The previous row's values per slot, read by the cut test when hasUp. */
  upRe: Float64Array[];
  upIm: Float64Array[];
  hasUp: boolean;
  /** Logarithms of the slots that several nodes take ln of (RightSide.shared), this row's. */
  lnRe: Float64Array[];
  lnIm: Float64Array[];
  /** The row's first failing step and first cut crossing per pixel (−1: none yet). */
  fail: Int32Array;
  cut: Int32Array;
}

const e = { re: 0, im: 0 };
const l = { re: 0, im: 0 };

/** An ln argument beside this one (left or up) lies on the other side of the negative real axis. */
const across = (re: number, im: number, sign: number) =>
  Number.isFinite(re) && Number.isFinite(im) && re < 0 && Math.sign(im) !== sign;

export function evaluateRowStep(step: RowStep, b: RowBuffers, width: number): void {
  const { left, right, step: s } = step;
  const aRe = left.slot >= 0 ? b.re[left.slot] : null;
  const aIm = left.slot >= 0 ? b.im[left.slot] : null;
  const bRe = right.slot >= 0 ? b.re[right.slot] : null;
  const bIm = right.slot >= 0 ? b.im[right.slot] : null;
  const upRe = right.slot >= 0 && b.hasUp ? b.upRe[right.slot] : null;
  const upIm = right.slot >= 0 ? b.upIm[right.slot] : null;
  const lnRe = right.shared ? b.lnRe[right.shared.row] : null;
  const lnIm = right.shared ? b.lnIm[right.shared.row] : null;
  // Read the shared ln row (another node filled it this row) rather than take the logarithm again.
  const readLn = right.shared !== null && !right.shared.fill;
  const vRe = b.re[step.out];
  const vIm = b.im[step.out];
  const { fail, cut } = b;
  for (let c = 0; c < width; c++) {
    let er = left.re;
    let ei = left.im;
    let aOk = left.ok;
    if (aRe !== null) {
      const ar = aRe[c];
      const ai = aIm![c];
      aOk = Number.isFinite(ar) && Number.isFinite(ai);
      if (aOk && ai !== 0 && ar <= EXP_SPLIT) {
        const tiny = ai < TINY_ANGLE && ai > -TINY_ANGLE;
        const x = Math.exp(ar);
        er = x * (tiny ? 1 : Math.cos(ai));
        ei = x * (tiny ? ai : Math.sin(ai));
      } else {
        expInto(ar, ai, e);
        er = e.re;
        ei = e.im;
      }
    }
    let lr = right.re;
    let li = right.im;
    let bOk = right.ok;
    let failed = right.ln0;
    if (right.onCut && cut[c] < 0) cut[c] = s;
    if (bRe !== null) {
      const br = bRe[c];
      const bi = bIm![c];
      bOk = Number.isFinite(br) && Number.isFinite(bi);
      failed = br === 0 && bi === 0;
      if (readLn) {
        lr = lnRe![c];
        li = lnIm![c];
      } else {
        if (bOk) {
          // logInto for a finite argument: the same atan2 and logAbs, ln 0 = −∞.
          li = Math.atan2(bi, br);
          lr = failed ? -Infinity : logAbs(br, bi);
        } else {
          logInto(br, bi, l);
          lr = l.re;
          li = l.im;
        }
        if (lnRe !== null) {
          lnRe[c] = lr;
          lnIm![c] = li;
        }
      }
      if (cut[c] < 0 && br < 0 && bOk) {
        const sign = Math.sign(bi);
        if (
          sign === 0 ||
          (c > 0 && across(bRe[c - 1], bIm![c - 1], sign)) ||
          (upRe !== null && across(upRe[c], upIm![c], sign))
        )
          cut[c] = s;
      }
    }
    const vr = er - lr;
    const vi = ei - li;
    vRe[c] = vr;
    vIm[c] = vi;
    if (fail[c] < 0 && (failed || (!(Number.isFinite(vr) && Number.isFinite(vi)) && aOk && bOk))) fail[c] = s;
  }
}
