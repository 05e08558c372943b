/**
 * The real-line domain of a compiled tree derived from its constructions (issue 12): every node a lowering built
 * records its rule and operands (constructions.ts), every rule states its analysed limits (rules.ts Rule.limits,
 * e.g. the short sum's a + b ≤ e + 727.8), and here each limit is carried back to the input variables. The operands'
 * ranges come from interval arithmetic on their readings (readings.ts) over a piece of the scan line; a piece where
 * the limit holds for the whole range is kept, one where it fails for the whole range is dropped, and the rest is
 * bisected down to a relative width of 1e−12 (the inverse image of a monotone operand is found this way to that
 * resolution). The result is what analysis alone says, and it is not stated as a domain: it ignores precision lost
 * before a limit is reached and so overclaims (treeDomain.test.ts shows three trees wrong inside it). The stated
 * domain is the measured one (domains.ts); treeDomain.ts labels its ends with the limits found here (each line's
 * `cuts`), and limits.test.ts checks that the analysed and measured ends agree where they should.
 *
 * Not derived (null): a tree with a node whose operands have no real reading (the trig templates' e^{iz}), more
 * than two variables, or a constant tree. Precision lost gradually (cancellation in a − b, sin of a huge argument) is
 * not a limit of a construction and is not derived: the measurement states it.
 */
import { topoOrder, type EmlNode } from '../ast.ts';
import { evaluate } from '../evaluate/interpreter.ts';
import type { MathNode } from '../math/ast.ts';
import { parseMath } from '../math/parser.ts';
import { constructionOf } from './constructions.ts';
import { scanLines, type Interval } from './domains.ts';
import { SCAN_LIMIT } from './scanGrid.ts';
import { readingOf } from './readings.ts';
import { RULES_BY_ID, type RuleLimit } from './rules.ts';

type Range = [number, number];

export interface DerivedLine {
  line: string;
  /** Where every construction's limits hold, as maximal intervals of the scan parameter within |t| ≤ SCAN_LIMIT. */
  intervals: Interval[];
  /** The interval ends a limit put there (not the scan's ±SCAN_LIMIT), each with the limit that cut it. */
  cuts: Array<{ at: number; limit: string }>;
}

export interface DerivedDomain {
  lines: DerivedLine[];
  /** The limits that cut the line somewhere, as "rule: on ≤ value (why)", without repeats. */
  active: string[];
}

const parsedLimits = new Map<string, MathNode>();
const limitMath = (l: RuleLimit) => parsedLimits.get(l.on) ?? parsedLimits.set(l.on, parseMath(l.on)).get(l.on)!;

/** Resolution of the bisection, relative to max(1, |t|). */
const RESOLUTION = 1e-12;
/** Bisection depth cap per piece (2^−60 of 1 420 is below float64's spacing anyway). */
const MAX_DEPTH = 60;

/** Interval evaluations one derivation may spend; past it the derivation gives up (null), like the domain scan. */
export const DERIVE_WORK_BUDGET = 200_000;
class OverBudget extends Error {}
let workLeft = Infinity;

export function deriveDomain(
  tree: EmlNode,
  variables: readonly string[],
  budget = DERIVE_WORK_BUDGET,
): DerivedDomain | null {
  if (variables.length === 0 || variables.length > 2) return null;
  workLeft = budget;
  try {
    return deriveWithin(tree, variables);
  } catch (e) {
    if (e instanceof OverBudget) return null;
    throw e;
  } finally {
    workLeft = Infinity;
  }
}

function deriveWithin(tree: EmlNode, variables: readonly string[]): DerivedDomain | null {
  const checks: Array<{ label: string; ok: (t: Range) => boolean | 'split' | null }> = [];
  for (const n of topoOrder(tree)) {
    const c = constructionOf(n);
    if (!c) continue;
    const rule = RULES_BY_ID.get(c.rule)!;
    for (const limit of rule.limits) {
      const env = new Map(rule.operands.map((name, i) => [name, c.operands[i]] as const));
      checks.push({ label: `${rule.id}: ${limitText(limit)}`, ok: (t) => holds(limit, env, t) });
    }
  }
  // Built once per line: the operand readings are interval-evaluated along it.
  const active = new Set<string>();
  const lines: DerivedLine[] = [];
  for (const { line, at } of scanLines(variables)) {
    lineAt = at;
    let good: Interval[] = [{ lo: -SCAN_LIMIT, hi: SCAN_LIMIT }];
    const cutBy = new Map<number, string>();
    for (const check of checks) {
      const kept = intersect(good, (t) => check.ok(t));
      if (kept === null) return null;
      if (!sameIntervals(kept, good)) {
        active.add(check.label);
        const before = new Set(good.flatMap((iv) => [iv.lo, iv.hi]));
        for (const end of kept.flatMap((iv) => [iv.lo, iv.hi])) if (!before.has(end)) cutBy.set(end, check.label);
      }
      good = kept;
    }
    const cuts = good
      .flatMap((iv) => [iv.lo, iv.hi])
      .flatMap((at) => (cutBy.has(at) ? [{ at, limit: cutBy.get(at)! }] : []));
    lines.push({ line, intervals: good, cuts });
  }
  return { lines, active: [...active] };
}

