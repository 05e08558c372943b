/**
 * Initial parameters (docs/fitting.md#the-trainable-tree table): biased, uniform, xy_biased, random_hot, and manual (a given
 * EML tree at ±k plus N(0, noise) on every logit). All draws come from the run's seeded PRNG, leaves first.
 */
import { ONE, type EmlNode } from '../eml/ast.ts';
import { parseEml } from '../eml/syntax/index.ts';
import { flatNodeIndex, type TreeShape } from './model.ts';
import type { Prng } from './prng.ts';
import type { InitStrategy } from './settings.ts';

export interface InitOptions {
  scale: number;
  k: number;
  noise: number;
  /** The tree for 'manual'. */
  manual?: EmlNode;
  vars: readonly string[];
}

export function initParams(shape: TreeShape, strategy: InitStrategy, rng: Prng, opts: InitOptions): Float64Array {
  const p = new Float64Array(shape.nParams);
  const c = shape.nCols;
  const G = shape.nLeafParams;
  if (strategy === 'manual') {
    if (!opts.manual) throw new Error('init manual needs an expression');
    manualLogits(shape, opts.manual, opts.vars, opts.k, p);
    for (let i = 0; i < p.length; i++) p[i] += rng.normal() * opts.noise;
    return p;
  }
  for (let i = 0; i < G; i++) p[i] = rng.normal() * opts.scale;
  for (let leaf = 0; leaf < shape.nLeaves; leaf++) {
    if (strategy === 'biased') p[leaf * c] += 2;
    else if (strategy === 'xy_biased') for (let k = 1; k < c; k++) p[leaf * c + k] += 1;
    else if (strategy === 'random_hot') p[leaf * c + rng.int(c)] += 3;
  }
  const gateBias = strategy === 'random_hot' ? 3 : 4;
  for (let j = G; j < shape.nParams; j++) p[j] = rng.normal() * opts.scale + gateBias;
  // The reference subtracts 6 (gate_init[open_mask] -= 6), leaving about −3: half open at τ = 2.5, not fully.
  if (strategy === 'random_hot') for (let j = G; j < shape.nParams; j++) if (rng.uniform() < 0.25) p[j] -= 6;
  return p;
}

/**
 * init_from_expr: everything "1" at +k, then the expression's structure. Variables may only sit at depth d
 * (validate_expr_for_tree); a "1" child anywhere is an open gate.
 */
export function manualLogits(
  shape: TreeShape,
  tree: EmlNode,
  vars: readonly string[],
  k: number,
  out: Float64Array,
): void {
  const c = shape.nCols;
  const d = shape.depth;
  for (let leaf = 0; leaf < shape.nLeaves; leaf++) for (let q = 0; q < c; q++) out[leaf * c + q] = q === 0 ? k : -k;
  for (let j = shape.nLeafParams; j < shape.nParams; j++) out[j] = k;
  if (tree.kind !== 'eml')
    throw new Error(`the manual expression must be an eml(...) tree, got ${tree.kind === 'one' ? '1' : tree.name}`);
  if (tree.depth > d) throw new Error(`the manual expression has depth ${tree.depth}, more than the tree depth ${d}`);
  const walk = (node: EmlNode, L: number, pos: number): void => {
    if (node.kind !== 'eml') return;
    const j = flatNodeIndex(d, L, pos);
    ([node.left, node.right] as const).forEach((child, side) => {
      const g = shape.nLeafParams + 2 * j + side;
      if (child === ONE) {
        out[g] = k;
        return;
      }
      out[g] = -k;
      const childPos = 2 * pos + side;
      if (L === d - 1) {
        if (child.kind !== 'var') throw new Error(`an eml node sits below the tree's depth ${d}`);
        const col = vars.indexOf(child.name);
        if (col < 0) throw new Error(`unknown variable ${child.name} (the data has ${vars.join(', ')})`);
        for (let q = 0; q < c; q++) out[childPos * c + q] = q === col + 1 ? k : -k;
      } else if (child.kind === 'var') {
        throw new Error(
          `variable ${child.name} at depth ${L + 1}; the trainable tree has variables only at depth ${d}`,
        );
      } else walk(child, L + 1, childPos);
    });
  };
  walk(tree, 0, 0);
}

/** Parse and check a manual expression; a message for the person on failure. */
export function parseManual(text: string, shape: TreeShape, vars: readonly string[]): EmlNode {
  const tree = parseEml(text).tree;
  manualLogits(shape, tree, vars, 1, new Float64Array(shape.nParams));
  return tree;
}
