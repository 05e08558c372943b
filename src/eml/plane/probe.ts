/**
 * What the complex-plane view says about one point (hover, or the keyboard cursor): the value in float64, the
 * first failing node, the first node whose ln argument crosses the negative real axis at this pixel, and whether
 * the tree departs there from the function it was compiled from (departure.ts, the validity domain's criterion).
 * It applies raster.ts's rules to one pixel and its left and upper neighbours, so it names the node the image marks.
 */
import type { EmlNode } from '../ast.ts';
import { departureAt } from '../compiler/departure.ts';
import type { Complex } from '../evaluate/complex.ts';
import { pathTo, trace, type Trace } from '../evaluate/interpreter.ts';
import type { MathNode } from '../math/ast.ts';
import type { PlaneProgram } from './program.ts';

export interface PlaneNodeRef {
  /** The step (node number in the shader: n<step>). */
  step: number;
  node: EmlNode;
  /** 'L'/'R' steps from the root to the node's first occurrence: what the tree view highlights. */
  path: string;
}

export interface PlaneProbe {
  z: Complex;
  value: Complex;
  fail: (PlaneNodeRef & { reason: string }) | null;
  cut: PlaneNodeRef | null;
  /** The function's value where the tree departs from it; null where it agrees or there is no function. */
  departs: Complex | null;
}

const finite = (z: Complex) => Number.isFinite(z.re) && Number.isFinite(z.im);

/** The ln argument (right child's value) of each step in `t`. */
const lnArgument = (program: PlaneProgram, t: Trace, s: number) => t.nodes.get(program.steps[s].node.right.id)!.value;

export function probePlane(
  program: PlaneProgram,
  z: Complex,
  y: number,
  pixel: { re: number; im: number },
  reference: { math: MathNode; variables: readonly string[] } | null,
): PlaneProbe {
  const t = trace(program.root, { x: z, y });
  const left = trace(program.root, { x: { re: z.re - pixel.re, im: z.im }, y });
  const up = trace(program.root, { x: { re: z.re, im: z.im + pixel.im }, y });
  const ref = (step: number): PlaneNodeRef => {
    const node = program.steps[step].node;
    return { step, node, path: pathTo(program.root, node) ?? '' };
  };
  let fail: PlaneProbe['fail'] = null;
  let cut: PlaneNodeRef | null = null;
  program.steps.forEach((step, s) => {
    const closedRight = step.right.kind === 'const';
    const a = step.left.kind === 'const' ? null : t.nodes.get(step.node.left.id)!.value;
    const b = closedRight ? null : lnArgument(program, t, s);
    const v = t.nodes.get(step.node.id)!.value;
    if (!fail && b && b.re === 0 && b.im === 0) fail = { ...ref(s), reason: 'ln 0: its ln side is 0, giving −∞' };
    if (!fail && !finite(v) && (a === null || finite(a)) && (b === null || finite(b)))
      fail = { ...ref(s), reason: 'overflow or NaN: finite inputs gave a non-finite value' };
    if (!cut && b && b.re < 0 && finite(b)) {
      const sg = Math.sign(b.im);
      const crosses = (o: Trace) => {
        const nb = lnArgument(program, o, s);
        return nb.re < 0 && Math.sign(nb.im) !== sg;
      };
      if (sg === 0 || crosses(left) || crosses(up)) cut = ref(s);
    }
  });
  const departs = reference && finite(t.value) ? departureAt(t.value, reference.math, reference.variables, z, y) : null;
  return { z, value: t.value, fail, cut, departs };
}
