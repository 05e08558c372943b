/**
 * The plot's sampling, shared by the playground's plot and its derived state: a tree compiled once per (tree,
 * semantics) into a PlotModel, then sampled over [xMin, xMax] with the batch evaluator, the reference function
 * evaluated at the same points, the flagged points found and the points where the tree departs from the reference
 * marked (domains.ts's "right", the criterion of the stated validity domain); `valueAt` reads the same program at one point (the
 * cursor), so it matches the curve exactly. Pure; the drawing (scales, paths) is src/ui/plot/plotData.ts.
 */
import { topoOrder, type EmlNode } from '../ast.ts';
import { mathVariables, type MathNode } from '../math/ast.ts';
import { departureCause, type DepartureCause } from '../compiler/departureCause.ts';
import { isRight } from '../compiler/domains.ts';
import { evaluateMathWithScale } from '../math/evaluate.ts';
import { compileBatch, type CompiledTree } from './batch.ts';
import type { Complex } from './complex.ts';
import { trace } from './interpreter.ts';
import type { Semantics } from './semantics.ts';

/** Number of sample points: 1001, so that x = 0 is a sample of every symmetric range (e.g. −4 … 4). */
export const PLOT_SAMPLES = 1001;

/** Per tree and semantics: compiled once, reused by every redraw. */
export interface PlotModel {
  tree: EmlNode;
  semantics: Semantics;
  /** The tree's variables, sorted. */
  variables: string[];
  usesX: boolean;
  usesY: boolean;
  /** Variables other than x and y: held at 0 in the plot. */
  heldAtZero: string[];
  /**
   * Produces the plotted values. For 'complex' and 'finite' this is the 'finite' compilation, whose values are those
   * of 'complex' and which also marks invalid points, so one run gives both.
   */
  values: CompiledTree;
  /** A separate finite-only run for the markers ('real-extended' only; null when not needed or not informative). */
  flagRun: CompiledTree | null;
  /**
   * A constant part of the tree breaks the finite-only rules (e.g. the ln 0 inside compiled −1), so finite-only
   * would reject every point; markers then show only the non-finite results.
   */
  closedViolation: boolean;
  reference: MathNode | null;
  referenceVariables: string[];
}

/** Whether a variable-free subtree passes through ln 0 or a non-finite value (the batch evaluator's closed check). */
function hasClosedViolation(tree: EmlNode, variables: readonly string[]): boolean {
  const order = topoOrder(tree);
  const dynamic = new Set<number>();
  for (const n of order) {
    if (n.kind === 'var' || (n.kind === 'eml' && (dynamic.has(n.left.id) || dynamic.has(n.right.id))))
      dynamic.add(n.id);
  }
  if (dynamic.size === order.length) return false;
  const t = trace(tree, Object.fromEntries(variables.map((v) => [v, NaN])), 'complex');
  for (const n of order) {
    if (dynamic.has(n.id)) continue;
    const nt = t.nodes.get(n.id)!;
    if (nt.flags.includes('ln0') || !(Number.isFinite(nt.value.re) && Number.isFinite(nt.value.im))) return true;
  }
  return false;
}

export function preparePlot(tree: EmlNode, semantics: Semantics, reference: MathNode | null = null): PlotModel {
  const values = compileBatch(tree, semantics === 'real-extended' ? 'real-extended' : 'finite');
  const variables = [...values.variables];
  const closedViolation = hasClosedViolation(tree, variables);
  const flagRun =
    semantics === 'real-extended' && !closedViolation && variables.length > 0 ? compileBatch(tree, 'finite') : null;
  return {
    tree,
    semantics,
    variables,
    usesX: variables.includes('x'),
    usesY: variables.includes('y'),
    heldAtZero: variables.filter((v) => v !== 'x' && v !== 'y'),
    values,
    flagRun,
    closedViolation,
    reference,
    referenceVariables: reference ? mathVariables(reference) : [],
  };
}

