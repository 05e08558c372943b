/**
 * The element-wise mathematics of one level of eml nodes in the fused tfjs graph, written once for the CPU kernels
 * (cpuKernels.ts). The WebGL shaders (webglKernels.ts) state the same formulas in GLSL; the two are held together by
 * fusedGraph.test.ts (cpu against the composite graph) and the browser agreement test (webgl against native).
 *
 * Layout (fusedGraph.ts): a level's children are [2s, R, n] (real, the leaves) or [2s, R, n, 2] (complex, re/im
 * last), ordered so that children 0 … s−1 are the left children of the level's nodes 0 … s−1 and s … 2s−1 their
 * right children. The gate table SU [2, Q, R] (Q = every child slot of the tree, level after level) carries the
 * gates already resolved against the bypass: child q of a level whose slots start at row `offset` enters its node
 * as S + U·c with S = SU[0, offset + q], U = SU[1, offset + q] (bypassed: S = 1, U = 0, so exactly 1 + 0i;
 * otherwise S = s, U = 1 − s). A level also reports its intermediate-magnitude penalty per restart: the mean over
 * its nodes and points of relu(|z| − thr)².
 */

/** One node's forward quantities at one point: E = exp(ar), cos ai, sin ai, ln|b|, arg b. */
export interface NodeTerms {
  E: number;
  c: number;
  sn: number;
  lr: number;
  li: number;
}

export function nodeTerms(ar: number, ai: number, br: number, bi: number, t: NodeTerms): NodeTerms {
  t.E = Math.exp(ar);
  t.c = Math.cos(ai);
  t.sn = Math.sin(ai);
  t.lr = 0.5 * Math.log(br * br + bi * bi);
  t.li = Math.atan2(bi, br);
  return t;
}

/** The reference's per-node guard: NaN → 0, ±∞ and beyond → ±C. */
export function scrub(z: number, C: number): number {
  if (z !== z) return 0;
  return z > C ? C : z < -C ? -C : z;
}

/** Where the guard passed the value through (and so passes its gradient); NaN and clamped values stop it. */
export function passes(z: number, C: number): boolean {
  return z >= -C && z <= C;
}

/** relu(|z| − thr)²: the intermediate-magnitude penalty of one value. */
export function excess(re: number, im: number, thr: number): number {
  const e = Math.sqrt(re * re + im * im) - thr;
  return e > 0 ? e * e : 0;
}

/** d excess / d(component), where component is re or im of the same value. */
export function excessSlope(re: number, im: number, thr: number, component: number): number {
  const mag = Math.sqrt(re * re + im * im);
  const e = mag - thr;
  return e > 0 ? (2 * e * component) / mag : 0;
}
