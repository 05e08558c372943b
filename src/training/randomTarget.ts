/**
 * Random recovery targets (issue 14): a fresh EML tree over x, y per run, drawn from a seed so that a run can be
 * repeated, of an exact depth and shape, valid on the trainer's grid (targets.ts gridData) and determined by its
 * values there (randomTargetProblem).
 *
 * Every tree drawn here has its variable leaves at depth d only (1 may sit at any depth): the paper's master formula
 * of depth d (model.ts) feeds x and y only at its bottom leaves while its gates can put the constant 1 anywhere, so
 * such a tree is one of the model's own snappings and exact recovery is possible at depth d. Shapes (d ≥ 2; at
 * depth 1 the only tree shape is eml(a, b) and all three coincide):
 *  - chain: every eml node has at least one leaf child, so the eml nodes form one path from the root to depth d − 1
 *    (d eml nodes); off the path the leaves are 1, the last node's two leaves are drawn from 1, x, y.
 *  - bushy: as near full as validity allows: both children of the root are eml nodes of depth d − 1 (two
 *    root-to-depth-d paths that part at the root), and the tree has at least min(2^(d−1), 3d) eml nodes: half of a
 *    full tree's 2^d − 1 up to depth 4 (8 of 15); deeper, trees that full overflow on the grid (exp of exp of …), so
 *    the count asked for grows with d instead (15 of 31 at depth 5, 24 of 255 at depth 8).
 *  - any: no constraint beyond the exact depth: one random root-to-depth-d path of eml nodes, and every other child
 *    above depth d is an eml node with probability 1/2.
 */
import { eml, ONE, replaceAt, topoOrder, variable, type EmlNode } from '../eml/ast.ts';
import { compileBatch } from '../eml/evaluate/batch.ts';
import { Prng } from './prng.ts';
import { arange } from './targets.ts';
import { meanSquaredError } from './mse.ts';

export const TARGET_SHAPES = ['chain', 'bushy', 'any'] as const;
export type TargetShape = (typeof TARGET_SHAPES)[number];
/** The master formula's depth range (model.ts treeShape). */
export const MAX_TARGET_DEPTH = 8;

/** The trainer's 21×21 grid on [1, 3]² (targets.ts gridData), x-major. */
function gridPoints(): { xs: Float64Array; ys: Float64Array } {
  const g = arange(1, 3, 0.1);
  const xs = new Float64Array(g.length * g.length);
  const ys = new Float64Array(g.length * g.length);
  g.forEach((x, i) => g.forEach((y, j) => ((xs[i * g.length + j] = x), (ys[i * g.length + j] = y))));
  return { xs, ys };
}
const GRID = gridPoints();

export interface GridCheck {
  /** Grid points whose value is real (|Im| < 1e−12, finite): the training points targets.ts keeps. */
  real: number;
  total: number;
  /** The first grid point whose value is not finite (overflow, ln 0, NaN), or null. */
  nonFinite: { x: number; y: number } | null;
  /** Range of the real values. */
  min: number;
  max: number;
  /** The real values, in grid order (for comparing trees point by point). */
  values: Float64Array;
  /** Indices of the real points. */
  keep: Int32Array;
}

/** The tree's complex float64 values at every grid point, as the trainer's data are made. */
function gridValues(tree: EmlNode): { re: Float64Array; im: Float64Array } {
  return compileBatch(tree, 'complex').run({ x: GRID.xs, y: GRID.ys }, GRID.xs.length);
}

/** Evaluates `tree` (complex float64, as the trainer's data are made) at every point of the grid. */
export function checkOnGrid(tree: EmlNode): GridCheck {
  const n = GRID.xs.length;
  const r = gridValues(tree);
  let nonFinite: GridCheck['nonFinite'] = null;
  const keep: number[] = [];
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(r.re[i]) || !Number.isFinite(r.im[i])) {
      nonFinite ??= { x: GRID.xs[i], y: GRID.ys[i] };
      continue;
    }
    if (Math.abs(r.im[i]) >= 1e-12) continue;
    keep.push(i);
    min = Math.min(min, r.re[i]);
    max = Math.max(max, r.re[i]);
  }
  return {
    real: keep.length,
    total: n,
    nonFinite,
    min,
    max,
    values: Float64Array.from(keep, (i) => r.re[i]),
    keep: Int32Array.from(keep),
  };
}

