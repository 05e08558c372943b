/**
 * Snapping: trained weights → a discrete EML tree built with the core's hash-consed AST, and its verification in
 * float64 by the core's batch evaluator (not by the engine that trained it, which may be float32).
 */
import { ONE, eml, variable, type EmlNode } from '../eml/ast.ts';
import { compileBatch } from '../eml/evaluate/batch.ts';
import { flatNodeIndex, type TreeShape } from './model.ts';
import { finiteError, meanSquaredError } from './mse.ts';
import type { TrainingData } from './targets.ts';

/** The tree the snapped parameters encode: a gate with logit ≥ 0 feeds 1, a leaf is its arg-max column. */
export function paramsToTree(shape: TreeShape, params: ArrayLike<number>, vars: readonly string[]): EmlNode {
  const c = shape.nCols;
  const d = shape.depth;
  const leaf = (i: number): EmlNode => {
    let am = 0;
    for (let q = 1; q < c; q++) if (params[i * c + q] > params[i * c + am]) am = q;
    return am === 0 ? ONE : variable(vars[am - 1]);
  };
  const node = (L: number, pos: number): EmlNode => {
    const j = flatNodeIndex(d, L, pos);
    const side = (s: 0 | 1): EmlNode => {
      if (params[shape.nLeafParams + 2 * j + s] >= 0) return ONE;
      return L === d - 1 ? leaf(2 * pos + s) : node(L + 1, 2 * pos + s);
    };
    return eml(side(0), side(1));
  };
  return node(0, 0);
}

/**
 * Mean |tree(x) − target|² over the data in float64 complex semantics, weighted by data.weight when present (the
 * loss the tree was chosen by); ∞ when any point is not finite.
 */
export function treeMse(tree: EmlNode, data: TrainingData): number {
  const compiled = compileBatch(tree, 'complex');
  const inputs: Record<string, Float64Array> = {};
  data.vars.forEach((v, i) => (inputs[v] = data.x[i]));
  const r = compiled.run(inputs, data.n);
  return finiteError(meanSquaredError(r.re, r.im, data.target, data.weight, data.n));
}
