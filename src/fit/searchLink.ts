/**
 * A finished formula search inside a `#fit/…` link (runCodec.ts), so the link opens on its result: the Pareto
 * front's formulas (trees, readable forms, verdicts, metrics, the search expression and constants), the choice, and
 * how it was run (seed, budget, workers). Non-finite numbers travel as strings ("NaN", "Infinity"), as in the
 * CLI's JSON. Everything read back is untrusted: each field is checked and bounded here, and the page re-measures
 * every formula on the link's data in a worker before trusting its numbers (store/searchSlice.ts, workers).
 */
import { BINARY_OPS, UNARY_OPS, type Expr } from './search/expr.ts';
import type { FitReport, FormulaResult, Metrics } from './search/report.ts';

/** At most this many Pareto rows, characters of tree / formula / LaTeX, and nodes of a search expression. */
export const LINK_LIMITS = { rows: 100, tree: 20_000, text: 4_000, nodes: 400, params: 32 } as const;

export interface SearchLinkData {
  report: FitReport;
  bestIndex: number;
  scores: number[];
  seed: number;
  budgetS: number;
  workers: number;
  seconds: number;
  evaluated: number;
  stopped: string;
  noise: number | null;
}

const enc = (v: number): number | string => (Number.isFinite(v) ? v : String(v));
const metricsOut = (m: Metrics) => ({ r2: enc(m.r2), rmse: enc(m.rmse), maxError: enc(m.maxError) });

function rowOut(r: FormulaResult) {
  return {
    tree: r.tree,
    formula: r.formula,
    latex: r.latex,
    k: r.k,
    depth: r.depth,
    constants: r.constants.map(enc),
    verdict: r.verdict,
    train: metricsOut(r.train),
    validation: metricsOut(r.validation),
    rmse: enc(r.rmse),
    withinPrecision: enc(r.withinPrecision),
    noiseRms: enc(r.noiseRms),
    fresh: r.fresh ? { points: r.fresh.points, maxRelError: enc(r.fresh.maxRelError), pass: r.fresh.pass } : null,
    expr: r.expr,
    params: r.params.map(enc),
  };
}

/** The plain JSON a link carries, or null when the result is too large for one (the link then offers Play). */
export function searchLinkJson(d: SearchLinkData): unknown | null {
  const rows = d.report.pareto;
  if (
    rows.length > LINK_LIMITS.rows ||
    rows.some(
      (r) =>
        r.tree.length > LINK_LIMITS.tree || r.latex.length > LINK_LIMITS.text || r.formula.length > LINK_LIMITS.text,
    )
  )
    return null;
  const p = d.report.precision;
  return {
    pareto: rows.map(rowOut),
    bestIndex: d.bestIndex,
    scores: d.scores.map(enc),
    precision: {
      source: p.source,
      outputDigits: enc(p.outputDigits),
      noise: p.noise,
      ...(p.digitsStated ? { digitsStated: true } : {}),
    },
    noiseUsed: d.report.noise,
    seed: d.seed,
    budgetS: d.budgetS,
    workers: d.workers,
    seconds: enc(d.seconds),
    evaluated: d.evaluated,
    stopped: d.stopped,
    noise: d.noise,
  };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A number, or a non-finite one written as a string; undefined when neither. */
function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return undefined;
}

function text(v: unknown, max: number): string | undefined {
  return typeof v === 'string' && v.length <= max ? v : undefined;
}

const UNARY = new Set<string>(UNARY_OPS);
const BINARY = new Set<string>(BINARY_OPS);

