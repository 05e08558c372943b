/**
 * A tree prepared for the complex-plane view: its distinct nodes in evaluation (topological) order, the closed
 * subtrees folded to float64 constants, and one step per distinct eml node that depends on a variable. Both
 * renderers read this one program — the GLSL compiler (glsl.ts, float32 on the GPU) and the float64 raster
 * (raster.ts, in a worker) — so they number nodes alike and report the same "first failing node".
 *
 * Closed subtrees are folded because their failures happen at every point of the plane (the −∞ inside compiled
 * negation is ln 0 by design): marking the whole plane would say nothing about where the tree fails.
 */
import { topoOrder, type EmlNode, type EmlPair } from '../ast.ts';
import type { Complex } from '../evaluate/complex.ts';
import { trace } from '../evaluate/interpreter.ts';

/** The variable drawn on the plane, and the one set by a slider. Others are refused (no slider holds them). */
export const PLANE_VARIABLE = 'x';
export const SLIDER_VARIABLE = 'y';

/** An operand of a step: the plane variable, the slider variable, an earlier step's value, or a folded constant. */
export type Operand =
  { kind: 'x' } | { kind: 'y' } | { kind: 'step'; index: number } | { kind: 'const'; value: Complex };

export interface PlaneStep {
  /** The distinct tree node this step computes. */
  node: EmlPair;
  left: Operand;
  right: Operand;
}

export interface PlaneProgram {
  root: EmlNode;
  /** One step per distinct variable-dependent eml node, children before parents. */
  steps: readonly PlaneStep[];
  /** The root's value when it is a leaf or closed (then `steps` may be empty). */
  result: Operand;
  /** Distinct nodes of the whole tree (the DAG size), for the legend. */
  distinctNodes: number;
  usesY: boolean;
}

export class PlaneProgramError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlaneProgramError';
  }
}

export function preparePlane(root: EmlNode): PlaneProgram {
  const order = topoOrder(root);
  const others = order.filter(
    (n) => n.kind === 'var' && n.name !== PLANE_VARIABLE && n.name !== SLIDER_VARIABLE,
  ) as Array<Extract<EmlNode, { kind: 'var' }>>;
  if (others.length > 0) {
    const names = others.map((n) => n.name).join(', ');
    throw new PlaneProgramError(
      `the tree uses ${names}: the complex plane draws x and takes y from its slider, so rename ${names} to x or y`,
    );
  }
  const dynamic = new Set<number>();
  for (const n of order) {
    if (n.kind === 'var' || (n.kind === 'eml' && (dynamic.has(n.left.id) || dynamic.has(n.right.id))))
      dynamic.add(n.id);
  }
  // The interpreter folds every closed node in one pass; variables get NaN, which no closed node reads.
  const folded = order.some((n) => !dynamic.has(n.id)) ? trace(root, { x: NaN, y: NaN }) : null;
  const stepOf = new Map<number, number>();
  const steps: PlaneStep[] = [];
  const operand = (n: EmlNode): Operand => {
    if (n.kind === 'var') return { kind: n.name === PLANE_VARIABLE ? 'x' : 'y' };
    const index = stepOf.get(n.id);
    if (index !== undefined) return { kind: 'step', index };
    const v = n.kind === 'one' ? { re: 1, im: 0 } : folded!.nodes.get(n.id)!.value;
    return { kind: 'const', value: { re: v.re, im: v.im } };
  };
  for (const n of order) {
    if (n.kind !== 'eml' || !dynamic.has(n.id)) continue;
    stepOf.set(n.id, steps.length);
    steps.push({ node: n, left: operand(n.left), right: operand(n.right) });
  }
  return {
    root,
    steps,
    result: operand(root),
    distinctNodes: order.length,
    usesY: order.some((n) => n.kind === 'var' && n.name === SLIDER_VARIABLE),
  };
}
