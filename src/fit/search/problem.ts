/**
 * A pasted table as a fitting problem: which column is the output (default the last) and which are inputs
 * (default the others), the inputs' names in formulas (the column names when they can be variables, else x, y,
 * z, u, v), every cell's text (the precision it carries), and a seeded train/validation split.
 */
import { invalidVariableReason } from '../../eml/ast.ts';
import { parseMath } from '../../eml/math/parser.ts';
import { Prng } from '../../training/prng.ts';
import { readTable, type Table } from '../table.ts';
import { inferPrecision, noisePrecision, statedDigitsPrecision, type Precision } from './precision.ts';
import type { SearchData } from './search.ts';

export const FALLBACK_NAMES = ['x', 'y', 'z', 'u', 'v'];
export const MAX_SEARCH_INPUTS = FALLBACK_NAMES.length;

export interface ProblemOptions {
  /** Output column: a name, or a 1-based index. */
  target?: string;
  /** Input columns (names or 1-based indices). */
  inputs?: string[];
  /** Relative noise level of the output, when the user states one. */
  noise?: number;
  /** Significant digits the output carries, when the user states them (instead of reading the cells). */
  digits?: number;
  /** Column of non-negative point weights (a name, or a 1-based index): weighted least squares. */
  weights?: string;
  validationFraction?: number;
  seed?: number;
}

export interface FitProblem {
  vars: string[];
  target: string;
  inputs: string[];
  train: SearchData;
  validation: SearchData;
  /** Tolerances with training points first, then validation points (as finishSearch expects). */
  precision: Precision;
  rows: number;
}

export type ProblemReading = { ok: true; problem: FitProblem; warnings: string[] } | { ok: false; errors: string[] };

/** A column name usable as a formula variable: an identifier the math parser reads as that variable. */
export function usableName(name: string): boolean {
  if (invalidVariableReason(name) !== null || /^_c\d+$/.test(name)) return false;
  try {
    const m = parseMath(name);
    return m.kind === 'var' && m.name === name;
  } catch {
    return false;
  }
}

function cellsOf(text: string, table: Table): string[][] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const sep = { comma: ',', tab: '\t', semicolon: ';', whitespace: null }[table.delimiter];
  return Array.from(table.lines, (ln) => {
    const l = lines[ln - 1];
    const raw = sep === null ? l.trim().split(/\s+/) : l.split(sep);
    return raw.map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  });
}

function findColumn(table: Table, spec: string, what: string): number | string {
  const byName = table.columns.indexOf(spec);
  if (byName >= 0) return byName;
  if (/^\d+$/.test(spec)) {
    const i = Number(spec) - 1;
    if (i >= 0 && i < table.columns.length) return i;
  }
  return `${what} "${spec}" is not a column: the columns are ${table.columns.map((c, i) => `${i + 1} "${c}"`).join(', ')} (give a name or a 1-based number)`;
}

/** Weights scaled to mean 1 over the points given, so a weighted MSE stays on the scale of an unweighted one. */
function normalisedWeights(w: Float64Array): Float64Array {
  let s = 0;
  for (const v of w) s += v;
  const k = s > 0 ? w.length / s : 1;
  return w.map((v) => v * k);
}