const limitText = (l: RuleLimit) =>
  `${l.atLeast !== undefined ? `${l.atLeast.toPrecision(6)} ≤ ` : ''}${l.on}${l.atMost !== undefined ? ` ≤ ${l.atMost.toPrecision(6)}` : ''} (${l.why})`;

/** The current scan line's map from t to the variables (set per line by deriveDomain). */
let lineAt: (t: number) => Record<string, number> = () => ({});

/** true: the limit holds on the whole piece; false: fails on all of it; null: not decidable (not real, unknown). */
function holds(limit: RuleLimit, operands: ReadonlyMap<string, EmlNode>, t: Range): boolean | 'split' | null {
  const r = range(limitMath(limit), (name) => operandRange(operands.get(name)!, t));
  if (r === null) return null;
  const [lo, hi] = r;
  const below = limit.atMost === undefined || hi <= limit.atMost;
  const above = limit.atLeast === undefined || lo >= limit.atLeast;
  if (below && above) return true;
  if ((limit.atMost !== undefined && lo > limit.atMost) || (limit.atLeast !== undefined && hi < limit.atLeast))
    return false;
  return 'split';
}

/** The sub-intervals of `good` where `ok` holds, by bisection; null when some piece cannot be decided. */
function intersect(good: readonly Interval[], ok: (t: Range) => boolean | 'split' | null): Interval[] | null {
  const out: Interval[] = [];
  const visit = (lo: number, hi: number, depth: number): boolean => {
    const v = ok([lo, hi]);
    if (v === null) return false;
    if (v === true) {
      push(out, lo, hi);
      return true;
    }
    if (v === false) return true;
    // At the resolution, the piece's midpoint decides (interval arithmetic cannot shrink x·x near 0 to a point).
    if (hi - lo <= RESOLUTION * Math.max(1, Math.abs(lo), Math.abs(hi)) || depth >= MAX_DEPTH) {
      const mid = (lo + hi) / 2;
      if (ok([mid, mid]) === true) push(out, lo, hi);
      return true;
    }
    const mid = (lo + hi) / 2;
    return visit(lo, mid, depth + 1) && visit(mid, hi, depth + 1);
  };
  for (const iv of good) if (!visit(iv.lo, iv.hi, 0)) return null;
  return out;
}

function push(out: Interval[], lo: number, hi: number): void {
  const last = out.at(-1);
  if (last && last.hi === lo) last.hi = hi;
  else out.push({ lo, hi });
}

const sameIntervals = (a: readonly Interval[], b: readonly Interval[]) =>
  a.length === b.length && a.every((iv, i) => iv.lo === b[i].lo && iv.hi === b[i].hi);

/**
 * The range of an operand node over a piece of the line: a constant's value; else its reading's range; else, for a
 * node a construction built inside another (the negation in x − (−y), a partial product), its rule's value over its
 * own operands' ranges.
 */
function operandRange(node: EmlNode, t: Range): Range | null {
  if (--workLeft < 0) throw new OverBudget();
  if (isClosed(node)) {
    const v = evaluate(node, {});
    return v.im === 0 && Number.isFinite(v.re) ? [v.re, v.re] : null;
  }
  const m = readingOf(node);
  if (m) {
    const lo = lineAt(t[0]);
    const hi = lineAt(t[1]);
    return range(m, (name) => {
      const a = lo[name];
      const b = hi[name];
      return a === undefined ? null : [Math.min(a, b), Math.max(a, b)];
    });
  }
  const c = constructionOf(node);
  if (!c) return null;
  const rule = RULES_BY_ID.get(c.rule)!;
  return range(ruleMath(rule.math), (name) => {
    const i = rule.operands.indexOf(name);
    return i < 0 ? null : operandRange(c.operands[i], t);
  });
}
const ruleMath = (text: string) => parsedRules.get(text) ?? parsedRules.set(text, parseMath(text)).get(text)!;
const parsedRules = new Map<string, MathNode>();

