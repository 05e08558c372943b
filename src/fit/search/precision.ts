/**
 * The precision a table carries, read from its digits as written: a value printed as 0.097164 is known to
 * ±0.0000005 (half a unit in its last place). Pasted data are judged by this, not by float64's 1e−16: a law
 * evaluated at the data's inputs must land inside every value's rounding interval, widened by how far the
 * inputs' own rounding can move it.
 */

const DECIMAL = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Half a unit in the last written place of a decimal cell ("0.5" → 0.05, "1.20e3" → 5), or NaN if not decimal. */
export function halfUlp(cell: string): number {
  const m = DECIMAL.exec(cell.trim());
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return NaN;
  const frac = m[2] ?? '';
  const exp = Number(m[3] ?? '0') - frac.length;
  return 0.5 * 10 ** exp;
}

/** Significant digits as written ("0.097164" → 5, "100" → 3, "1.5e-3" → 2). */
export function significantDigits(cell: string): number {
  const m = DECIMAL.exec(cell.trim());
  if (!m) return NaN;
  const digits = ((m[1] ?? '') + (m[2] ?? '')).replace(/^0+/, '');
  return Math.max(1, digits.length);
}

export interface Precision {
  /** Absolute half-ulp of every output value. */
  y: Float64Array;
  /** Absolute half-ulp of every input value, per input column. */
  x: Float64Array[];
  /**
   * Typical significant digits of the output (the median over values with at least 2 digits written: JavaScript
   * drops trailing zeros, so "0.5" in a 10-digit table says nothing about the table's precision).
   */
  outputDigits: number;
  /** Where the precision came from: the digits, or a relative noise level the user gave. */
  source: 'digits' | 'noise';
  /** The relative noise level when source is 'noise'. */
  noise: number | null;
  /** True when the user stated the output's significant digits (else they were read from the cells). */
  digitsStated?: boolean;
}

function median(v: number[]): number {
  if (v.length === 0) return NaN;
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Per-value tolerances from the cells. Values whose written digits are fewer than the column's typical digits
 * (trailing zeros dropped) get the typical relative precision instead, so one short "0.5" does not loosen the
 * check at its point.
 */
export function inferPrecision(outputCells: readonly string[], inputCells: readonly (readonly string[])[]): Precision {
  // Inputs written as integers ("10", "300") are set points, taken as exact; an integer output is still ±0.5.
  const column = (cells: readonly string[], integersExact: boolean) => {
    const n = cells.length;
    const out = new Float64Array(n);
    const digits = cells.map(significantDigits).filter((d) => Number.isFinite(d) && d >= 2);
    const typical = median(digits);
    // A zero has no magnitude to take digits from: it is known to the finest place written in the column.
    let finest = Infinity;
    for (const c of cells) if (Number(c) !== 0) finest = Math.min(finest, halfUlp(c));
    for (let i = 0; i < n; i++) {
      const cell = cells[i];
      if (Number(cell) === 0 && Number.isFinite(finest) && !(integersExact && !/[.eE]/.test(cell))) {
        out[i] = finest;
        continue;
      }
      const v = Math.abs(Number(cell));
      const h = integersExact && !/[.eE]/.test(cell) ? 0 : halfUlp(cell);
      const d = significantDigits(cell);
      // A short cell such as "0.5" in a 10-digit column: assume it has the typical digits (it was rounded the same way).
      out[i] =
        h > 0 && Number.isFinite(typical) && d < typical && v > 0
          ? Math.min(h, 0.5 * 10 ** (Math.floor(Math.log10(v)) - typical + 1))
          : h;
      if (!Number.isFinite(out[i])) out[i] = 0;
    }
    return { out, typical };
  };
  const y = column(outputCells, false);
  return {
    y: y.out,
    x: inputCells.map((c) => column(c, true).out),
    outputDigits: Number.isFinite(y.typical) ? y.typical : 16,
    source: 'digits',
    noise: null,
  };
}

/** Fewest and most significant digits a user may state for the output. */
export const MIN_STATED_DIGITS = 1;
export const MAX_STATED_DIGITS = 17;

/**
 * Precision when the user states that the output carries `digits` significant digits: each value is known to half
 * a unit in its `digits`-th significant place (0.097164 at 3 digits: ±0.0005); a zero is known to the finest such
 * place in the column. The inputs keep the precision read from their own cells.
 */
export function statedDigitsPrecision(y: ArrayLike<number>, inputs: Float64Array[], digits: number): Precision {
  if (!Number.isInteger(digits) || digits < MIN_STATED_DIGITS || digits > MAX_STATED_DIGITS)
    throw new Error(
      `significant digits must be a whole number from ${MIN_STATED_DIGITS} to ${MAX_STATED_DIGITS}, got ${digits}`,
    );
  const n = y.length;
  const half = (v: number) => 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(v))) - digits + 1);
  let finest = Infinity;
  for (let i = 0; i < n; i++) if (y[i] !== 0 && Number.isFinite(y[i])) finest = Math.min(finest, half(y[i]));
  return {
    y: Float64Array.from({ length: n }, (_, i) =>
      y[i] === 0 || !Number.isFinite(y[i]) ? (Number.isFinite(finest) ? finest : 0) : half(y[i]),
    ),
    x: inputs,
    outputDigits: digits,
    source: 'digits',
    noise: null,
    digitsStated: true,
  };
}

/** Precision from a stated relative noise level: each value is known to ±noise·|y| (one standard deviation). */
export function noisePrecision(y: ArrayLike<number>, nInputs: number, noise: number): Precision {
  const n = y.length;
  return {
    y: Float64Array.from({ length: n }, (_, i) => noise * Math.abs(y[i])),
    x: Array.from({ length: nInputs }, () => new Float64Array(n)),
    outputDigits: Math.max(1, Math.round(-Math.log10(noise))),
    source: 'noise',
    noise,
  };
}

/**
 * The tolerance at each point for a model f: |f(x) − y| may reach the output's half-ulp plus the change the
 * inputs' rounding can cause (|∂f/∂x_j|·halfulp(x_j), derivatives by central differences), plus float64 slack.
 */
export function pointTolerances(
  prec: Precision,
  x: readonly Float64Array[],
  y: ArrayLike<number>,
  model: (x: readonly Float64Array[]) => Float64Array,
): Float64Array {
  const n = y.length;
  const tol = Float64Array.from(prec.y, (h, i) => h + 8 * Number.EPSILON * Math.abs(y[i]));
  x.forEach((col, j) => {
    const hx = prec.x[j];
    if (!hx || hx.every((v) => v === 0)) return;
    const step = Float64Array.from(col, (v) => 1e-6 * Math.max(Math.abs(v), 1e-3));
    const plus = x.map((c, k) => (k === j ? Float64Array.from(c, (v, i) => v + step[i]) : c));
    const minus = x.map((c, k) => (k === j ? Float64Array.from(c, (v, i) => v - step[i]) : c));
    const fp = model(plus);
    const fm = model(minus);
    for (let i = 0; i < n; i++) {
      const slope = (fp[i] - fm[i]) / (2 * step[i]);
      if (Number.isFinite(slope)) tol[i] += Math.abs(slope) * hx[i];
    }
  });
  return tol;
}