/**
 * Limits a random target must meet. Real at half the grid or more (the paper's eml_depth5 keeps 378 of 441), values
 * within ±1e4 (the paper's targets stay within ±25; a target in the millions makes the absolute thresholds on the
 * MSE meaningless), and real at a quarter or more of a sample of fresh points (targets.ts generalisationData's
 * region [0.5, 5]²), so its 4× oversampling keeps enough points for the exactness check. The sample, not the full
 * 16 000 points, keeps a draw cheap: the recovery lab draws its trees on the page.
 */
const MIN_REAL_SHARE = 0.5;
const MAX_ABS_VALUE = 1e4;
const MIN_FRESH_SHARE = 0.25;

function freshSample(): { x: Float64Array; y: Float64Array } {
  const rng = new Prng(0xf7e54);
  const x = Float64Array.from({ length: 512 }, () => 0.5 + 4.5 * rng.uniform());
  const y = Float64Array.from({ length: 512 }, () => 0.5 + 4.5 * rng.uniform());
  return { x, y };
}
const FRESH = freshSample();

/** Share of the fresh sample where the tree is real (|Im| < 1e−12, finite real part), as tabulate keeps points. */
function freshRealShare(tree: EmlNode): number {
  const n = FRESH.x.length;
  const r = compileBatch(tree, 'complex').run(FRESH, n);
  let real = 0;
  for (let i = 0; i < n; i++) if (Math.abs(r.im[i]) < 1e-12 && Number.isFinite(r.re[i])) real++;
  return real / n;
}

/**
 * Why `tree` is not a usable random target, or null: it must be finite, varying, not a copy of one of its own
 * subtrees, and have no part the grid cannot see (invisiblePart).
 */
export function randomTargetProblem(tree: EmlNode): string | null {
  const c = checkOnGrid(tree);
  if (c.nonFinite) return `not finite at x=${c.nonFinite.x.toFixed(1)}, y=${c.nonFinite.y.toFixed(1)}`;
  if (c.real < MIN_REAL_SHARE * c.total) return `real at only ${c.real} of ${c.total} grid points`;
  if (Math.max(Math.abs(c.min), Math.abs(c.max)) > MAX_ABS_VALUE) return `values beyond ±${MAX_ABS_VALUE}`;
  // Constant: the same value at every real point, up to rounding.
  if (c.max - c.min <= 1e-9 * Math.max(1, Math.abs(c.max))) return 'constant on the grid';
  // Trivially degenerate: the tree computes what one of its own proper subtrees computes (ln exp-style cancellations).
  for (const sub of topoOrder(tree)) {
    if (sub === tree || sub.kind === 'one') continue;
    if (sameOnGrid(c, checkOnGrid(sub))) return 'equal on the grid to one of its own subtrees';
  }
  if (freshRealShare(tree) < MIN_FRESH_SHARE) return `real at under ${100 * MIN_FRESH_SHARE} % of fresh points`;
  const hidden = invisiblePart(tree, c);
  if (hidden !== null)
    return `its part at ${hidden} is invisible on the grid (replaced by 1, no training point changes)`;
  return null;
}

/**
 * The trainer's own bar for an exact tree (settings successThr): a tree whose grid MSE against the target is below
 * it is, to training, the target itself.
 */
const INVISIBLE_MSE = 1e-20;

/**
 * The path (root-to-node steps, L/R) of the first part of `tree` that the training data cannot see: replaced by the
 * constant 1, the tree's values at the grid's training points move by an MSE under INVISIBLE_MSE (exp of a very
 * negative value swallowing it, say). Such a target is not determined by its data: a trainer that returns the
 * smaller tree has recovered all the data say, yet fails the fresh-point check wherever the hidden part wakes up
 * (issue 14: 1 of 8 depth-5 bushy runs fit to 7e−26 on the grid and missed by 3e−9 on fresh points, its target
 * reading ln x in a place the grid never shows). Null when every part is visible.
 */
export function invisiblePart(tree: EmlNode, c: GridCheck = checkOnGrid(tree)): string | null {
  const paths: string[] = [];
  const walk = (node: EmlNode, path: string): void => {
    if (path !== '' && node.kind !== 'one') paths.push(path);
    if (node.kind === 'eml') {
      walk(node.left, path + 'L');
      walk(node.right, path + 'R');
    }
  };
  walk(tree, '');
  for (const path of paths) {
    const v = gridValues(replaceAt(tree, path, ONE));
    const re = Float64Array.from(c.keep, (k) => v.re[k]);
    const im = Float64Array.from(c.keep, (k) => v.im[k]);
    // NaN (a replacement that is not finite somewhere) is a visible change.
    if (meanSquaredError(re, im, c.values, null) < INVISIBLE_MSE) return path;
  }
  return null;
}

