/** The plot's texts: range validation messages and numbers rounded for display (signed zeros and ∞ visible). */
import { RANGE_LIMIT, tooNarrow } from './plotZoom.ts';

/** Why a range bound is not acceptable, or null. */
export function rangeError(fromText: string, toText: string): { from: string | null; to: string | null } {
  const parse = (t: string) => (t.trim() === '' ? NaN : Number(t.trim()));
  const a = parse(fromText);
  const b = parse(toText);
  const check = (v: number, name: string) =>
    Number.isNaN(v)
      ? `${name} must be a number`
      : !(Math.abs(v) <= RANGE_LIMIT)
        ? `${name} must lie between −1e15 and 1e15`
        : null;
  const from = check(a, 'x from');
  const to = check(b, 'x to');
  if (from || to) return { from, to };
  if (!(a < b)) return { from: 'x from must be less than x to', to: null };
  if (tooNarrow(a, b)) return { from: 'the range is too narrow to plot', to: null };
  return { from: null, to: null };
}

/** A number rounded to `digits` significant digits for display, with a true minus sign. */
export const displayNumber = (v: number, digits = 6): string => {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '−∞';
  if (v === 0) return Object.is(v, -0) ? '−0' : '0';
  const a = Math.abs(v);
  const s = a >= 1e-4 && a < 1e9 ? String(Number(v.toPrecision(digits))) : v.toExponential(digits - 1);
  return s.replace('-', '−');
};