/** A search expression (plain JSON) checked node by node, or a reason. */
export function readExpr(raw: unknown, nParams: number): Expr | string {
  let nodes = 0;
  const walk = (v: unknown, depth: number): Expr | string => {
    if (++nodes > LINK_LIMITS.nodes || depth > 100) return 'the formula expression is too large';
    if (!isObj(v)) return 'a formula node is not an object';
    switch (v.t) {
      case 'var':
        return typeof v.i === 'number' && Number.isInteger(v.i) && v.i >= 0 && v.i < 5
          ? { t: 'var', i: v.i }
          : 'a variable index is out of range';
      case 'param':
        return typeof v.i === 'number' && Number.isInteger(v.i) && v.i >= 0 && v.i < nParams
          ? { t: 'param', i: v.i }
          : 'a constant index is out of range';
      case 'num': {
        const value = num(v.value);
        const t = text(v.text, 200);
        return value !== undefined && Number.isFinite(value) && t !== undefined
          ? { t: 'num', value, text: t }
          : 'a fixed constant is not a number with its text';
      }
      case 'un': {
        if (typeof v.op !== 'string' || !UNARY.has(v.op)) return 'unknown function in a formula';
        const a = walk(v.a, depth + 1);
        return typeof a === 'string' ? a : { t: 'un', op: v.op as 'exp', a };
      }
      case 'bin': {
        if (typeof v.op !== 'string' || !BINARY.has(v.op)) return 'unknown operation in a formula';
        const a = walk(v.a, depth + 1);
        if (typeof a === 'string') return a;
        const b = walk(v.b, depth + 1);
        return typeof b === 'string' ? b : { t: 'bin', op: v.op as 'add', a, b };
      }
      default:
        return 'unknown formula node';
    }
  };
  return walk(raw, 0);
}

function readMetrics(v: unknown): Metrics | undefined {
  if (!isObj(v)) return undefined;
  const r2 = num(v.r2);
  const rmse = num(v.rmse);
  const maxError = num(v.maxError);
  return r2 === undefined || rmse === undefined || maxError === undefined ? undefined : { r2, rmse, maxError };
}

function readRow(v: unknown, i: number): FormulaResult | string {
  const at = `Pareto row ${i + 1}`;
  if (!isObj(v)) return `${at} is not an object`;
  const tree = text(v.tree, LINK_LIMITS.tree);
  const formula = text(v.formula, LINK_LIMITS.text);
  const latex = text(v.latex, LINK_LIMITS.text);
  if (tree === undefined || formula === undefined || latex === undefined)
    return `${at}: its tree, formula or LaTeX is missing or too long`;
  if (!(
    typeof v.k === 'number' &&
    Number.isInteger(v.k) &&
    v.k >= 1 &&
    v.k <= 1e7 &&
    typeof v.depth === 'number' &&
    Number.isInteger(v.depth) &&
    v.depth >= 0 &&
    v.depth <= 1e7
  ))
    return `${at}: K or depth is not a whole number`;
  if (v.verdict !== 'exact' && v.verdict !== 'exact-noisy' && v.verdict !== 'approximation')
    return `${at}: unknown verdict`;
  const train = readMetrics(v.train);
  const validation = readMetrics(v.validation);
  const rmse = num(v.rmse);
  const withinPrecision = num(v.withinPrecision);
  const noiseRms = num(v.noiseRms);
  if (!train || !validation || rmse === undefined || withinPrecision === undefined || noiseRms === undefined)
    return `${at}: its metrics are not numbers`;
  if (
    !Array.isArray(v.params) ||
    v.params.length > LINK_LIMITS.params ||
    !Array.isArray(v.constants) ||
    v.constants.length > LINK_LIMITS.params
  )
    return `${at}: its constants are not a short list`;
  const params = v.params.map(num);
  const constants = v.constants.map(num);
  if (params.some((p) => p === undefined || !Number.isFinite(p)) || constants.some((c) => c === undefined))
    return `${at}: a constant is not a finite number`;
  const expr = readExpr(v.expr, params.length);
  if (typeof expr === 'string') return `${at}: ${expr}`;
  let fresh: FormulaResult['fresh'] = null;
  if (v.fresh !== null) {
    const f = v.fresh;
    const maxRelError = isObj(f) ? num(f.maxRelError) : undefined;
    if (
      !isObj(f) ||
      typeof f.points !== 'number' ||
      !Number.isInteger(f.points) ||
      f.points < 0 ||
      maxRelError === undefined ||
      typeof f.pass !== 'boolean'
    )
      return `${at}: its fresh-point check is malformed`;
    fresh = { points: f.points, maxRelError, pass: f.pass };
  }
  // An "exact" verdict is only believed with a passed fresh-point check behind it.
  if (v.verdict !== 'approximation' && !fresh?.pass)
    return `${at}: an exact verdict without a passed fresh-point check`;
  return {
    tree,
    formula,
    latex,
    k: v.k,
    depth: v.depth,
    constants: constants as number[],
    verdict: v.verdict,
    train,
    validation,
    rmse,
    withinPrecision,
    noiseRms,
    fresh,
    expr,
    params: params as number[],
  };
}

