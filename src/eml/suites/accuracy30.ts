/**
 * Issue 12's accuracy check against a 30-digit reference (reference30.ts): a compiled tree evaluated in float64
 * with the core's complex semantics (batch.ts) at log-spaced real points to |x| = 710 (domains.ts scanPoints, along
 * the two diagonals for two variables), each point judged against the exact value. Shared by the tests
 * (accuracy30.test.ts) and `npm run check:domains` (scripts/checkDomains.ts). Tests and scripts only (decimal.js).
 *
 * "Right" at a point is the acceptance's: |tree − f| ≤ 1e−10·|f| (complex modulus; the tree's imaginary part counts
 * as error), with the absolute floor 1e−12·s + 1e−14 of domains.ts where f is much smaller than what it is computed
 * from (s the cancellation scale of reference30.ts: operands of sums that cancel, arguments of sin and cos — x² − y²
 * near x = ±y, sin near kπ, where no float64 evaluation is relatively accurate; a sum like 1 + x² adds nothing). Points where f is not real or beyond float64's range are not in the real domain: null.
 */
import type { EmlNode } from '../ast.ts';
import { compileBatch } from '../evaluate/batch.ts';
import { ABSOLUTE_TOLERANCE, RELATIVE_TOLERANCE, SCALE_TOLERANCE, scanLines } from '../compiler/domains.ts';
import { scanPoints } from '../compiler/scanGrid.ts';
import type { MathNode } from '../math/ast.ts';
import { evaluate30WithScale } from './reference30.ts';

export interface ScanLine {
  line: string;
  ts: number[];
  at: (t: number) => Record<string, number>;
  /** The 30-digit value as a double (null outside the real domain) and the float64 cancellation scale. */
  ref: Array<{ value: number; scale: number } | null>;
}

/** The scan lines of `variables` with the 30-digit reference at each point (the expensive part: compute once). */
export function referenceScan(
  math: MathNode,
  variables: readonly string[],
  perDecade: number,
  offset = 0.37,
  at?: readonly number[],
): ScanLine[] {
  const ts = at ? [...at] : scanPoints(perDecade, offset);
  const lines = variables.length === 0 ? [{ line: '', at: () => ({}) }] : scanLines(variables);
  const points = variables.length === 0 ? [0] : ts;
  return lines.map(({ line, at }) => ({
    line,
    ts: points,
    at,
    ref: points.map((t) => {
      const r = evaluate30WithScale(math, at(t));
      const value = r.value === null ? null : r.value.toNumber();
      if (value === null || !Number.isFinite(value)) return null;
      return { value, scale: r.scale };
    }),
  }));
}

export function right30(tree: { re: number; im: number }, ref: { value: number; scale: number }): boolean {
  const err = Math.hypot(tree.re - ref.value, tree.im);
  return err <= RELATIVE_TOLERANCE * Math.abs(ref.value) + SCALE_TOLERANCE * ref.scale + ABSOLUTE_TOLERANCE;
}

/** Per line, per point: null outside the real domain, else whether `tree` is right there against the reference. */
export function rightAgainst30(tree: EmlNode, scan: readonly ScanLine[]): Array<Array<boolean | null>> {
  const batch = compileBatch(tree);
  return scan.map(({ ts, at, ref }) => {
    const inputs: Record<string, Float64Array> = Object.create(null);
    for (const v of batch.variables) inputs[v] = Float64Array.from(ts, (t) => at(t)[v] ?? 0);
    const out = batch.run(inputs, ts.length);
    return ref.map((r, i) => (r === null ? null : right30({ re: out.re[i], im: out.im[i] }, r)));
  });
}

/**
 * The soundness scan of stated domains (compiler/treeDomain.test.ts, `npm run check:domains`): `perDecade` log-spaced
 * points on ±[1e−4, 710] (offset from the measurement's), one point every `tinyStep` decades from 1e−4 down to the
 * subnormals, and a linear grid of step 1/`linearSteps` on [−2, 2]: the float64 line as far as a compiled tree
 * can be finite, with the region near 0 that log spacing alone leaves thin.
 */
export function soundnessPoints(perDecade: number, tinyStep: number, linearSteps: number): number[] {
  const pos: number[] = scanPoints(perDecade, 0.37).filter((t) => t > 0);
  for (let k = 4.31; k < 324; k += tinyStep) pos.push(10 ** -k);
  pos.push(5e-324, 1e-323, 2.2250738585072014e-308);
  for (let i = 1; i <= 2 * linearSteps; i++) pos.push((i - 0.29) / linearSteps);
  return [...new Set([...pos, 0, ...pos.map((p) => -p)])].sort((a, b) => a - b);
}
