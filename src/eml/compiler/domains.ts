/**
 * Validity domains of compiled trees, measured: where on the real line (float64) a tree equals the function it was
 * compiled from. The tree is evaluated with the core's C99 complex arithmetic (batch.ts) and compared with the
 * math expression evaluated directly (math/evaluate.ts: libm on the real axis, principal-branch formulas off it) on
 * a dense log-spaced scan out to |x| = 710, past which exp overflows and nothing the compiler builds is finite.
 *
 * Why measured rather than derived: every construction's limits come from exp overflowing (e^709.78), exp
 * underflowing inside the short sum (e^{e − a − b} = 0 once a + b ≳ 747), or ln ∘ exp wrapping imaginary parts by
 * 2π, and a composition moves those thresholds by what flows into them (x² reaches 709.78 at x = 26.6). A scan of
 * the composed tree gives the composed thresholds exactly to the scan's resolution; the tests check the stated
 * intervals on a scan four times denser (domains.test.ts).
 *
 * "Right" at a point: |tree − f| ≤ 1e−10·|f| + 1e−12·s + 1e−14 (complex modulus), s the input's cancellation scale at that
 * point (math/evaluate.ts evaluateMathWithScale: the largest operand of a sum whose operands cancel and argument of
 * a trig function; a sum that does not cancel, like 1 + x², adds nothing, or a tree returning 0 would pass there).
 * The absolute term matters only where f is much smaller than what it is computed from (sin near kπ, x² − y² near
 * x = ±y), where no float64 evaluation is relatively accurate. Points where f is not finite are not in f's domain
 * and count neither way; nor, for domains, do points where f is not real (acosh x for x < 1, ln x for x < 0): the
 * stated domain is part of f's real domain. (Robust mode's comparison with paper mode counts complex values too.)
 */
import type { EmlNode } from '../ast.ts';
import { compileBatch } from '../evaluate/batch.ts';
import { mathSize, type MathNode } from '../math/ast.ts';
import { evaluateMathWithScale } from '../math/evaluate.ts';
import {
  chargeScan,
  MAX_SCANNED_K,
  MEASURE_WORK_BUDGET,
  measurePoints,
  SCAN_FLOOR,
  SCAN_LIMIT,
  withScanBudget,
} from './scanGrid.ts';

export const RELATIVE_TOLERANCE = 1e-10;
/** Absolute tolerance per unit of cancellation scale: ~10⁴ roundings of 1.1e−16 through a tree's chains. */
export const SCALE_TOLERANCE = 1e-12;

/** A closed interval of the scan parameter t (x itself for one variable; the position along a line for two). */
export interface Interval {
  lo: number;
  hi: number;
}

export interface LineDomain {
  /** How the scan parameter t maps to the variables, e.g. 'x = t' or 'x = t, y = t'. */
  line: string;
  /** Maximal runs of scan points where the tree is right, each from its first to its last right point. */
  intervals: Interval[];
  /** Scan points where f is finite and the tree is not right (measured DOMAIN_MARGIN times stricter). */
  wrong: number;
  /** Scan points where f is finite and real. */
  defined: number;
}

export interface ValidityDomain {
  /** One entry per scanned line; empty for closed (variable-free) trees, which are checked at one point. */
  lines: LineDomain[];
  /** True when the tree is right at every scanned point where f is finite. */
  everywhere: boolean;
  /**
   * Conditions off the real line, derived from the tree's nodes (wrapConditions.ts): every ln(exp b) whose 2πi slip
   * reaches the result adds "|Im b| < π", b in the input's terms. Shortest mode's short sum a + b states
   * "|Im(a + b)| < π" (its inner e − a and (e − a) − b feed an exp, so their slips cancel); a plain subtraction
   * a − b = exp(ln a) − ln(exp b) used as it is states "|Im(b)| < π" (x − y in every mode; robust and paper x + y =
   * x − (−y) state |Im(y)| < π: robust x + y at x = 1, y = 4i gives 1 − 2.28i). Empty when nothing can slip.
   */
  complex: string[];
  /** Plain-language statement, e.g. "equals cosh(x) for −12.5 ≤ x ≤ 5.90 (float64)". */
  text: string;
  /**
   * Where each interval end inside |t| < SCAN_LIMIT comes from (treeDomain.ts): an analysed construction limit or
   * the scan alone. Absent on a bare measurement.
   */
  ends?: DomainEnd[];
  /** Whether the constructions' limits could be derived for this tree (treeDomain.ts); absent on a bare measurement. */
  analysed?: boolean;
}

