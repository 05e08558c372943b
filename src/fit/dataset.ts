/**
 * From a parsed table to what training needs: the column mapping (one output, up to 3 inputs named x, y, z as in
 * the paper's model, optional weights), a seeded subsample for very large tables, and a seeded train/validation
 * split. Everything random goes through the training engine's seeded PRNG so a seed reproduces the same split.
 */
import { Prng } from '../training/prng.ts';
import type { TrainingData } from '../training/targets.ts';
import { excerpt, MAX_ROWS, type Table } from './table.ts';

export const MODEL_VARS = ['x', 'y', 'z'] as const;
export const MAX_INPUTS = 3;

export interface ColumnMapping {
  /** Column index of the output. */
  output: number;
  /** Column indices of the inputs, in model-variable order x, y, z. */
  inputs: number[];
  /** Column of non-negative point weights, or null. */
  weights: number | null;
}

export interface Dataset {
  vars: string[];
  x: Float64Array[];
  y: Float64Array;
  /** Point weights: they weight the metrics and, normalised to mean 1, the training loss (toTrainingData). */
  w: Float64Array | null;
  n: number;
  /** Row index in the table of each point. */
  rows: Int32Array;
}

/** Output = last column, inputs = the ones before it (at most 3): the usual "x, y, f" layout. */
export function defaultMapping(table: Pick<Table, 'columns'>): ColumnMapping {
  const m = table.columns.length;
  const inputs = Array.from({ length: Math.min(MAX_INPUTS, m - 1) }, (_, i) => i);
  return { output: m - 1, inputs, weights: null };
}

export function validateMapping(table: Pick<Table, 'columns' | 'data' | 'rows' | 'lines'>, m: ColumnMapping): string[] {
  const errors: string[] = [];
  const cols = table.columns.length;
  const inRange = (j: number) => Number.isInteger(j) && j >= 0 && j < cols;
  if (!inRange(m.output)) errors.push('Choose an output column.');
  if (m.inputs.length === 0) errors.push('Choose at least one input column.');
  if (m.inputs.length > MAX_INPUTS) errors.push(`At most ${MAX_INPUTS} inputs (x, y, z).`);
  m.inputs.forEach((j, i) => {
    if (!inRange(j)) errors.push(`Input ${MODEL_VARS[i] ?? i + 1} has no column.`);
    else if (j === m.output)
      errors.push(`“${excerpt(table.columns[j])}” cannot be both the output and input ${MODEL_VARS[i]}.`);
    else if (m.inputs.indexOf(j) !== i) errors.push(`“${excerpt(table.columns[j])}” is used for two inputs.`);
  });
  if (m.weights !== null) {
    if (!inRange(m.weights)) errors.push('The weights column does not exist.');
    else if (m.weights === m.output || m.inputs.includes(m.weights))
      errors.push(`“${excerpt(table.columns[m.weights])}” cannot be the weights and also an input or the output.`);
    else {
      const w = table.data[m.weights];
      for (let i = 0; i < table.rows; i++) {
        if (!(w[i] >= 0)) {
          errors.push(`Line ${table.lines[i]}: weight ${w[i]} is negative; weights must be ≥ 0.`);
          break;
        }
      }
    }
  }
  return errors;
}

export function toDataset(table: Table, m: ColumnMapping): Dataset {
  const all = Int32Array.from({ length: table.rows }, (_, i) => i);
  return pick(table, m, all);
}

function pick(table: Table, m: ColumnMapping, rows: Int32Array): Dataset {
  const col = (j: number) => Float64Array.from(rows, (i) => table.data[j][i]);
  return {
    vars: m.inputs.map((_, i) => MODEL_VARS[i]),
    x: m.inputs.map(col),
    y: col(m.output),
    w: m.weights === null ? null : col(m.weights),
    n: rows.length,
    rows,
  };
}