export interface PlotSamples {
  n: number;
  xs: Float64Array;
  re: Float64Array;
  im: Float64Array;
  /** The reference function at the same points (null when the tree did not come from ordinary math). */
  refRe: Float64Array | null;
  refIm: Float64Array | null;
  /** 1 where a flag fires: the value is non-finite, or the finite-only run marks the point invalid. */
  flagged: Uint8Array;
  flaggedCount: number;
  nonFiniteCount: number;
  /** The reference threw (e.g. a function it cannot evaluate): its message. */
  referenceError: string | null;
  /**
   * 1 where the reference is finite and the tree's value is not right by the validity domain's criterion
   * (domains.ts isRight): outside the tree's measured domain at this sample. Null without a reference.
   */
  departs: Uint8Array | null;
  departsCount: number;
  /** The first departing sample (smallest x) and its first failing node (compiler/departureCause.ts); null if none. */
  firstDeparture: { x: number; cause: DepartureCause | null } | null;
}

export interface SampleRange {
  xMin: number;
  xMax: number;
  y: number;
  n?: number;
}

function columns(model: PlotModel, xs: Float64Array, y: number, n: number): Record<string, Float64Array> {
  const cols: Record<string, Float64Array> = Object.create(null); // a variable named __proto__ is an own entry
  for (const v of model.variables) {
    if (v === 'x') cols[v] = xs;
    else cols[v] = new Float64Array(n).fill(v === 'y' ? y : 0);
  }
  return cols;
}

export function samplePlot(model: PlotModel, range: SampleRange): PlotSamples {
  const n = range.n ?? PLOT_SAMPLES;
  const { xMin, xMax, y } = range;
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = xMin + ((xMax - xMin) * i) / (n - 1);
  xs[n - 1] = xMax;
  const cols = columns(model, xs, y, n);
  const out = model.values.run(cols, n);
  const invalid = model.closedViolation ? undefined : model.flagRun ? model.flagRun.run(cols, n).invalid : out.invalid;
  const flagged = new Uint8Array(n);
  let flaggedCount = 0;
  let nonFiniteCount = 0;
  for (let i = 0; i < n; i++) {
    const r = out.re[i];
    const m = out.im[i];
    const nonFinite = !(r - r === 0 && m - m === 0);
    if (nonFinite) nonFiniteCount++;
    if (nonFinite || (invalid !== undefined && invalid[i] === 1)) {
      flagged[i] = 1;
      flaggedCount++;
    }
  }
  let refRe: Float64Array | null = null;
  let refIm: Float64Array | null = null;
  let referenceError: string | null = null;
  let departs: Uint8Array | null = null;
  let departsCount = 0;
  if (model.reference) {
    refRe = new Float64Array(n);
    refIm = new Float64Array(n);
    const env: Record<string, number> = Object.create(null); // a variable named __proto__ is an own entry
    for (const v of model.referenceVariables) env[v] = v === 'y' ? y : 0;
    departs = new Uint8Array(n);
    try {
      for (let i = 0; i < n; i++) {
        env.x = xs[i];
        const { value: z, scale } = evaluateMathWithScale(model.reference, env);
        refRe[i] = z.re;
        refIm[i] = z.im;
        const defined = Number.isFinite(z.re) && Number.isFinite(z.im);
        if (defined && !isRight({ re: out.re[i], im: out.im[i] }, z, scale)) {
          departs[i] = 1;
          departsCount++;
        }
      }
    } catch (e) {
      refRe = refIm = departs = null;
      departsCount = 0;
      referenceError = e instanceof Error ? e.message : String(e);
    }
  }
  // One trace, at the first departing sample: the message names the node where it fails (not per sample: cost).
  const first = departs ? departs.indexOf(1) : -1;
  const firstDeparture =
    first < 0
      ? null
      : { x: xs[first], cause: departureCause(model.tree, Object.fromEntries(pointAt(first, model, xs, y))) };
  return {
    n,
    xs,
    re: out.re,
    im: out.im,
    refRe,
    refIm,
    flagged,
    flaggedCount,
    nonFiniteCount,
    referenceError,
    departs,
    departsCount,
    firstDeparture,
  };
}

/** The tree's variables at sample i, as the plot holds them (y at its slider, others at 0). */
const pointAt = (i: number, model: PlotModel, xs: Float64Array, y: number): Array<[string, number]> =>
  model.variables.map((v) => [v, v === 'x' ? xs[i] : v === 'y' ? y : 0]);

/** f at one point (the cursor): the same compiled program, so it matches the curve exactly. */
export function valueAt(model: PlotModel, x: number, y: number): Complex {
  const xs = Float64Array.of(x);
  const out = model.values.run(columns(model, xs, y, 1), 1);
  return { re: out.re[0], im: out.im[0] };
}
