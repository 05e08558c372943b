/**
 * The exact-recovery certificate. A snapped tree is certified exact only when all three hold:
 *  1. its MSE on the training data is < 1e−20, evaluated in float64 by the core (not by the engine that trained it)
 *     in the chosen semantics (complex by default; 'finite' also rejects any ln 0 or overflow on the way);
 *  2. its MSE on fresh points it never saw (the held-out validation rows, plus noise-free points drawn off the grid
 *     when the data came from a generator) is < 1e−20;
 *  3. the decompiled formula, evaluated on its own by the math evaluator, agrees with every data point
 *     (|f − y| ≤ 1e−9·max(1, |y|)), so the formula shown is the one that fits, not just the tree.
 * Anything short of that is labelled an approximation, with the failing check named.
 */
import type { EmlNode } from '../eml/ast.ts';
import { decompile } from '../eml/decompiler/decompile.ts';
import { evaluateMath } from '../eml/math/evaluate.ts';
import type { Semantics } from '../eml/evaluate/semantics.ts';
import type { Dataset } from './dataset.ts';
import { evaluateFit } from './metrics.ts';

export const EXACT_MSE = 1e-20;
export const FORMULA_RTOL = 1e-9;

export interface CertificateCheck {
  label: string;
  pass: boolean;
  detail: string;
}

export interface Certificate {
  exact: boolean;
  checks: CertificateCheck[];
  formula: { text: string; latex: string; unexplained: number };
  semantics: Semantics;
}

/**
 * A tree's fitted decimal constants (training/generalRun.ts): leaves `_c0`, `_c1`, … of the EML tree (the formula
 * search's convention, fit/search/toEml.ts), with their values. The AST holds only 1 and variables, so a constant is
 * a variable leaf, and evaluating the tree binds it as one more input column of the same value on every row.
 */
export type Constants = Readonly<Record<string, number>>;
const CONSTANT_LEAF = /^_c\d+$/;

/** The `_cN` leaves of a tree, sorted. */
export function constantLeaves(tree: EmlNode): string[] {
  const seen = new Set<EmlNode>();
  const names = new Set<string>();
  const walk = (n: EmlNode): void => {
    if (seen.has(n)) return;
    seen.add(n);
    if (n.kind === 'var') {
      if (CONSTANT_LEAF.test(n.name)) names.add(n.name);
    } else if (n.kind === 'eml') {
      walk(n.left);
      walk(n.right);
    }
  };
  walk(tree);
  return [...names].sort();
}

/** Why `constants` cannot be a map of `tree`'s constant leaves (finite numbers, names exactly its `_cN` leaves), or null. */
export function constantsProblem(tree: EmlNode, constants: unknown): string | null {
  const leaves = constantLeaves(tree);
  if (constants === undefined) return leaves.length ? `its constant leaves ${leaves.join(', ')} have no values` : null;
  if (typeof constants !== 'object' || constants === null || Array.isArray(constants))
    return 'its constants are not a map of names to numbers';
  const names = Object.keys(constants).sort();
  if (names.join(',') !== leaves.join(','))
    return `its constants (${names.join(', ') || 'none'}) do not match the tree's constant leaves (${leaves.join(', ') || 'none'})`;
  for (const k of names) {
    const v = (constants as Record<string, unknown>)[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) return `its constant ${k} is not a finite number`;
  }
  return null;
}

/** `ds` with each constant as one more input column (the constant's value on every row). */
export function bindConstants<D extends Pick<Dataset, 'vars' | 'x' | 'n'>>(ds: D, constants: Constants | undefined): D {
  const names = constants ? Object.keys(constants) : [];
  if (names.length === 0) return ds;
  return {
    ...ds,
    vars: [...ds.vars, ...names],
    x: [...ds.x, ...names.map((k) => new Float64Array(ds.n).fill(constants![k]))],
  };
}

const sci = (v: number) => (Number.isFinite(v) ? v.toExponential(2) : String(v));

/** Largest relative disagreement of the decompiled formula with the data (∞ if it is not real and finite). */
export function formulaDisagreement(math: Parameters<typeof evaluateMath>[0], ds: Dataset): number {
  let worst = 0;
  for (let i = 0; i < ds.n; i++) {
    const env: Record<string, number> = {};
    ds.vars.forEach((v, j) => (env[v] = ds.x[j][i]));
    const z = evaluateMath(math, env);
    const err = Math.hypot(z.re - ds.y[i], z.im) / Math.max(1, Math.abs(ds.y[i]));
    if (!Number.isFinite(err)) return Infinity;
    worst = Math.max(worst, err);
  }
  return worst;
}

export function certify(
  tree: EmlNode,
  train: Dataset,
  fresh: Dataset[],
  semantics: Semantics = 'complex',
  constants?: Constants,
): Certificate {
  // A tree with decimal constants is checked with them bound as inputs, by the same rules: it is certified exact
  // only if the fresh points agree too, which a rounded decimal almost never does.
  const bad = constants === undefined ? null : constantsProblem(tree, constants);
  if (bad) throw new Error(`The tree cannot be checked: ${bad}.`);
  train = bindConstants(train, constants);
  fresh = fresh.map((f) => bindConstants(f, constants));
  const d = decompile(tree);
  const checks: CertificateCheck[] = [];
  const mTrain = evaluateFit(tree, train, semantics);
  checks.push({
    label: 'Training data',
    pass: mTrain.mse < EXACT_MSE,
    detail: `MSE ${sci(mTrain.mse)} on ${train.n} points (float64, ${semantics} semantics, needs < 1e−20)`,
  });
  const freshN = fresh.reduce((a, f) => a + f.n, 0);
  if (freshN === 0)
    checks.push({
      label: 'Fresh points',
      pass: false,
      detail: 'no held-out or off-grid points to check (set a validation share > 0)',
    });
  else {
    const worst = Math.max(...fresh.filter((f) => f.n > 0).map((f) => evaluateFit(tree, f, semantics).mse));
    checks.push({
      label: 'Fresh points',
      pass: worst < EXACT_MSE,
      detail: `MSE ${sci(worst)} on ${freshN} points the training never saw`,
    });
  }
  let dis = 0;
  for (const ds of [train, ...fresh]) dis = Math.max(dis, formulaDisagreement(d.math, ds));
  checks.push({
    label: 'Decompiled formula',
    pass: dis <= FORMULA_RTOL,
    detail: `${d.text} agrees with the data to ${sci(dis)} (relative, needs ≤ 1e−9)`,
  });
  return {
    exact: checks.every((c) => c.pass),
    checks,
    formula: { text: d.text, latex: d.latex, unexplained: d.unexplained },
    semantics,
  };
}
