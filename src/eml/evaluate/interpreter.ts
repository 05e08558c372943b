/**
 * The reference interpreter: one node at a time, every value kept. It is the ground truth the batch evaluator is
 * tested against, and its trace feeds hover values, node flags and the tour's live checks.
 */
import { topoOrder, type EmlNode } from '../ast.ts';
import type { Complex } from './complex.ts';
import { flagsOf, type NodeFlag } from './flags.ts';
import { emlStep, newParts, type Semantics } from './semantics.ts';

/** Values of the variables: a number is a real (imaginary part +0, as the paper's harnesses feed x + 0i). */
export type Env = Readonly<Record<string, number | Complex>>;

export interface NodeTrace {
  readonly value: Complex;
  /** exp of the left child and ln of the right child (eml nodes only). */
  readonly exp?: Complex;
  readonly ln?: Complex;
  readonly flags: readonly NodeFlag[];
}

export interface Trace {
  readonly value: Complex;
  /** Keyed by node id: a subtree shared in several places is evaluated (and listed) once. */
  readonly nodes: ReadonlyMap<number, NodeTrace>;
  /** The first node, in evaluation order, that breaks the finite-only rules (null if none or not in 'finite'). */
  readonly finiteViolation: { node: EmlNode; reason: string } | null;
}

export class EvaluationError extends Error {
  constructor(
    message: string,
    readonly node: EmlNode,
    /** 'L'/'R' steps from the root to the first occurrence of the node. */
    readonly path: string,
  ) {
    super(message);
    this.name = 'EvaluationError';
  }
}

function leafValue(node: EmlNode, env: Env, semantics: Semantics): Complex {
  if (node.kind === 'one') return { re: 1, im: 0 };
  if (node.kind !== 'var') throw new Error('not a leaf');
  // Own properties only: a variable named constructor or toString must not read Object.prototype's function.
  const v = Object.hasOwn(env, node.name) ? env[node.name] : undefined;
  if (v === undefined) throw new EvaluationError(`missing value for ${node.name}`, node, '');
  const z = typeof v === 'number' ? { re: v, im: 0 } : { re: v.re, im: v.im };
  if (semantics === 'real-extended' && z.im !== 0) return { re: NaN, im: 0 };
  return z;
}

function finiteReason(flags: readonly NodeFlag[], value: Complex): string | null {
  if (flags.includes('ln0')) return 'ln 0 (the ln side is 0, giving −∞)';
  if (flags.includes('overflow')) return 'overflow (a finite input gave ±∞)';
  if (Number.isNaN(value.re) || Number.isNaN(value.im)) return 'NaN';
  if (!Number.isFinite(value.re) || !Number.isFinite(value.im)) return 'an infinite value';
  return null;
}

export function trace(root: EmlNode, env: Env, semantics: Semantics = 'complex'): Trace {
  const nodes = new Map<number, NodeTrace>();
  let violation: Trace['finiteViolation'] = null;
  for (const node of topoOrder(root)) {
    if (node.kind !== 'eml') {
      const value = leafValue(node, env, semantics);
      nodes.set(node.id, { value, flags: [] });
      if (semantics === 'finite' && !violation && !(Number.isFinite(value.re) && Number.isFinite(value.im))) {
        violation = { node, reason: 'a non-finite input' };
      }
      continue;
    }
    const a = nodes.get(node.left.id)!.value;
    const b = nodes.get(node.right.id)!.value;
    const parts = emlStep(a, b, semantics, newParts());
    const flags = flagsOf(a, b, parts);
    nodes.set(node.id, { value: parts.value, exp: parts.exp, ln: parts.ln, flags });
    if (semantics === 'finite' && !violation) {
      const reason = finiteReason(flags, parts.value);
      if (reason) violation = { node, reason };
    }
  }
  return { value: nodes.get(root.id)!.value, nodes, finiteViolation: violation };
}

/** The value of `root`; in 'finite' semantics a violation throws an EvaluationError naming the node. */
export function evaluate(root: EmlNode, env: Env = {}, semantics: Semantics = 'complex'): Complex {
  const t = trace(root, env, semantics);
  if (t.finiteViolation) throw finiteViolationError(root, t.finiteViolation);
  return t.value;
}

/** The error `evaluate` throws for a trace's finite-only violation, for callers that keep the trace too. */
export function finiteViolationError(root: EmlNode, violation: NonNullable<Trace['finiteViolation']>): EvaluationError {
  const { node, reason } = violation;
  const path = pathTo(root, node) ?? '';
  return new EvaluationError(
    `finite-only semantics: ${reason} at the node ${path ? `at path ${path}` : 'at the root'} (K=${node.k}, depth ${node.depth})`,
    node,
    path,
  );
}

/** Path ('L'/'R' steps) to the first occurrence of `target` in pre-order, or null. Iterative. */
export function pathTo(root: EmlNode, target: EmlNode): string | null {
  const stack: Array<[EmlNode, string]> = [[root, '']];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (node === target) return path;
    if (node.kind !== 'eml' || seen.has(node.id)) continue;
    seen.add(node.id);
    stack.push([node.right, path + 'R'], [node.left, path + 'L']);
  }
  return null;
}
