/**
 * What a formula search reports (finish.ts builds it): each formula on the Pareto front with its tree, constants,
 * verdict and errors, the pick, and the precision it was judged at. The worker protocol, the store, links and the
 * CLI all carry this shape.
 */
import type { Expr } from './expr.ts';
import type { Precision } from './precision.ts';
import type { FreshCheck, Verdict } from './verdict.ts';

export interface Metrics {
  r2: number;
  rmse: number;
  maxError: number;
}

export interface FormulaResult {
  /** The pure EML tree in eml(a, b) syntax, constants as decimal leaves. */
  tree: string;
  formula: string;
  latex: string;
  k: number;
  depth: number;
  /** Decimal constant leaves, in tree order (closed forms are compiled into the tree). */
  constants: number[];
  verdict: Verdict;
  train: Metrics;
  validation: Metrics;
  /** RMSE over all points. */
  rmse: number;
  /** Share of all points inside their precision tolerance. */
  withinPrecision: number;
  /** Residual RMS in units of the noise scale (relative to |y| where y stays away from 0). */
  noiseRms: number;
  fresh: FreshCheck | null;
  /** Search expression and constants (for callers that re-evaluate, e.g. a plot). */
  expr: Expr;
  params: number[];
}

export interface FitReport {
  best: FormulaResult;
  pareto: FormulaResult[];
  precision: { source: Precision['source']; outputDigits: number; noise: number | null; digitsStated?: boolean };
  /** The noise level used for exact-noisy (stated, or estimated from the most accurate candidate). */
  noise: number | null;
}
