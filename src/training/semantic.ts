/**
 * Semantic repair of a snapped tree: replace a whole subtree by the one, out of every subtree of its height, whose
 * values are closest to what that position should compute for the root to hit the target.
 *
 * Why: on bushy targets the gradient's snapped trees are far from the target (tens of choices), and moves of one or
 * two choices (discrete.ts, anneal.ts) must cross long plateaus. Here a move rewrites up to 2^h leaves and
 * 2^(h+1) − 2 gates at once, guided by the data: the "desired values" of a node come from inverting eml along its
 * path from the root, eml(A, B) = D ⇔ exp A = D + ln B ⇔ ln B = exp A − D, with the rest of the tree as it is
 * (semantic backpropagation). The last step is compared in that image space (exp of a left candidate, ln of a right
 * one), so no logarithm branch is chosen there.
 *
 * The library (semanticLibrary.ts) holds every distinct function of height 1 … H over the leaf columns, evaluated at
 * `samples` spread points; candidates are ranked on those points and the best few are tried on the whole tree, which
 * keeps a move only when the tree's MSE falls. A node of height H + 1 is solved as eml(a, b) over library pairs, b
 * looked up from a by its logarithm (meet in the middle, exact matches only).
 * Held-out seed0 70707, random:5:bushy, 32 runs, exact with / without it: 19 / 7 (median 22.5 / 19.3 CPU s).
 */
import { expInto, logInto, type Complex } from '../eml/evaluate/complex.ts';
import { pairs, rank, type Level, type SemanticLibrary } from './semanticLibrary.ts';
import type { SnappedTree } from './snappedTree.ts';

export interface RepairOptions {
  /** Candidates per node tried on the whole tree. */
  topK: number;
  /** Passes over the nodes (a pass that changes nothing ends the repair). */
  maxPasses: number;
  /** Stop once the tree's MSE is below this (the exactness bar). */
  stopBelow: number;
}

/** The positions of one node's subtree: internal nodes in pre-order, leaves left to right. */
function template(t: SnappedTree, j: number, h: number, nodes: number[], leaves: number[]): void {
  const { nLeaves, childL, childR } = t.shape;
  if (h === 0) {
    leaves.push(j);
    return;
  }
  nodes.push(j);
  for (const c of [childL[j], childR[j]]) {
    if (h === 1) leaves.push(c);
    else template(t, c - nLeaves, h - 1, nodes, leaves);
  }
}

/** Where each internal node sits: its parent and side (0 left, 1 right), its height, and its path from the root. */
export interface Geometry {
  parent: Int32Array;
  side: Uint8Array;
  height: Int32Array;
  /** The nodes from the root's child down to j (root excluded), per node. */
  path: number[][];
}

const geometries = new WeakMap<object, Geometry>();

export function geometry(t: SnappedTree): Geometry {
  let g = geometries.get(t.shape);
  if (g) return g;
  const { nLeaves, nInternal, childL, childR, depth } = t.shape;
  const root = nInternal - 1;
  const parent = new Int32Array(nInternal).fill(-1);
  const side = new Uint8Array(nInternal);
  const height = new Int32Array(nInternal);
  height[root] = depth;
  for (let j = root; j >= 0; j--)
    [childL[j], childR[j]].forEach((c, s) => {
      if (c < nLeaves) return;
      parent[c - nLeaves] = j;
      side[c - nLeaves] = s;
      height[c - nLeaves] = height[j] - 1;
    });
  const path = Array.from({ length: nInternal }, (_, j) => {
    const p: number[] = [];
    for (let q = j; q !== root; q = parent[q]) p.unshift(q);
    return p;
  });
  g = { parent, side, height, path };
  geometries.set(t.shape, g);
  return g;
}

/** Scratch for desiredValues. */
const A: Complex = { re: 0, im: 0 };
const B: Complex = { re: 0, im: 0 };
const w: Complex = { re: 0, im: 0 };

/**
 * What node j's side of its parent should give at the library's sample points (exp of a left child, ln of a right
 * one) for the root to hit the target, with the rest of the tree as it is; valid[k] = 0 where that is not finite.
 */
