/**
 * Runs the suites: compile each item, evaluate the tree on its grid with the core's C99 complex semantics (batch
 * evaluator), compare the real part with the float64 reference, and report what the paper's harnesses report:
 * max error and where, max |Im|, non-finite count, plus K, depth and compile time.
 */
import { compileBatch } from '../evaluate/batch.ts';
import { compile, DEFAULT_COMPILE_MODE, type CompileMode } from '../compiler/compile.ts';
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
    pass: nonFinite === 0 && worstRatio <= 1,
    compileMs,
  };
}

export function verifyAll(options: VerifyOptions = {}, items: readonly SuiteItem[] = ALL_SUITE_ITEMS): VerifyResult[] {
  return items.map((item) => verifyItem(item, options));
}
