/**
 * Functional hashing: two expressions with the same values on a sample of the data are the same function for the
 * search's purposes, so only the smaller is kept. Parameters take fixed generic values for hashing. Two keys:
 * the exact values (for building blocks: x and x + 1 differ inside ln) and the values up to y ≈ a·f + b (for
 * candidates fitted with linear scaling: exp(x) and 2·exp(x) − 1 are one fit).
 */
import { evalValues, type Columns } from './evalExpr.ts';
import { paramCount, type Expr } from './expr.ts';

const GENERIC = [1.2345, 0.7913, 1.618, 0.5772, 1.4142];

export function genericParams(e: Expr): Float64Array {
  return Float64Array.from(
    { length: paramCount(e) },
    (_, i) => GENERIC[i % GENERIC.length] + 0.1 * Math.floor(i / GENERIC.length),
  );
}

const fmt = (v: number) => (v === 0 ? '0' : v.toPrecision(9));

export interface Hashes {
  /** Values as they are; null when some value is not finite. */
  exact: string;
  /** Values up to scale, offset and sign; null for a constant function. */
  affine: string | null;
  values: Float64Array;
}

export function hashes(e: Expr, sample: Columns): Hashes | null {
  const v = evalValues(e, sample, genericParams(e));
  let mean = 0;
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) return null;
    mean += v[i];
  }
  mean /= v.length;
  let ss = 0;
  for (let i = 0; i < v.length; i++) ss += (v[i] - mean) ** 2;
  const sd = Math.sqrt(ss / v.length);
  const exact = Array.from(v, fmt).join(',');
  if (!(sd > 1e-9 * (1 + Math.abs(mean)))) return { exact, affine: null, values: v };
  const z = Array.from(v, (x) => (x - mean) / sd);
  const first = z.find((x) => Math.abs(x) > 1e-6) ?? 1;
  const sign = first < 0 ? -1 : 1;
  return { exact, affine: z.map((x) => fmt(Math.round(sign * x * 1e7) / 1e7)).join(','), values: v };
}