export interface DomainEnd {
  line: string;
  at: number;
  source: 'analysed' | 'measured';
  /** The limit, as limits.ts states it ("add-short: a + b ≤ 730.523 (…)"), for an analysed end. */
  limit?: string;
}

/**
 * Absolute floor: EML sums pass through e − (e − a), whose rounding is ~ulp(e) = 4.4e−16 whatever a is, so no
 * tree is relatively accurate for values below ~1e−14 reached through a sum (x + y at y = −x is 0 ± 1e−15).
 */
export const ABSOLUTE_TOLERANCE = 1e-14;
/**
 * Domains are measured this many times stricter than they are claimed: a tree whose error hovers near 1e−10 (asinh
 * at large negative x, through the cancellation in x + √(x² + 1)) crosses the threshold at points no scan can all
 * sample; measured at 1e−11, what is stated holds at 1e−10 between the scan's points.
 */
export const DOMAIN_MARGIN = 10;

export function isRight(
  tree: { re: number; im: number },
  f: { re: number; im: number },
  scale: number,
  strictness = 1,
): boolean {
  const err = Math.hypot(tree.re - f.re, tree.im - f.im);
  const size = Math.hypot(f.re, f.im);
  return err * strictness <= RELATIVE_TOLERANCE * size + SCALE_TOLERANCE * scale + ABSOLUTE_TOLERANCE;
}

/** f and its cancellation scale along a line, null where f is not finite (outside its domain). */
export type Reference = Array<{ value: { re: number; im: number }; scale: number } | null>;

/** `realOnly`: also null where f is not real (ln x for x < 0, acosh x for x < 1): outside f's real domain. */
export function referenceOn(
  math: MathNode,
  variables: readonly string[],
  ts: readonly number[],
  at: (t: number) => Record<string, number>,
  realOnly = false,
): Reference {
  chargeScan(mathSize(math) * ts.length);
  return ts.map((t) => {
    const r = evaluateMathWithScale(math, Object.fromEntries(variables.map((v) => [v, at(t)[v]])));
    return finite(r.value) && (!realOnly || r.value.im === 0) ? r : null;
  });
}

/** Per scan point: null where f is not finite, else whether the tree is right there. */
export function rightOn(
  tree: EmlNode,
  ref: Reference,
  ts: readonly number[],
  at: (t: number) => Record<string, number>,
  strictness = 1,
): Array<boolean | null> {
  const batch = compileBatch(tree);
  chargeScan(batch.stats.distinctNodes * ts.length);
  const inputs: Record<string, Float64Array> = Object.create(null); // a variable named __proto__ is an own entry
  for (const v of batch.variables) inputs[v] = Float64Array.from(ts, (t) => valueAt(at(t), v));
  const out = batch.run(inputs, ts.length);
  return ref.map((r, i) =>
    r === null ? null : isRight({ re: out.re[i], im: out.im[i] }, r.value, r.scale, strictness),
  );
}

/** A scan point's value of `v`, 0 when the scan leaves it out; own entries only (never Object.prototype's). */
const valueAt = (point: Record<string, number>, v: string): number => (Object.hasOwn(point, v) ? point[v] : 0);

const finite = (z: { re: number; im: number }) => Number.isFinite(z.re) && Number.isFinite(z.im);

