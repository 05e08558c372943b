/**
 * A NativeTree's nodes in complex arithmetic: the general path every node takes when an input is complex or a
 * logarithm's argument is not positive (nativeTree.ts has the real fast path). Reverse mode of out = exp(a) − log(b),
 * upstream gradient (gR, gI) = (∂L/∂out.re, ∂L/∂out.im):
 *   ∂a.re = gR·Re e^a + gI·Im e^a,   ∂a.im = gI·Re e^a − gR·Im e^a,
 *   ∂b.re = (−gR·b.re + gI·b.im)/|b|²,   ∂b.im = (−gR·b.im − gI·b.re)/|b|²,
 * and through a blend a = (s + (1−s)c.re, (1−s)c.im): ∂s = ∂a.re(1 − c.re) − ∂a.im·c.im, ∂c = (1−s)∂a.
 * The per-node scrub (NaN → 0, ±∞ → ±clamp, then clamp) passes no gradient where it changed the value, as torch's
 * nan_to_num/clamp do.
 */
import { logInto, type Complex } from '../eml/evaluate/complex.ts';
import { BYPASS_THR, type TreeShape } from './model.ts';

/** The tree's rows (each of st ≥ n points, row r at r·st) and settings, shared with its NativeTree. */
export interface NodeRows {
  readonly shape: TreeShape;
  readonly n: number;
  readonly st: number;
  readonly vre: Float64Array;
  readonly vim: Float64Array;
  readonly ere: Float64Array;
  readonly eim: Float64Array;
  readonly gre: Float64Array;
  readonly gim: Float64Array;
  /** Per node and point: bit 0 set when the real part was kept by the scrub, bit 1 the imaginary part. */
  readonly ok: Uint8Array;
  /** Gate values s (2 per node) and their gradient sums. */
  readonly s: Float64Array;
  readonly gs: Float64Array;
  readonly clamp: number;
  readonly interThreshold: number;
}

const scratch: Complex = { re: 0, im: 0 };

/** Node j in complex arithmetic (any inputs); returns its overflow-penalty sum (0 unless withInter). */
export function forwardComplexNode(rows: NodeRows, j: number, withInter: boolean): number {
  const { shape, n, st, vre, vim, ere, eim, ok, s } = rows;
  const C = rows.clamp;
  const thr = rows.interThreshold;
  const sc = scratch;
  const sL = s[2 * j];
  const sR = s[2 * j + 1];
  const byL = sL > BYPASS_THR;
  const byR = sR > BYPASS_THR;
  const cl = shape.childL[j] * st;
  const cr = shape.childR[j] * st;
  const o = (shape.nLeaves + j) * st;
  const e = j * st;
  const uL = 1 - sL;
  const uR = 1 - sR;
  let lvl = 0;
  for (let p = 0; p < n; p++) {
    const ar = byL ? 1 : sL + uL * vre[cl + p];
    const ai = byL ? 0 : uL * vim[cl + p];
    const br = byR ? 1 : sR + uR * vre[cr + p];
    const bi = byR ? 0 : uR * vim[cr + p];
    let er: number;
    let ei: number;
    if (ai === 0) {
      er = Math.exp(ar);
      ei = ai;
    } else {
      const E = Math.exp(ar);
      er = E * Math.cos(ai);
      ei = E * Math.sin(ai);
    }
    let lr: number;
    let li: number;
    if (bi === 0 && br > 0) {
      lr = Math.log(br);
      li = bi;
    } else {
      const rho = br * br + bi * bi;
      if (rho > 1e-300 && rho < 1e300) lr = 0.5 * Math.log(rho);
      else lr = logInto(br, bi, sc).re;
      li = Math.atan2(bi, br);
    }
    let re = er - lr;
    let im = ei - li;
    let m = 3;
    if (!(re >= -C && re <= C)) {
      m &= 2;
      re = re !== re ? 0 : re > 0 ? C : -C;
    }
    if (!(im >= -C && im <= C)) {
      m &= 1;
      im = im !== im ? 0 : im > 0 ? C : -C;
    }
    vre[o + p] = re;
    vim[o + p] = im;
    ere[e + p] = er;
    eim[e + p] = ei;
    ok[e + p] = m;
    if (withInter) {
      const mag = Math.sqrt(re * re + im * im);
      if (mag > thr) lvl += (mag - thr) * (mag - thr);
    }
  }
  return lvl;
}

/** Reverse mode through node j in complex arithmetic (the module comment's formulas). */
export function backwardComplexNode(rows: NodeRows, j: number, kInter: number): void {
  const { shape, n, st, vre, vim, ere, eim, gre, gim, ok, s, gs } = rows;
  const thr = rows.interThreshold;
  const sL = s[2 * j];
  const sR = s[2 * j + 1];
  const byL = sL > BYPASS_THR;
  const byR = sR > BYPASS_THR;
  const uL = 1 - sL;
  const uR = 1 - sR;
  const cl = shape.childL[j] * st;
  const cr = shape.childR[j] * st;
  const o = (shape.nLeaves + j) * st;
  const e = j * st;
  let gsL = 0;
  let gsR = 0;
  for (let p = 0; p < n; p++) {
    let gR = gre[o + p];
    let gI = gim[o + p];
    if (kInter !== 0) {
      const re = vre[o + p];
      const im = vim[o + p];
      const mag = Math.sqrt(re * re + im * im);
      if (mag > thr) {
        const f = (kInter * 2 * (mag - thr)) / mag;
        gR += f * re;
        gI += f * im;
      }
    }
    const m = ok[e + p];
    if ((m & 1) === 0) gR = 0;
    if ((m & 2) === 0) gI = 0;
    if (gR === 0 && gI === 0) continue;
    const er = ere[e + p];
    const ei = eim[e + p];
    const dar = gR * er + gI * ei;
    const dai = gI * er - gR * ei;
    if (!byL) {
      const cre = vre[cl + p];
      const cim = vim[cl + p];
      gsL += dar * (1 - cre) - dai * cim;
      gre[cl + p] += uL * dar;
      gim[cl + p] += uL * dai;
    }
    if (!byR) {
      const cre = vre[cr + p];
      const cim = vim[cr + p];
      const br = sR + uR * cre;
      const bi = uR * cim;
      const rho = br * br + bi * bi;
      if (rho > 0 && rho < Infinity) {
        const dbr = (-gR * br + gI * bi) / rho;
        const dbi = (-gR * bi - gI * br) / rho;
        gsR += dbr * (1 - cre) - dbi * cim;
        gre[cr + p] += uR * dbr;
        gim[cr + p] += uR * dbi;
      }
    }
  }
  gs[2 * j] += gsL;
  gs[2 * j + 1] += gsR;
}