const closedMemo = new WeakMap<EmlNode, boolean>();
function isClosed(n: EmlNode): boolean {
  let c = closedMemo.get(n);
  if (c === undefined) closedMemo.set(n, (c = topoOrder(n).every((m) => m.kind !== 'var')));
  return c;
}

/**
 * Real interval arithmetic on ordinary math: the range of `m` when each variable ranges over `vars(name)`; null
 * where the value is not real on the whole box or an operation is not supported. Outward rounding is not applied:
 * the ends are compared with limits hundreds of units from any rounding.
 */
export function range(m: MathNode, vars: (name: string) => Range | null): Range | null {
  const go = (x: MathNode): Range | null => range(x, vars);
  switch (m.kind) {
    case 'num':
      return point(Number(m.value.num) / Number(m.value.den));
    case 'const':
      if (m.name === 'e') return point(Math.E);
      if (m.name === 'pi') return point(Math.PI);
      if (m.name === 'phi') return point((1 + Math.sqrt(5)) / 2);
      return null;
    case 'var':
      return vars(m.name);
    case 'neg': {
      const a = go(m.arg);
      return a && [-a[1], -a[0]];
    }
    case 'call':
      return m.args.length === 1 ? call(m.fn, go(m.args[0])) : null;
    case 'eml': {
      // exp(a) − ln(b), real for b > 0.
      const a = go(m.left);
      const b = go(m.right);
      return a && b && b[0] > 0 ? [Math.exp(a[0]) - Math.log(b[1]), Math.exp(a[1]) - Math.log(b[0])] : null;
    }
    default: {
      const a = go(m.left);
      const b = go(m.right);
      return a && b && binary(m.kind, a, b, m.right);
    }
  }
}
const point = (v: number): Range => [v, v];
const hull = (...vs: number[]): Range | null => (vs.some(Number.isNaN) ? null : [Math.min(...vs), Math.max(...vs)]);

function binary(kind: 'add' | 'sub' | 'mul' | 'div' | 'pow', a: Range, b: Range, right: MathNode): Range | null {
  switch (kind) {
    case 'add':
      return [a[0] + b[0], a[1] + b[1]];
    case 'sub':
      return [a[0] - b[1], a[1] - b[0]];
    case 'mul':
      return hull(a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]);
    case 'div':
      if (b[0] <= 0 && b[1] >= 0) return null;
      return hull(a[0] / b[0], a[0] / b[1], a[1] / b[0], a[1] / b[1]);
    case 'pow': {
      // Integer powers only (x², x³, x^−1); a real base to another power may not be real.
      if (right.kind !== 'num' || right.value.den !== 1n) return null;
      const k = Number(right.value.num);
      if (k < 0) {
        const positive = binary('pow', a, b, { kind: 'num', value: { num: BigInt(-k), den: 1n } });
        return positive && binary('div', [1, 1], positive, right);
      }
      const lo = a[0] ** k;
      const hi = a[1] ** k;
      if (k % 2 === 1 || a[0] >= 0) return hull(lo, hi);
      if (a[1] <= 0) return hull(lo, hi);
      return [0, Math.max(lo, hi)];
    }
  }
}

function call(fn: string, a: Range | null): Range | null {
  if (!a) return null;
  switch (fn) {
    case 'exp':
      return [Math.exp(a[0]), Math.exp(a[1])];
    case 'ln':
      return a[0] > 0 ? [Math.log(a[0]), Math.log(a[1])] : null;
    case 'sqrt':
      return a[0] >= 0 ? [Math.sqrt(a[0]), Math.sqrt(a[1])] : null;
    case 'abs':
      return a[0] >= 0 ? a : a[1] <= 0 ? [-a[1], -a[0]] : [0, Math.max(-a[0], a[1])];
    case 'sinh':
      return [Math.sinh(a[0]), Math.sinh(a[1])];
    case 'tanh':
      return [Math.tanh(a[0]), Math.tanh(a[1])];
    case 'cosh':
      return a[0] >= 0
        ? [Math.cosh(a[0]), Math.cosh(a[1])]
        : a[1] <= 0
          ? [Math.cosh(a[1]), Math.cosh(a[0])]
          : [1, Math.max(Math.cosh(a[0]), Math.cosh(a[1]))];
    case 'sin':
    case 'cos':
      return [-1, 1];
    case 'atan':
      return [Math.atan(a[0]), Math.atan(a[1])];
    case 'sigmoid':
      return [1 / (1 + Math.exp(-a[0])), 1 / (1 + Math.exp(-a[1]))];
    default:
      return null;
  }
}
