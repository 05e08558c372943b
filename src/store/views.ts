/**
 * What the playground's views compute from the applied tree, each computed once per change and shared by every
 * view that shows it: the sizes (metrics), the trace at the sliders (the Tree's per-node values and flags, the
 * Formula's value and the Plot's cursor are one evaluation), the plot model (the tree compiled for sampling), the
 * named-block recogniser and the per-node readings of the decompiler (the Formula's terms and the Tree's tooltip).
 *
 * These follow the tree, not the document: a tree is hash-consed, so the same tree object means the same results,
 * and each cache is keyed by it. They are computed on first use, not on apply, because the views stage large trees
 * (ui/budgets.ts) and a view that is not shown should cost nothing.
 */
import type { EmlNode } from '../eml/ast.ts';
import { createRecogniser } from '../eml/decompiler/blocks.ts';
import { decompile, type DecompileResult } from '../eml/decompiler/decompile.ts';
import type { Complex } from '../eml/evaluate/complex.ts';
import { EvaluationError, finiteViolationError, trace, type Trace } from '../eml/evaluate/interpreter.ts';
import { preparePlot, type PlotModel } from '../eml/evaluate/plotSampling.ts';
import type { Semantics } from '../eml/evaluate/semantics.ts';
import type { InputReading } from '../eml/input.ts';
import { metrics, type Metrics } from '../eml/metrics.ts';

/** One recogniser for the page: its cache serves the Tree, the Formula and the tour, and survives edits. */
export const recognise = createRecogniser();

const sizes = new WeakMap<EmlNode, Metrics>();

/** metrics(tree), once per tree for all views (it walks every distinct node: ~90 ms on a 100 000-deep chain). */
export function sizeOf(tree: EmlNode): Metrics {
  let m = sizes.get(tree);
  if (!m) sizes.set(tree, (m = metrics(tree)));
  return m;
}

/** Records `tree`'s metrics measured elsewhere (the Expression box's reading worker), so no view walks it again. */
export function knownSize(tree: EmlNode, m: Metrics): void {
  if (!sizes.has(tree)) sizes.set(tree, m);
}

/** The tree evaluated at the sliders: every node's value and flags, or why there is no value. */
export interface SliderTrace {
  trace: Trace | null;
  value: Complex | null;
  error: string | null;
}

let lastTrace: { tree: EmlNode; x: number; y: number; semantics: Semantics; result: SliderTrace } | null = null;

/**
 * The trace of `tree` at (x, y) under `semantics`, computed once per (tree, x, y, semantics): the last one is kept,
 * since the Tree, the Formula and the Plot ask for the same one in the same render. `value` and `error` are what
 * evaluate gives (a finite-only violation is an error); `trace` is there whenever the tree could be traced.
 */
export function traceAtSliders(tree: EmlNode, x: number, y: number, semantics: Semantics): SliderTrace {
  const l = lastTrace;
  if (l && l.tree === tree && Object.is(l.x, x) && Object.is(l.y, y) && l.semantics === semantics) return l.result;
  let result: SliderTrace;
  const missing = sizeOf(tree).variables.filter((v) => v !== 'x' && v !== 'y');
  if (missing.length > 0) {
    result = { trace: null, value: null, error: `no value for ${missing.join(', ')} (only x and y have sliders)` };
  } else {
    try {
      const t = trace(tree, { x, y }, semantics);
      // Finite-only: the trace keeps every node's value and flag, but the tree has no value (evaluate's rule).
      const violation = t.finiteViolation ? finiteViolationError(tree, t.finiteViolation) : null;
      result = { trace: t, value: violation ? null : t.value, error: violation?.message ?? null };
    } catch (e) {
      // EvaluationError is the expected case; anything else is still shown in place rather than break three views.
      result = { trace: null, value: null, error: e instanceof EvaluationError ? e.message : String(e) };
    }
  }
  lastTrace = { tree, x, y, semantics, result };
  return result;
}

let lastModel: { reading: InputReading; semantics: Semantics; model: PlotModel | null } | null = null;

/**
 * The plot model of the applied reading (the tree compiled once for sampling, with the ordinary-math reference
 * when the tree was compiled from it), once per (reading, semantics).
 */
export function plotModelOf(reading: InputReading, semantics: Semantics): PlotModel | null {
  if (lastModel && lastModel.reading === reading && lastModel.semantics === semantics) return lastModel.model;
  const model = reading.ok
    ? preparePlot(reading.tree, semantics, reading.kind === 'math' ? reading.compiled.math : null)
    : null;
  lastModel = { reading, semantics, model };
  return model;
}

const readings = new WeakMap<EmlNode, DecompileResult | null>();

/**
 * The decompiler's reading of one node (a named part in the Formula, the hovered node in the Tree), once per node
 * for both; null when it fails. Callers bound the size they ask for: the decompiler's time grows fast with K.
 */
export function nodeReading(node: EmlNode): DecompileResult | null {
  let r = readings.get(node);
  if (r === undefined) {
    try {
      r = decompile(node);
    } catch {
      r = null;
    }
    readings.set(node, r);
  }
  return r;
}
