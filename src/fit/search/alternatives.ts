/**
 * Equal readings of a candidate that may compile to a shorter EML tree. The search keeps, of all expressions with
 * the same values, the one it met first (fewest nodes), but K of the compiled tree does not follow node count:
 * ln(x/y) compiles to K 23 while ln x − ln y becomes eml(ln ln x, y), K 15, after shortening (shorten.ts).
 *
 * The rewrites hold for positive arguments only (ln(a·b) = ln a + ln b needs a, b > 0), so a reading is used
 * only after its values are checked against the candidate's (finish.ts), never on the rules' word alone. Each
 * rewrite keeps its operands in order and uses each once, so parameter numbering is unchanged.
 */
import { evalValues, type Columns } from './evalExpr.ts';
import { bin, renumber, un, type Expr } from './expr.ts';
import { emlOf, type EmlForm } from './toEml.ts';

/** The rewrites of one node (both directions where both can be shorter). */
function rewritesAt(e: Expr): Expr[] {
  const out: Expr[] = [];
  if (e.t === 'un' && e.op === 'ln' && e.a.t === 'bin') {
    const { a, b } = e.a;
    if (e.a.op === 'div') out.push(bin('sub', un('ln', a), un('ln', b)));
    if (e.a.op === 'mul') out.push(bin('add', un('ln', a), un('ln', b)));
    if (e.a.op === 'pow') out.push(bin('mul', un('ln', a), b));
  }
  if (e.t === 'un' && e.op === 'ln' && e.a.t === 'un' && e.a.op === 'inv') out.push(un('neg', un('ln', e.a.a)));
  if (e.t === 'un' && e.op === 'neg' && e.a.t === 'un' && e.a.op === 'ln') out.push(un('ln', un('inv', e.a.a)));
  if (e.t === 'bin' && e.op === 'sub' && e.b.t === 'un' && e.b.op === 'ln' && e.a.t === 'un' && e.a.op === 'ln') {
    out.push(un('ln', bin('div', e.a.a, e.b.a)));
  }
  if (e.t === 'bin' && (e.op === 'div' || e.op === 'mul') && e.b.t === 'un' && e.b.op === 'exp') {
    // a / exp(b) = exp(ln a − b), a · exp(b) = exp(ln a + b)
    out.push(un('exp', bin(e.op === 'div' ? 'sub' : 'add', un('ln', e.a), e.b.a)));
  }
  if (e.t === 'un' && e.op === 'exp' && e.a.t === 'bin' && (e.a.op === 'sub' || e.a.op === 'add')) {
    // exp(a − b) = exp(a) / exp(b), exp(a + b) = exp(a) · exp(b)
    out.push(bin(e.a.op === 'sub' ? 'div' : 'mul', un('exp', e.a.a), un('exp', e.a.b)));
  }
  return out;
}

/** Every expression that differs from `e` by one rewrite at one node, at most `max` of them. */
export function alternativeForms(e: Expr, max = 64): Expr[] {
  const out: Expr[] = [];
  const walk = (x: Expr, rebuild: (y: Expr) => Expr) => {
    for (const r of rewritesAt(x)) if (out.length < max) out.push(renumber(rebuild(r)));
    if (x.t === 'un') walk(x.a, (y) => rebuild(un(x.op, y)));
    if (x.t === 'bin') {
      walk(x.a, (y) => rebuild(bin(x.op, y, x.b)));
      walk(x.b, (y) => rebuild(bin(x.op, x.a, y)));
    }
  };
  walk(e, (y) => y);
  return out;
}

/** Whether `b` gives `a`'s values (to 1e−10 relative) at every point of `cols` where `a` is finite. */
export function sameValues(a: Expr, b: Expr, params: ArrayLike<number>, cols: Columns): boolean {
  const va = evalValues(a, cols, params);
  const vb = evalValues(b, cols, params);
  for (let i = 0; i < cols.n; i++) {
    if (!Number.isFinite(va[i])) continue;
    if (!(Math.abs(va[i] - vb[i]) <= 1e-10 * Math.max(1, Math.abs(va[i])))) return false;
  }
  return true;
}

/**
 * The reading of `e` with the smallest EML tree among `e` and its alternative forms whose values agree with
 * `e`'s on `check` (the data and fresh points in their range); `e` itself when none is smaller.
 */
export function shortestReading(
  e: Expr,
  form: EmlForm,
  params: ArrayLike<number>,
  vars: readonly string[],
  check: Columns,
): { expr: Expr; form: EmlForm } {
  let best = { expr: e, form };
  for (const alt of alternativeForms(e)) {
    const f = emlOf(alt, vars);
    if (f && f.k < best.form.k && sameValues(e, alt, params, check)) best = { expr: alt, form: f };
  }
  return best;
}
