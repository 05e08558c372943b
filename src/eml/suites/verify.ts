/**
 * Runs the suites: compile each item, evaluate the tree on its grid with the core's C99 complex semantics (batch
 * evaluator), compare the real part with the float64 reference, and report what the paper's harnesses report:
 * max error and where, max |Im|, non-finite count, plus K, depth and compile time.
 *
 * The paper's grids stop at |x| ≤ 8 (|x| ≤ 20 for sin and cos), where every mode's tree is right; a tree's stated
 * validity domain reaches much further (cosh to 354.9 in robust mode, 5.9 in shortest). So each item is also checked
 * on the extended grid: log-spaced points to |x| = 710 (along x = ±y for two variables) inside the compiled tree's
 * stated domain, judged by the domain's own criterion (domains.ts isRight: 1e−10 relative plus the cancellation
 * floor), which is what the domain claims.
 */
import { compileBatch } from '../evaluate/batch.ts';
import { compile, DEFAULT_COMPILE_MODE, type CompileMode, type CompileResult } from '../compiler/compile.ts';
import { isRight, scanLines } from '../compiler/domains.ts';
import { scanPoints } from '../compiler/scanGrid.ts';
import { evaluateMathWithScale } from '../math/evaluate.ts';
import { ALL_SUITE_ITEMS, type SuiteItem } from './grids.ts';

export interface VerifyOptions {
  mode?: CompileMode;
  clean?: boolean;
}

export interface VerifyResult {
  item: string;
  mode: CompileMode;
  clean: boolean;
  k: number;
  depth: number;
  samples: number;
  /** Max of |Re − ref| / max(1, |ref|): relative, absolute where the reference is below 1. */
  maxError: number;
  worst: { x: number; y?: number; value: number; reference: number } | null;
  /** Max |Im| / max(1, |ref|) over finite samples (the reference is real). */
  maxImag: number;
  /** In-domain samples where the tree gave NaN or ±∞ while the reference is finite. */
  nonFinite: number;
  /** Largest error/tolerance ratio over the grid; ≤ 1 means every point is within the item's tolerance. */
  worstRatio: number;
  pass: boolean;
  compileMs: number;
  /** Points of the extended grid (inside the stated domain, |x| ≤ 710), where the tree is wrong, and the widest |x|. */
  extended: { samples: number; wrong: number; maxAbsX: number; firstWrong: { x: number; y?: number } | null };
}

/** Points a decade of the extended grid, offset from the domain scan's own points (24 a decade, offset 0). */
export const EXTENDED_PER_DECADE = 12;

/** The item on log-spaced points inside the compiled tree's stated domain (see the file comment). */
export function verifyExtended(item: SuiteItem, compiled: CompileResult): VerifyResult['extended'] {
  const domain = compiled.domain;
  const out: VerifyResult['extended'] = { samples: 0, wrong: 0, maxAbsX: 0, firstWrong: null };
  if (!domain || domain.lines.length === 0) return out;
  const ts = scanPoints(EXTENDED_PER_DECADE, 0.5);
  const batch = compileBatch(compiled.tree, 'complex');
  scanLines(compiled.variables).forEach(({ at }, j) => {
    const inside = ts.filter((t) => domain.lines[j].intervals.some((iv) => iv.lo <= t && t <= iv.hi));
    const pts = inside.map(at);
    const inputs: Record<string, Float64Array> = {};
    for (const v of batch.variables) inputs[v] = Float64Array.from(pts, (p) => p[v]);
    const res = batch.run(inputs, pts.length);
    pts.forEach((p, i) => {
      const x = p.x ?? 0;
      const y = p.y ?? 0;
      const ref = item.reference(x, y);
      if (!Number.isFinite(ref)) return;
      const { scale } = evaluateMathWithScale(compiled.math, p);
      out.samples++;
      out.maxAbsX = Math.max(out.maxAbsX, Math.abs(x));
      if (!isRight({ re: res.re[i], im: res.im[i] }, { re: ref, im: 0 }, scale)) {
        out.wrong++;
        out.firstWrong ??= item.arity === 2 ? { x, y } : { x };
      }
    });
  });
  return out;
}

export function verifyItem(item: SuiteItem, options: VerifyOptions = {}): VerifyResult {
  const mode = options.mode ?? DEFAULT_COMPILE_MODE;
  const clean = options.clean ?? false;
  const t0 = performance.now();
  const compiled = compile(item.input, { mode, clean });
  const compileMs = performance.now() - t0;
  const { x, y } = item.points();
  const n = x.length;
  const inputs: Record<string, Float64Array> = {};
  for (const v of compiled.variables) inputs[v] = v === 'x' ? x : y;
  const out = compileBatch(compiled.tree, 'complex').run(inputs, n);
  let maxError = 0;
  let maxImag = 0;
  let nonFinite = 0;
  let worstRatio = 0;
  let worst: VerifyResult['worst'] = null;
  for (let i = 0; i < n; i++) {
    const ref = item.reference(x[i], y[i]);
    if (!Number.isFinite(ref)) continue;
    const re = out.re[i];
    const im = out.im[i];
    if (!Number.isFinite(re) || !Number.isFinite(im)) {
      nonFinite++;
      worstRatio = Infinity;
      continue;
    }
    const err = Math.abs(re - ref) / Math.max(1, Math.abs(ref));
    maxImag = Math.max(maxImag, Math.abs(im) / Math.max(1, Math.abs(ref)));
    worstRatio = Math.max(worstRatio, err / item.tolerance(x[i], y[i]));
    if (err > maxError || worst === null) {
      maxError = Math.max(err, maxError);
      worst = { x: x[i], ...(item.arity === 2 ? { y: y[i] } : {}), value: re, reference: ref };
    }
  }
  const extended = verifyExtended(item, compiled);
  return {
    item: item.name,
    mode,
    clean,
    k: compiled.k,
    depth: compiled.depth,
    samples: n,
    maxError,
    worst,
    maxImag,
    nonFinite,
    worstRatio,
    pass: nonFinite === 0 && worstRatio <= 1 && extended.wrong === 0,
    compileMs,
    extended,
  };
}

export function verifyAll(options: VerifyOptions = {}, items: readonly SuiteItem[] = ALL_SUITE_ITEMS): VerifyResult[] {
  return items.map((item) => verifyItem(item, options));
}