/** The lines a tree of these variables is scanned along: the axis for one, the two diagonals for two. */
export function scanLines(
  variables: readonly string[],
): Array<{ line: string; at: (t: number) => Record<string, number> }> {
  if (variables.length === 1) {
    const [x] = variables;
    return [{ line: `${x} = t`, at: (t) => ({ [x]: t }) }];
  }
  if (variables.length === 2) {
    const [x, y] = variables;
    return [
      { line: `${x} = t, ${y} = t`, at: (t) => ({ [x]: t, [y]: t }) },
      { line: `${x} = t, ${y} = −t`, at: (t) => ({ [x]: t, [y]: -t }) },
    ];
  }
  return [];
}

export function rightAt(
  tree: EmlNode,
  math: MathNode,
  variables: readonly string[],
  ts: readonly number[],
  at: (t: number) => Record<string, number>,
  strictness = 1,
  realOnly = false,
): Array<boolean | null> {
  return rightOn(tree, referenceOn(math, variables, ts, at, realOnly), ts, at, strictness);
}

/** Bisection steps per edge: a scan spacing of ~10 % narrowed to ~1e−13 relative. */
const EDGE_STEPS = 40;

/** A one-point check (null where f is not finite), the tree compiled for the batch evaluator once. */
export function pointChecker(
  tree: EmlNode,
  math: MathNode,
  variables: readonly string[],
  at: (t: number) => Record<string, number>,
  strictness = 1,
  realOnly = false,
): (t: number) => boolean | null {
  const batch = compileBatch(tree);
  const inputs: Record<string, Float64Array> = Object.create(null); // a variable named __proto__ is an own entry
  for (const v of batch.variables) inputs[v] = new Float64Array(1);
  return (t) => {
    const ref = referenceOn(math, variables, [t], at, realOnly)[0];
    if (ref === null) return null;
    chargeScan(batch.stats.distinctNodes);
    const point = at(t);
    for (const v of batch.variables) inputs[v][0] = valueAt(point, v);
    const out = batch.run(inputs, 1);
    return isRight({ re: out.re[0], im: out.im[0] }, ref.value, ref.scale, strictness);
  };
}

/** The last right point between a right scan point `good` and a wrong one `bad`, by bisection. */
export function edgeBetween(
  right: (t: number) => boolean | null,
  good: number,
  bad: number,
  steps = EDGE_STEPS,
): number {
  for (let k = 0; k < steps; k++) {
    const mid = (good + bad) / 2;
    if (mid === good || mid === bad) break;
    if (right(mid) === true) good = mid;
    else bad = mid;
  }
  return good;
}

/** Maximal runs of right points; ends next to a wrong point are moved out to where the tree stops being right. */
function runs(
  ts: readonly number[],
  ok: ReadonlyArray<boolean | null>,
  right: (t: number) => boolean | null,
): Interval[] {
  const out: Interval[] = [];
  let cur: Interval | null = null;
  let lastWrong = -1;
  ts.forEach((t, i) => {
    if (ok[i] === null) return;
    if (ok[i]) {
      if (cur) cur.hi = t;
      else out.push((cur = { lo: lastWrong >= 0 ? edgeBetween(right, t, ts[lastWrong]) : t, hi: t }));
    } else {
      if (cur) cur.hi = edgeBetween(right, cur.hi, t);
      cur = null;
      lastWrong = i;
    }
  });
  return out;
}

/** The measured validity domain of `tree` as an implementation of `math` (variables in sorted order). */
export function measureDomain(
  tree: EmlNode,
  math: MathNode,
  variables: readonly string[],
  name: string,
  /** The tree's complex-plane conditions (wrapConditions.ts); null when there were too many to state. */
  complex: readonly string[] | null = [],
): ValidityDomain | null {
  if (tree.k > MAX_SCANNED_K || variables.length > 2) return null;
  const d = withScanBudget(
    () => measureWithin(tree, math, variables, name),
    () => null,
    MEASURE_WORK_BUDGET,
  );
  if (!d) return null;
  // Stated after the real-line part: the scan measures the real line, the conditions come from the constructions.
  if (complex === null)
    return { ...d, complex: [], text: `${d.text}; off the real line not analysed (too many terms)` };
  if (complex.length === 0 || variables.length === 0) return { ...d, complex: [] };
  return { ...d, complex: [...complex], text: `${d.text}; off the real line it needs ${complex.join(' and ')}` };
}