/** `count` distinct indices of [0, n), chosen with a seeded partial Fisher–Yates shuffle, in ascending order. */
export function sampleIndices(n: number, count: number, seed: number): Int32Array {
  const k = Math.min(n, Math.max(0, count));
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  const rng = new Prng(seed);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  return perm.slice(0, k).sort();
}

/** The smallest subsample a table over MAX_ROWS rows may be cut to. */
export const MIN_SAMPLE_ROWS = 100;

/**
 * The table mapped to a dataset. A table with more than MAX_ROWS rows is cut to a seeded random subsample of
 * `sampleRows` (≤ MAX_ROWS) rows; smaller tables are used whole, whatever `sampleRows` says.
 */
export function datasetOf(table: Table, m: ColumnMapping, seed: number, sampleRows = MAX_ROWS): Dataset {
  if (table.rows <= MAX_ROWS) return toDataset(table, m);
  const k = Math.max(MIN_SAMPLE_ROWS, Math.min(MAX_ROWS, Math.floor(sampleRows)));
  return pick(table, m, sampleIndices(table.rows, k, seed ^ 0x5bd1e995));
}

export function subset(ds: Dataset, idx: ArrayLike<number>): Dataset {
  const take = (a: Float64Array) => Float64Array.from(idx, (i) => a[i]);
  return {
    vars: [...ds.vars],
    x: ds.x.map(take),
    y: take(ds.y),
    w: ds.w ? take(ds.w) : null,
    n: idx.length,
    rows: Int32Array.from(idx, (i) => ds.rows[i]),
  };
}

export interface Split {
  train: Dataset;
  validation: Dataset;
}

/**
 * Seeded split: round(n·fraction) validation points (at least 1 when fraction > 0 and n ≥ 2, so the certificate
 * always has held-out points), the rest for training. Same (n, fraction, seed) → same split.
 */
export function splitDataset(ds: Dataset, validationFraction: number, seed: number): Split {
  const f = Math.min(0.9, Math.max(0, validationFraction));
  let nv = Math.round(ds.n * f);
  if (f > 0 && ds.n >= 2) nv = Math.max(1, Math.min(ds.n - 1, nv));
  const val = sampleIndices(ds.n, nv, seed ^ 0x2c1b3c6d);
  const isVal = new Uint8Array(ds.n);
  for (const i of val) isVal[i] = 1;
  const train: number[] = [];
  for (let i = 0; i < ds.n; i++) if (!isVal[i]) train.push(i);
  return { train: subset(ds, train), validation: subset(ds, val) };
}

/**
 * The engine's view of a dataset. Weights are rescaled to mean 1 so the trainer's absolute loss thresholds mean the
 * same with and without them; weights that sum to 0 (or are not finite) carry no usable scale and are dropped.
 */
export function toTrainingData(ds: Dataset): TrainingData {
  const out: TrainingData = {
    vars: [...ds.vars],
    x: ds.x.map((c) => Float64Array.from(c)),
    target: Float64Array.from(ds.y),
    n: ds.n,
  };
  if (ds.w && ds.n > 0) {
    let sum = 0;
    for (let i = 0; i < ds.n; i++) sum += ds.w[i];
    if (sum > 0 && Number.isFinite(sum)) out.weight = Float64Array.from(ds.w, (w) => (w * ds.n) / sum);
  }
  return out;
}

export function concatDatasets(a: Dataset, b: Dataset): Dataset {
  const cat = (p: Float64Array, q: Float64Array) => {
    const o = new Float64Array(p.length + q.length);
    o.set(p);
    o.set(q, p.length);
    return o;
  };
  const rows = new Int32Array(a.n + b.n);
  rows.set(a.rows);
  rows.set(b.rows, a.n);
  return {
    vars: [...a.vars],
    x: a.x.map((c, i) => cat(c, b.x[i])),
    y: cat(a.y, b.y),
    w: a.w && b.w ? cat(a.w, b.w) : null,
    n: a.n + b.n,
    rows,
  };
}