function sameOnGrid(a: GridCheck, b: GridCheck): boolean {
  if (a.real !== b.real || a.keep.some((k, i) => b.keep[i] !== k)) return false;
  return a.values.every((v, i) => Math.abs(v - b.values[i]) <= 1e-9 * Math.max(1, Math.abs(v)));
}

/** The eml nodes of a tree, and whether every one of them has a leaf child (the chain shape). */
export function emlCount(tree: EmlNode): number {
  return tree.kind === 'eml' ? 1 + emlCount(tree.left) + emlCount(tree.right) : 0;
}

export function isChain(tree: EmlNode): boolean {
  if (tree.kind !== 'eml') return true;
  const { left, right } = tree;
  if (left.kind === 'eml' && right.kind === 'eml') return false;
  return isChain(left) && isChain(right);
}

export const bushyMinNodes = (d: number) => Math.min(2 ** (d - 1), 3 * d);

/** The bushy shape as defined above (any tree of depth 1 qualifies). */
export function isBushy(tree: EmlNode): boolean {
  if (tree.kind !== 'eml') return false;
  const d = tree.depth;
  if (d <= 1) return true;
  return tree.left.depth === d - 1 && tree.right.depth === d - 1 && emlCount(tree) >= bushyMinNodes(d);
}

/** Depths of the variable leaves (a set), for the master-formula check: all must equal the tree's depth. */
export function variableDepths(tree: EmlNode, at = 0, out = new Set<number>()): Set<number> {
  if (tree.kind === 'var') out.add(at);
  else if (tree.kind === 'eml') {
    variableDepths(tree.left, at + 1, out);
    variableDepths(tree.right, at + 1, out);
  }
  return out;
}

const BOTTOM_LEAVES: EmlNode[] = [ONE, variable('x'), variable('y')];

function bottomLeaf(rng: Prng): EmlNode {
  return BOTTOM_LEAVES[rng.int(3)];
}

/** One candidate of the shape's family (exact depth d, variables at depth d only); validity is checked after. */
function candidate(rng: Prng, d: number, shape: TargetShape): EmlNode {
  if (shape === 'chain') {
    let node: EmlNode = eml(bottomLeaf(rng), bottomLeaf(rng));
    for (let k = 1; k < d; k++) node = rng.int(2) === 0 ? eml(node, ONE) : eml(ONE, node);
    return node;
  }
  // The spine is the path that guarantees depth d (bushy: two spines, one under each child of the root); elsewhere
  // a child above the bottom is an eml node with probability p (bushy 0.6, so the node count is often reached
  // without overflowing; any 1/2).
  const p = shape === 'bushy' ? 0.6 : 0.5;
  const grow = (k: number, onSpine: boolean): EmlNode => {
    if (k === d) return bottomLeaf(rng);
    const spineLeft = rng.int(2) === 0;
    const child = (left: boolean): EmlNode => {
      if (onSpine && (left === spineLeft || (shape === 'bushy' && k === 0))) return grow(k + 1, true);
      if (k + 1 === d) return bottomLeaf(rng);
      return rng.uniform() < p ? grow(k + 1, false) : ONE;
    };
    const left = child(true);
    return eml(left, child(false));
  };
  return grow(0, true);
}

/** Candidates tried before giving up; valid trees are common (a few per hundred at worst), so this is never reached in practice. */
const MAX_TRIES = 100_000;

export interface RandomTarget {
  tree: EmlNode;
  /** Candidates drawn before this one was accepted (1 = the first). */
  tries: number;
}

/**
 * A random target of exactly `depth`, of `shape`, valid on the grid; the same seed gives the same tree. The seed is
 * the run's (bench: seed0 + run), salted so the tree's draws are not the trainer's.
 */
export function randomTarget(depth: number, shape: TargetShape, seed: number): RandomTarget {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_TARGET_DEPTH)
    throw new RangeError(`a random target's depth must be 1–${MAX_TARGET_DEPTH}, not ${depth}`);
  const rng = new Prng((seed ^ 0x7a46e7) >>> 0);
  for (let tries = 1; tries <= MAX_TRIES; tries++) {
    const tree = candidate(rng, depth, shape);
    if (shape === 'bushy' && !isBushy(tree)) continue;
    if (randomTargetProblem(tree) === null) return { tree, tries };
  }
  throw new Error(`no valid ${shape} target of depth ${depth} in ${MAX_TRIES} tries (seed ${seed})`);
}
