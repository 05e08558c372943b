/**
 * Constant snapping: each fitted constant is replaced by the simplest closed form near it (integers, small p/q,
 * e, π, √2, their small multiples and powers) whose refit keeps the fit acceptable, the other constants refitted
 * each time; a constant with no closed form is rounded to the fewest significant digits that keep the fit.
 * "Acceptable" is the caller's: within the data's precision or noise (finish.ts), never a fixed 1e−20.
 */
import type { Columns } from './evalExpr.ts';
import { bin, numc, paramCount, substituteParams, un, type Expr } from './expr.ts';
import { levenbergMarquardt, stateAt, type FitOptions } from './fitConstants.ts';

export interface ClosedForm {
  value: number;
  /** Ordinary math the compiler reads. */
  text: string;
  /** Simplicity rank: lower is simpler. */
  cost: number;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

let table: ClosedForm[] | null = null;

/** The closed forms tried, simplest first. */
export function closedForms(): readonly ClosedForm[] {
  if (table) return table;
  const out: ClosedForm[] = [];
  const add = (value: number, text: string, cost: number) => {
    out.push({ value, text, cost });
    if (value !== 0)
      out.push({ value: -value, text: `-(${text})`.replace(/^-\(([^()]*)\)$/, '-$1'), cost: cost + 0.5 });
  };
  for (let k = 0; k <= 20; k++) add(k, String(k), k <= 2 ? 1 : k <= 10 ? 2 : 3);
  for (let q = 2; q <= 12; q++) {
    for (let p = 1; p <= 10 * q; p++) if (gcd(p, q) === 1) add(p / q, `${p}/${q}`, 3 + q / 4 + (p > q ? 0.5 : 0));
  }
  const named: Array<[number, string]> = [
    [Math.E, 'e'],
    [Math.PI, 'pi'],
    [Math.SQRT2, 'sqrt(2)'],
    [Math.sqrt(3), 'sqrt(3)'],
    [Math.LN2, 'ln(2)'],
    [Math.LN10, 'ln(10)'],
  ];
  for (const [v, t] of named) {
    add(v, t, 3);
    add(1 / v, `1/${t}`, 4);
    add(v * v, `${t}^2`, 4.5);
    for (let k = 2; k <= 4; k++) {
      add(k * v, `${k}*${t}`, 4.5);
      add(v / k, `${t}/${k}`, 4.5);
    }
  }
  // Powers of e with small rational exponents: a^(3/2) also appears as e^(3/2)^ln(a).
  for (const [p, q] of [
    [1, 2],
    [3, 2],
    [1, 3],
    [2, 3],
    [5, 2],
    [3, 1],
    [4, 3],
    [3, 4],
  ])
    add(Math.exp(p / q), q === 1 ? `e^${p}` : `e^(${p}/${q})`, 5);
  add(Math.sqrt(Math.PI), 'sqrt(pi)', 5);
  add(Math.exp(-2), 'e^(-2)', 5);
  add(Math.PI * Math.E, 'pi*e', 5.5);
  out.sort((a, b) => a.cost - b.cost);
  table = out;
  return out;
}

/**
 * Closed forms within 3 % (or 1e−3 absolute near zero) of v, and 0, ±1, at most `max`: first those within 1e−6 relative,
 * then 1e−3, then 3 %, each group simplest first — a precise fit tries its near-exact match before simpler
 * but farther numbers, a noisy fit still reaches 3/2 from 1.49.
 */
export function nearbyForms(v: number, max = 16): ClosedForm[] {
  const scale = Math.max(Math.abs(v), 1 / 30);
  // 0 and ±1 are always tried, last: an offset of 0.1 on data of size 100, or a scale of 0.98 under 1 % noise,
  // is often no constant at all, however far it looks from 0 or 1 in relative terms.
  const band = (c: ClosedForm) => {
    const d = Math.abs(c.value - v) / scale;
    return d <= 1e-6 ? 0 : d <= 1e-3 ? 1 : d <= 0.03 ? 2 : Math.abs(c.value) === 1 || c.value === 0 ? 2.5 : 3;
  };
  return closedForms()
    .map((c) => ({ c, b: band(c) }))
    .filter((x) => x.b < 3)
    .sort((a, b) => a.b - b.b || a.c.cost - b.c.cost)
    .slice(0, max)
    .map((x) => x.c);
}

/** Removes what snapping leaves behind: 1·f, f + 0, f^1, −(−f), f + (−c) → f − c. */
export function tidy(e: Expr): Expr {
  if (e.t === 'un') {
    const a = tidy(e.a);
    if (e.op === 'neg' && a.t === 'un' && a.op === 'neg') return a.a;
    if (e.op === 'neg' && a.t === 'num' && a.value === 0) return a;
    return un(e.op, a);
  }
  if (e.t !== 'bin') return e;
  const a = tidy(e.a);
  const b = tidy(e.b);
  const isNum = (x: Expr, v: number) => x.t === 'num' && x.value === v;
  switch (e.op) {
    case 'mul':
      if (isNum(a, 1)) return b;
      if (isNum(b, 1)) return a;
      if (isNum(a, -1)) return un('neg', b);
      if (isNum(b, -1)) return un('neg', a);
      if (isNum(a, 0) || isNum(b, 0)) return numc(0, '0');
      break;
    case 'add':
      if (isNum(b, 0)) return a;
      if (isNum(a, 0)) return b;
      if (b.t === 'num' && b.value < 0)
        return bin('sub', a, numc(-b.value, b.text.replace(/^-/, '').replace(/^\((.*)\)$/, '$1')));
      if (b.t === 'un' && b.op === 'neg') return bin('sub', a, b.a);
      break;
    case 'sub':
      if (isNum(b, 0)) return a;
      if (isNum(a, 0)) return un('neg', b);
      break;
    case 'div':
      if (isNum(b, 1)) return a;
      break;
    case 'pow':
      if (isNum(b, 1)) return a;
      if (isNum(b, 0.5)) return un('sqrt', a);
      if (isNum(b, -1)) return un('inv', a);
      break;
  }
  return bin(e.op, a, b);
}

export interface Snapped {
  expr: Expr;
  params: Float64Array;
  mse: number;
  /** Constants replaced by closed forms. */
  snapped: number;
}

/** The parameter vector without entry i. */
function without(theta: Float64Array, i: number): Float64Array {
  return Float64Array.from([...theta.slice(0, i), ...theta.slice(i + 1)]);
}

/**
 * Greedy snapping of `expr` (fitted without linear scaling: its scale and offset, if any, are parameters too).
 * `accept(mse)` says whether a fit is still good enough.
 */
export function snapConstants(
  expr: Expr,
  theta: Float64Array,
  cols: Columns,
  y: Float64Array,
  accept: (mse: number) => boolean,
  opts: FitOptions,
): Snapped {
  let e = expr;
  let th = theta;
  let snapped = 0;
  const refitOpts = { ...opts, scaling: false, iterations: Math.min(opts.iterations, 20) };
  for (let i = 0; i < paramCount(e);) {
    let done = false;
    for (const c of nearbyForms(th[i])) {
      const e2 = substituteParams(e, (j) => (j === i ? numc(c.value, c.text) : null));
      const t2 = without(th, i);
      const s = t2.length > 0 ? levenbergMarquardt(e2, cols, y, t2, refitOpts) : stateAt(e2, cols, y, t2, false);
      if (s && accept(s.mse)) {
        e = e2;
        th = s.theta;
        snapped++;
        done = true;
        break;
      }
    }
    if (!done) i++;
  }
  // What is left stays a decimal constant leaf, rounded to the fewest digits that keep the fit — stricter than a
  // closed form (Δχ² ≤ 2): a rounded decimal buys only shorter text, and must not push points out of precision.
  const before = stateAt(e, cols, y, th, false);
  const roundOk = (mse: number) => before !== null && mse <= before.mse * (1 + 2 / y.length) && accept(mse);
  for (let i = 0; i < th.length; i++) {
    for (let d = 1; d <= 15; d++) {
      const t2 = Float64Array.from(th);
      t2[i] = Number(th[i].toPrecision(d));
      const s = stateAt(e, cols, y, t2, false);
      if (s && roundOk(s.mse)) {
        th = t2;
        break;
      }
    }
  }
  const final = stateAt(e, cols, y, th, false);
  // Tidying never drops a parameter unless a product with 0 swallowed one; then the untidied form is kept.
  const t = tidy(e);
  const tidied = paramCount(t) === th.length ? t : e;
  return { expr: tidied, params: th, mse: final ? final.mse : Infinity, snapped };
}