export function readProblem(text: string, opts: ProblemOptions = {}): ProblemReading {
  const read = readTable(text, 'auto');
  if (!read.ok) return { ok: false, errors: read.errors };
  const table = read.table;
  const m = table.columns.length;
  const out = opts.target === undefined ? m - 1 : findColumn(table, opts.target, '--target');
  if (typeof out === 'string') return { ok: false, errors: [out] };
  let ins: number[];
  if (opts.inputs === undefined) ins = Array.from({ length: m }, (_, i) => i).filter((i) => i !== out);
  else {
    ins = [];
    for (const s of opts.inputs) {
      const i = findColumn(table, s, '--inputs column');
      if (typeof i === 'string') return { ok: false, errors: [i] };
      if (i === out)
        return { ok: false, errors: [`--inputs: column "${s}" is the output column; choose other columns as inputs`] };
      if (ins.includes(i)) return { ok: false, errors: [`--inputs: column "${s}" is listed twice`] };
      ins.push(i);
    }
  }
  let wcol: number | null = null;
  if (opts.weights !== undefined) {
    const i = findColumn(table, opts.weights, '--weights column');
    if (typeof i === 'string') return { ok: false, errors: [i] };
    if (i === out || ins.includes(i))
      return {
        ok: false,
        errors: [`--weights: column "${opts.weights}" is already the output or an input; choose another column`],
      };
    const bad = table.data[i].findIndex((v) => !(v >= 0) || !Number.isFinite(v));
    if (bad >= 0)
      return {
        ok: false,
        errors: [
          `--weights: row ${bad + 1} of column "${table.columns[i]}" is ${table.data[i][bad]}; weights must be finite and ≥ 0`,
        ],
      };
    if (!table.data[i].some((v) => v > 0))
      return { ok: false, errors: [`--weights: every weight in column "${table.columns[i]}" is 0; some must be > 0`] };
    wcol = i;
  }
  if (opts.digits !== undefined && !(Number.isInteger(opts.digits) && opts.digits >= 1 && opts.digits <= 17))
    return {
      ok: false,
      errors: [`significant digits must be a whole number from 1 to 17, got ${opts.digits}`],
    };
  if (opts.noise !== undefined && opts.digits !== undefined)
    return {
      ok: false,
      errors: [
        'a noise level and significant digits were both stated; give one of them (or neither, to read the digits)',
      ],
    };
  if (ins.length === 0)
    return { ok: false, errors: ['no input column: a fit needs at least one input besides the output'] };
  if (ins.length > MAX_SEARCH_INPUTS)
    return {
      ok: false,
      errors: [
        `${ins.length} input columns; the search takes at most ${MAX_SEARCH_INPUTS} (choose them with --inputs)`,
      ],
    };
  const names = ins.map((i) => table.columns[i]);
  const vars =
    names.every(usableName) && new Set(names).size === names.length ? names : FALLBACK_NAMES.slice(0, ins.length);

  const cells = cellsOf(text, table);
  const n = table.rows;
  const vf = opts.validationFraction ?? 0.2;
  // At least 2 validation points whenever there are 6 rows, so a validation R² exists.
  const nv = n >= 10 ? Math.max(2, Math.round(vf * n)) : n >= 6 ? 2 : 1;
  const rng = new Prng(opts.seed ?? 1);
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  const valIdx = perm.slice(0, nv).sort((a, b) => a - b);
  const trainIdx = perm.slice(nv).sort((a, b) => a - b);
  const order = [...trainIdx, ...valIdx];
  const part = (idx: number[]): SearchData => ({
    vars,
    x: ins.map((c) => Float64Array.from(idx, (r) => table.data[c][r])),
    y: Float64Array.from(idx, (r) => table.data[out][r]),
    n: idx.length,
    ...(wcol !== null ? { w: normalisedWeights(Float64Array.from(idx, (r) => table.data[wcol][r])) } : {}),
  });
  const yAll = Float64Array.from(order, (r) => table.data[out][r]);
  const inferred = () =>
    inferPrecision(
      order.map((r) => cells[r][out]),
      ins.map((c) => order.map((r) => cells[r][c])),
    );
  const precision =
    opts.noise !== undefined
      ? noisePrecision(yAll, ins.length, opts.noise)
      : opts.digits !== undefined
        ? statedDigitsPrecision(yAll, inferred().x, opts.digits)
        : inferred();
  return {
    ok: true,
    problem: {
      vars,
      target: table.columns[out],
      inputs: names,
      train: part(trainIdx),
      validation: part(valIdx),
      precision,
      rows: n,
    },
    warnings: read.warnings,
  };
}
