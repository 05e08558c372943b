/** Text and JSON renderings of float64 and complex values, shared by the CLI and the views (signed zeros and ∞ kept visible). */
import type { Complex } from './evaluate/complex.ts';

/** A float as JSON can carry it: finite numbers as numbers, the rest as the strings "NaN", "Infinity", "-Infinity", "-0". */
export function jsonNumber(x: number): number | string {
  if (Object.is(x, -0)) return '-0';
  return Number.isFinite(x) ? x : String(x);
}

export function formatNumber(x: number): string {
  if (Object.is(x, -0)) return '-0';
  return String(x);
}

export function formatComplex(z: Complex): string {
  if (z.im === 0 && !Object.is(z.im, -0)) return formatNumber(z.re);
  const sign = z.im < 0 || Object.is(z.im, -0) ? '-' : '+';
  return `${formatNumber(z.re)} ${sign} ${formatNumber(Math.abs(z.im))}i`;
}

export const jsonComplex = (z: Complex) => ({ re: jsonNumber(z.re), im: jsonNumber(z.im) });

/** Parse a CLI number: decimals, "pi", "e", "inf", "-inf", "nan", and a+bi forms like "1+2i", "-0-0i". */
export function parseValue(text: string): Complex {
  const t = text.trim().toLowerCase().replace(/\s+/g, '');
  const real = (s: string): number => {
    const named: Record<string, number> = {
      pi: Math.PI,
      '-pi': -Math.PI,
      e: Math.E,
      '-e': -Math.E,
      inf: Infinity,
      infinity: Infinity,
      '+inf': Infinity,
      '-inf': -Infinity,
      '-infinity': -Infinity,
      nan: NaN,
      '-0': -0,
    };
    if (Object.hasOwn(named, s)) return named[s];
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(s))
      throw new Error(`"${text}" is not a number (examples: 2, -0.5, 1e-3, pi, inf, 1+2i)`);
    return Number(s);
  };
  const m = /^(.+?)([+-])(\d*\.?\d*(?:e[+-]?\d+)?|inf|nan)?i$/.exec(t);
  if (m && m[1] !== '' && !/e$/.test(m[1])) {
    const mag = m[3] === undefined || m[3] === '' ? 1 : real(m[3]);
    return { re: real(m[1]), im: m[2] === '-' ? -mag : mag };
  }
  if (/^[+-]?(\d*\.?\d*)?i$/.test(t)) {
    const coef = t.slice(0, -1);
    return { re: 0, im: coef === '' || coef === '+' ? 1 : coef === '-' ? -1 : real(coef) };
  }
  return { re: real(t), im: 0 };
}
