/**
 * The reference trainer's benchmark targets and data (docs/fitting.md#targets-and-data): a 21×21 grid on [1,3]² (step 0.1),
 * points dropped where the complex128 target has |Im| ≥ 1e−12 or a non-finite real part (d5 keeps 378/441), and a
 * generalisation set of 4000 valid points uniform on [0.5,5]². Targets are computed by evaluating the generating
 * tree with the core's float64 complex evaluator, so an exactly recovered tree reproduces them bit for bit.
 * (The reference draws its generalisation points from numpy's PCG64; we draw from our seeded PRNG instead.)
 */
import type { EmlNode } from '../eml/ast.ts';
import { compileBatch } from '../eml/evaluate/batch.ts';
import { parseEml } from '../eml/syntax/index.ts';
import { Prng } from './prng.ts';

export interface TrainingData {
  /** Variable names; leaf columns are (1, ...vars). */
  vars: string[];
  /** One column per variable, each of length n. */
  x: Float64Array[];
  target: Float64Array;
  n: number;
  /**
   * Optional point weights (length n, ≥ 0), normalised by the producer to mean 1 so that absolute thresholds on the
   * loss (successThr 1e−20, patienceThreshold…) keep their meaning. Every data-loss mean used for training and for
   * choosing trees is then Σ w_i |r_i|² / n. Absent = all ones.
   */
  weight?: Float64Array;
}

/** The same data without weights: exactness on fresh points must hold at every point, whatever its weight. */
export function unweighted(d: TrainingData): TrainingData {
  if (!d.weight) return d;
  const { weight: _, ...rest } = d;
  return rest;
}

export const TARGETS = {
  eml_depth2: 'EML[1, EML[y, x]]',
  eml_depth3: 'EML[EML[1, EML[y, x]], 1]',
  eml_depth4: 'EML[1, EML[EML[1, EML[x, y]], 1]]',
  eml_depth5: 'EML[1, EML[EML[1, EML[1, EML[x, y]]], 1]]',
  eml_depth6: 'EML[1, EML[EML[EML[1, EML[EML[x, y], 1]], 1], 1]]',
} as const;
export type TargetName = keyof typeof TARGETS;
export const TARGET_NAMES = Object.keys(TARGETS) as TargetName[];

export function isTargetName(s: string): s is TargetName {
  return s in TARGETS;
}

export function targetTree(name: TargetName): EmlNode {
  return parseEml(TARGETS[name]).tree;
}

/** The reference's np.arange(lo, hi + step/2, step): lo + i·step, so 1.1 is 1 + 1·0.1 exactly as numpy makes it. */
export function arange(lo: number, hi: number, step: number): number[] {
  const n = Math.ceil((hi + step / 2 - lo) / step);
  return Array.from({ length: n }, (_, i) => lo + i * step);
}

const VARS = ['x', 'y'];

/** Evaluate `tree` at the points and keep the valid ones (|Im| < 1e−12, finite real part). */
export function tabulate(tree: EmlNode, xs: ArrayLike<number>, ys: ArrayLike<number>, limit = Infinity): TrainingData {
  const n = xs.length;
  const compiled = compileBatch(tree, 'complex');
  const inputs: Record<string, ArrayLike<number>> = { x: xs, y: ys };
  const r = compiled.run(inputs, n);
  const keep: number[] = [];
  for (let i = 0; i < n && keep.length < limit; i++)
    if (Math.abs(r.im[i]) < 1e-12 && Number.isFinite(r.re[i])) keep.push(i);
  return {
    vars: [...VARS],
    x: [Float64Array.from(keep, (i) => xs[i]), Float64Array.from(keep, (i) => ys[i])],
    target: Float64Array.from(keep, (i) => r.re[i]),
    n: keep.length,
  };
}

/** The 441-point training grid, x-major (x outer, y inner, as meshgrid(indexing='ij') flattens). */
export function gridData(tree: EmlNode, lo = 1, hi = 3, step = 0.1): TrainingData {
  const g = arange(lo, hi, step);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const x of g)
    for (const y of g) {
      xs.push(x);
      ys.push(y);
    }
  return tabulate(tree, xs, ys);
}

/** `count` valid points uniform on [lo,hi]², oversampled 4× and filtered like the reference. */
export function generalisationData(tree: EmlNode, count = 4000, lo = 0.5, hi = 5, seed = 12345): TrainingData {
  const rng = new Prng(seed);
  const m = count * 4;
  const xs = new Float64Array(m);
  const ys = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    xs[i] = lo + (hi - lo) * rng.uniform();
    ys[i] = lo + (hi - lo) * rng.uniform();
  }
  return tabulate(tree, xs, ys, count);
}

export function targetData(name: TargetName): { train: TrainingData; fresh: TrainingData; tree: EmlNode } {
  const tree = targetTree(name);
  return { tree, train: gridData(tree), fresh: generalisationData(tree) };
}