function desiredValues(
  t: SnappedTree,
  lib: SemanticLibrary,
  g: Geometry,
  j: number,
  want: Float64Array,
  valid: Uint8Array,
): void {
  const { childL, childR, nInternal } = t.shape;
  const root = nInternal - 1;
  const path = g.path[j];
  const target = t.data.target;
  const input = (q: number, s: number, p: number, out: Complex) => {
    if (t.gateOne[2 * q + s]) [out.re, out.im] = [1, 0];
    else t.valueAt(s === 0 ? childL[q] : childR[q], p, out);
  };
  for (let k = 0; k < lib.sample.length; k++) {
    const p = lib.sample[k];
    let [dr, di] = [target[p], 0];
    // Whether D came out of a logarithm, so that D + 2πik would do as well (exp is 2πi-periodic).
    let anyBranch = false;
    for (let step = 0; step < path.length; step++) {
      const q = step === 0 ? root : path[step - 1];
      const s = g.side[path[step]];
      input(q, 0, p, A);
      input(q, 1, p, B);
      const aIm = A.im;
      expInto(A.re, A.im, A);
      logInto(B.re, B.im, B);
      // A right child answers through ln, whose imaginary part lies in (−π, π]: that picks D's branch (−π, at
      // which a real negative's logarithm sits, up to rounding, counts as π).
      if (anyBranch && s === 1) di += 2 * Math.PI * Math.ceil((A.im - di - Math.PI - 1e-9) / (2 * Math.PI));
      // Left: exp(child) = D + ln B. Right: ln(child) = exp A − D.
      [w.re, w.im] = s === 0 ? [dr + B.re, di + B.im] : [A.re - dr, A.im - di];
      if (step === path.length - 1) break;
      if (s === 0) {
        // Otherwise, of the logarithms of w, the one nearest the child's present value.
        logInto(w.re, w.im, w);
        w.im += 2 * Math.PI * Math.round((aIm - w.im) / (2 * Math.PI));
      } else expInto(w.re, w.im, w);
      [dr, di] = [w.re, w.im];
      anyBranch = s === 0;
    }
    want[2 * k] = w.re;
    want[2 * k + 1] = w.im;
    valid[k] = Number.isFinite(w.re) && Number.isFinite(w.im) ? 1 : 0;
  }
}

/** A candidate subtree for node j: entry `entry` of `level`, and j's positions to write it to. */
interface Candidate {
  j: number;
  level: Level;
  entries: number[];
  nodes: number[];
  leaves: number[];
}

/** Node j's best candidates (library rank at height ≤ H, meet-in-the-middle pairs at H + 1), or null. */
export function candidates(
  t: SnappedTree,
  lib: SemanticLibrary,
  g: Geometry,
  j: number,
  topK: number,
  want: Float64Array,
  valid: Uint8Array,
): Candidate | null {
  desiredValues(t, lib, g, j, want, valid);
  const h = g.height[j];
  const left = g.side[j] === 0;
  const [level, entries] =
    h <= lib.maxHeight ? [lib.levels[h], rank(lib, h, want, valid, left, topK)] : pairs(lib, want, valid, left);
  if (entries.length === 0) return null;
  const nodes: number[] = [];
  const leaves: number[] = [];
  template(t, j, h, nodes, leaves);
  return { j, level, entries, nodes, leaves };
}

/** The nodes a repair may replace (height ≤ the library's + 1, root excluded), highest first. */
export function repairOrder(t: SnappedTree, lib: SemanticLibrary, g: Geometry): number[] {
  return Array.from({ length: t.shape.nInternal - 1 }, (_, j) => j)
    .filter((j) => g.height[j] <= lib.maxHeight + 1)
    .sort((a, b) => g.height[b] - g.height[a]);
}

/**
 * Improve the tree in place by subtree replacements (see the file's comment); returns the number of replacements
 * kept. Every kept replacement lowers the tree's MSE.
 */
export function semanticRepair(t: SnappedTree, lib: SemanticLibrary, o: RepairOptions): number {
  const g = geometry(t);
  const order = repairOrder(t, lib, g);
  const m = lib.sample.length;
  const want = new Float64Array(2 * m);
  const valid = new Uint8Array(m);
  let kept = 0;
  // Each pass tries every node and keeps the one replacement that lowers the MSE most: keeping the first that lowers
  // it would let a wrong subtree (whose desired values are off because another subtree is wrong) displace a right one.
  for (let pass = 0; pass < o.maxPasses && !(t.mse < o.stopBelow); pass++) {
    let move: { c: Candidate; entry: number; mse: number } | null = null;
    for (const j of order) {
      if (!t.nodeLive(g.parent[j])) continue;
      const c = candidates(t, lib, g, j, o.topK, want, valid);
      if (!c) continue;
      for (const entry of c.entries) {
        apply(t, g, c, entry);
        const mse = t.score();
        t.undo();
        if (mse < (move?.mse ?? t.mse)) move = { c, entry, mse };
      }
    }
    if (!move) break;
    apply(t, g, move.c, move.entry);
    t.commit(t.score());
    kept++;
  }
  return kept;
}

/** Tentatively open j's side of its parent and give j's subtree entry i's choices (only the ones that differ). */
export function apply(t: SnappedTree, g: Geometry, { j, level, nodes, leaves }: Candidate, i: number): void {
  const nl = t.shape.nLeaves;
  const [P, s] = [g.parent[j], g.side[j]];
  const set = (c: number, v: number) => {
    if (t.value(c) !== v) t.set(c, v);
  };
  set(nl + 2 * P + s, 0);
  const ng = 2 * nodes.length;
  nodes.forEach((J, q) => {
    set(nl + 2 * J, level.gates[i * ng + 2 * q]);
    set(nl + 2 * J + 1, level.gates[i * ng + 2 * q + 1]);
  });
  leaves.forEach((L, q) => set(L, level.leaves[i * leaves.length + q]));
}