function measureWithin(
  tree: EmlNode,
  math: MathNode,
  variables: readonly string[],
  name: string,
): Omit<ValidityDomain, 'complex'> {
  if (variables.length === 0) {
    const ok = rightAt(tree, math, variables, [0], () => ({}), DOMAIN_MARGIN, true)[0];
    const everywhere = ok !== false;
    return {
      lines: [],
      everywhere,
      text: everywhere ? `equals ${name} (float64)` : `does not equal ${name} in float64`,
    };
  }
  const ts = measurePoints();
  const lines = scanLines(variables).map(({ line, at }) => {
    const ok = rightAt(tree, math, variables, ts, at, DOMAIN_MARGIN, true);
    const right = pointChecker(tree, math, variables, at, DOMAIN_MARGIN, true);
    const rightAtPoints = (pts: readonly number[]) => rightAt(tree, math, variables, pts, at, DOMAIN_MARGIN, true);
    return {
      line,
      intervals: clearNearZero(runs(ts, ok, right), ts, ok, rightAtPoints),
      wrong: ok.filter((v) => v === false).length,
      defined: ok.filter((v) => v !== null).length,
    };
  });
  const everywhere = lines.every((l) => l.wrong === 0);
  return { lines, everywhere, text: domainText(name, variables, lines, everywhere) };
}

/**
 * Below SCAN_FLOOR the points are decades apart, and a tree can alternate there between right and wrong at random
 * (acot x for −1e−14 < x < 0 is −π/2 or +π/2 as the sign of a rounding error falls, about half the points): so on
 * a side of 0 where a point under SCAN_FLOOR is wrong, that side is scanned again at TINY_RECHECK points a decade
 * from the wrong point out to SCAN_FLOOR, and nothing within a decade of the farthest wrong point found or nearer
 * 0 (but 0 itself) is stated: the wrong points thin out towards the region's edge (acot: a quarter of the points in
 * its last decade, 1e−15 to 1e−14), and a rescan misses some of the last. A monotone threshold (EML ln x
 * overflowing below 1.1e−307) loses a decade of right points next to it, stated honestly as measured.
 */
function clearNearZero(
  intervals: readonly Interval[],
  ts: readonly number[],
  ok: ReadonlyArray<boolean | null>,
  rightAtPoints: (pts: readonly number[]) => Array<boolean | null>,
): Interval[] {
  let negWrong = 0; // the wrong point under SCAN_FLOOR farthest from 0 on each side (0: none)
  let posWrong = 0;
  ts.forEach((t, i) => {
    if (ok[i] !== false || t === 0 || Math.abs(t) >= SCAN_FLOOR) return;
    if (t < 0) negWrong = Math.min(negWrong, t);
    else posWrong = Math.max(posWrong, t);
  });
  if (negWrong === 0 && posWrong === 0) return [...intervals];
  // Per side: where statements resume, a decade out from the farthest wrong point of a dense rescan.
  const keptFrom = (wrong: number): number => {
    const sign = Math.sign(wrong);
    const pts: number[] = [];
    const to = Math.log10(SCAN_FLOOR);
    for (let e = Math.log10(Math.abs(wrong)) + 1 / TINY_RECHECK; e < to; e += 1 / TINY_RECHECK)
      pts.push(sign * 10 ** e);
    let far = wrong;
    rightAtPoints(pts).forEach((v, i) => {
      if (v === false) far = pts[i];
    });
    return sign * Math.min(SCAN_FLOOR, 10 * Math.abs(far));
  };
  const neg = negWrong === 0 ? 0 : keptFrom(negWrong);
  const pos = posWrong === 0 ? 0 : keptFrom(posWrong);
  // Kept: (−∞, neg] ∪ {0} ∪ [pos, ∞), which is everything on a side with no wrong point (its end is 0).
  const out: Interval[] = [];
  for (const iv of intervals) {
    if (iv.lo <= neg) out.push({ lo: iv.lo, hi: Math.min(iv.hi, neg) });
    if (iv.lo <= 0 && iv.hi >= 0) out.push({ lo: 0, hi: 0 });
    if (iv.hi >= pos) out.push({ lo: Math.max(iv.lo, pos), hi: iv.hi });
  }
  return mergeSorted(out);
}
/** Points a decade in the rescan of a side of 0 where a point under SCAN_FLOOR is wrong. */
const TINY_RECHECK = 24;

