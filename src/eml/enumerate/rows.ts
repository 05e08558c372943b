/**
 * "All functions up to K" as a table: one row per distinct function (its smallest tree, K, value at 2, whether it
 * is real on the real probe points, whether it is constant), filtered and paged over the stored vectors without
 * building the rows that are not shown.
 */
import { evaluate } from '../evaluate/interpreter.ts';
import { printFunctional } from '../syntax/print.ts';
import type { Enumerator } from './enumerator.ts';
import { variablesOf } from './probes.ts';
import { MATCH_TOLERANCE, sameValues } from './table.ts';

export interface RowFilter {
  kMax?: number;
  /** true: only functions real at every real probe; false: only the others; absent: all. */
  real?: boolean;
  constant?: boolean;
}

export interface FunctionRow {
  id: number;
  k: number;
  tree: string;
  /** The value at x = 2 (and y = 2); for constants, the constant. */
  valueAt2: { re: number; im: number };
  real: boolean;
  constant: boolean;
}

/** Real on ℝ (as far as the real probes see) and constant (same value at every probe). */
export function classify(en: Enumerator, id: number): { real: boolean; constant: boolean } {
  const v = en.table.vals;
  const w = en.width;
  const o = id * w;
  let real = true;
  for (const p of en.probes.realProbes) {
    const re = v[o + 2 * p];
    const im = v[o + 2 * p + 1];
    if (!Number.isFinite(re) || !(Math.abs(im) <= MATCH_TOLERANCE * Math.max(1, Math.abs(re)))) real = false;
  }
  let constant = true;
  for (let p = 2; p < w; p += 2) if (!sameValues(v, o, v, o + p, 2)) constant = false;
  return { real, constant };
}

export function functionRows(
  en: Enumerator,
  filter: RowFilter,
  offset: number,
  limit: number,
): { total: number; rows: FunctionRow[] } {
  const t = en.table;
  const names = variablesOf(en.options.leaves);
  const env = Object.fromEntries(names.map((n) => [n, 2]));
  const rows: FunctionRow[] = [];
  let total = 0;
  for (let id = 0; id < t.count; id++) {
    if (filter.kMax !== undefined && t.k[id] > filter.kMax) break; // ids are in K order
    const c = classify(en, id);
    if (filter.real !== undefined && c.real !== filter.real) continue;
    if (filter.constant !== undefined && c.constant !== filter.constant) continue;
    if (total >= offset && rows.length < limit) {
      const tree = en.tree(id);
      const z = evaluate(tree, env, 'complex');
      rows.push({ id, k: t.k[id], tree: printFunctional(tree), valueAt2: { re: z.re, im: z.im }, ...c });
    }
    total++;
  }
  return { total, rows };
}