/** The search result a link carries, checked field by field, or the first problem. */
export function readSearchLink(raw: unknown): SearchLinkData | string {
  if (!isObj(raw)) return 'the search result is not an object';
  if (!Array.isArray(raw.pareto) || raw.pareto.length < 1 || raw.pareto.length > LINK_LIMITS.rows)
    return `the search result has no Pareto front of 1–${LINK_LIMITS.rows} rows`;
  const pareto: FormulaResult[] = [];
  for (let i = 0; i < raw.pareto.length; i++) {
    const r = readRow(raw.pareto[i], i);
    if (typeof r === 'string') return r;
    pareto.push(r);
  }
  const bestIndex = raw.bestIndex;
  if (typeof bestIndex !== 'number' || !Number.isInteger(bestIndex) || bestIndex < 0 || bestIndex >= pareto.length)
    return 'the chosen formula is not a row of the front';
  if (!Array.isArray(raw.scores) || raw.scores.length !== pareto.length) return 'the scores do not match the front';
  const scores = raw.scores.map(num);
  if (scores.some((s) => s === undefined)) return 'a score is not a number';
  const p = raw.precision;
  if (
    !isObj(p) ||
    (p.source !== 'digits' && p.source !== 'noise') ||
    num(p.outputDigits) === undefined ||
    !(p.noise === null || (typeof p.noise === 'number' && p.noise > 0 && p.noise <= 0.5))
  )
    return 'the precision is malformed';
  const noiseUsed = raw.noiseUsed;
  if (!(noiseUsed === null || (typeof noiseUsed === 'number' && Number.isFinite(noiseUsed) && noiseUsed >= 0)))
    return 'the noise level used is not a number';
  const noise = raw.noise;
  if (!(noise === null || (typeof noise === 'number' && noise > 0 && noise <= 0.5)))
    return 'the stated noise level is not in (0, 0.5]';
  const ints = ['seed', 'workers', 'evaluated'] as const;
  for (const k of ints)
    if (!(
      typeof raw[k] === 'number' &&
      Number.isInteger(raw[k]) &&
      (raw[k] as number) >= 0 &&
      (raw[k] as number) <= 2 ** 53
    ))
      return `${k} is not a whole number`;
  const budgetS = raw.budgetS;
  const seconds = num(raw.seconds);
  if (typeof budgetS !== 'number' || !Number.isFinite(budgetS) || budgetS <= 0 || seconds === undefined)
    return 'the budget or time is not a number';
  const stopped = text(raw.stopped, 20);
  if (stopped === undefined) return 'how the search stopped is not text';
  const report: FitReport = {
    best: pareto[bestIndex],
    pareto,
    precision: {
      source: p.source,
      outputDigits: num(p.outputDigits)!,
      noise: p.noise as number | null,
      ...(p.digitsStated === true ? { digitsStated: true } : {}),
    },
    noise: noiseUsed as number | null,
  };
  return {
    report,
    bestIndex,
    scores: scores as number[],
    seed: raw.seed as number,
    budgetS,
    workers: raw.workers as number,
    seconds,
    evaluated: raw.evaluated as number,
    stopped,
    noise: noise as number | null,
  };
}