function mergeSorted(ivs: Interval[]): Interval[] {
  ivs.sort((a, b) => a.lo - b.lo || a.hi - b.hi);
  const out: Interval[] = [];
  for (const iv of ivs) {
    const last = out.at(-1);
    if (last && iv.lo <= last.hi) last.hi = Math.max(last.hi, iv.hi);
    else out.push({ ...iv });
  }
  return out;
}

/** `digits` significant digits, rounded towards the inside of the interval so the statement never overclaims. */
function rounded(v: number, inward: 'up' | 'down', digits: number): number {
  if (v === 0) return 0;
  const mag = 10 ** (Math.floor(Math.log10(Math.abs(v))) - (digits - 1));
  const r = (inward === 'up' ? Math.ceil(v / mag) : Math.floor(v / mag)) * mag;
  return Number(r.toPrecision(digits));
}
const show = (v: number) => String(v).replaceAll('-', '−');

function intervalText(iv: Interval, v: string): string {
  // Three significant digits, more where rounding inwards would cross the ends over (−300.4 ≤ x ≤ −300.2).
  let digits = 3;
  while (digits < 12 && rounded(iv.lo, 'up', digits) >= rounded(iv.hi, 'down', digits) && iv.lo < iv.hi) digits++;
  const lo = iv.lo <= -SCAN_LIMIT ? null : show(rounded(iv.lo, 'up', digits));
  const hi = iv.hi >= SCAN_LIMIT ? null : show(rounded(iv.hi, 'down', digits));
  if (lo === null && hi === null) return `all ${v}`;
  if (lo === null) return `${v} ≤ ${hi}`;
  if (hi === null) return `${v} ≥ ${lo}`;
  return lo === hi ? `${v} = ${lo}` : `${lo} ≤ ${v} ≤ ${hi}`;
}

function domainText(
  name: string,
  variables: readonly string[],
  lines: readonly LineDomain[],
  everywhere: boolean,
): string {
  const scanned = `|${variables.length === 1 ? variables[0] : 't'}| ≤ ${SCAN_LIMIT}`;
  if (everywhere)
    return `equals ${name} wherever it is real on the real ${variables.length === 1 ? 'line' : 'lines scanned'} (${scanned}, float64)`;
  const parts = lines.map((l) => {
    const v = variables.length === 1 ? variables[0] : 't';
    // At most the four widest pieces, in order; the rest are counted.
    const shown = [...l.intervals]
      .sort((a, b) => b.hi - b.lo - (a.hi - a.lo))
      .slice(0, 4)
      .sort((a, b) => a.lo - b.lo);
    const more = l.intervals.length - shown.length;
    const ivs =
      l.intervals.length === 0
        ? 'nowhere'
        : shown.map((iv) => intervalText(iv, v)).join(', ') +
          (more > 0 ? ` and ${more} narrower piece${more > 1 ? 's' : ''}` : '');
    return variables.length === 1 ? `for ${ivs}` : `along ${l.line} for ${ivs}`;
  });
  return `equals ${name} ${parts.join('; ')} (float64; wrong elsewhere within ${scanned})`;
}
