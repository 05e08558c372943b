/**
 * The function a search looks for: an expression (EML or ordinary math, auto-detected as in the playground) made
 * a function of the leaf set's variables, its values at the probe points, and the check of a found tree on fresh
 * points. Values are principal-branch complex float64 (C99 specials), the semantics the enumerator uses.
 */
import { evaluate, type Env } from '../evaluate/interpreter.ts';
import type { EmlNode } from '../ast.ts';
import type { Complex } from '../evaluate/complex.ts';
import { detectInputKind } from '../input.ts';
import { parseMath } from '../math/parser.ts';
import { evaluateMath } from '../math/evaluate.ts';
import { mathVariables } from '../math/ast.ts';
import { parseEml } from '../syntax/index.ts';
import { EmlSyntaxError } from '../syntax/errors.ts';
import { freshPoints, variablesOf, type Leaves, type ProbeSet } from './probes.ts';
import { matchesTarget } from './table.ts';
import type { EnumSemantics } from './enumerator.ts';

export interface Target {
  text: string;
  /** Value at one point (one [re, im] per variable of the leaf set). */
  at(point: ReadonlyArray<readonly [number, number]>): Complex;
}

export type TargetReading = { ok: true; target: Target } | { ok: false; message: string };

function envOf(names: readonly string[], point: ReadonlyArray<readonly [number, number]>): Env {
  const env: Record<string, Complex> = {};
  names.forEach((n, i) => (env[n] = { re: point[i][0], im: point[i][1] }));
  return env;
}

/** Reads `text` as a function of the leaves' variables; a variable outside them is an error saying what to do. */
export function readTarget(text: string, leaves: Leaves): TargetReading {
  const names = variablesOf(leaves);
  const check = (used: readonly string[]): string | null => {
    const extra = used.filter((v) => !names.includes(v));
    if (extra.length === 0) return null;
    const need = extra.includes('y') || used.length > 1 ? '1,x,y' : '1,x';
    return `the target uses ${extra.join(', ')}, but the search's leaves are {${leaves}}: search with --leaves ${need} (variables must be x, or x and y)`;
  };
  try {
    if (detectInputKind(text) === 'eml') {
      const { tree } = parseEml(text);
      const problem = check(variablesIn(tree));
      if (problem) return { ok: false, message: problem };
      return { ok: true, target: { text, at: (pt) => evaluate(tree, envOf(names, pt), 'complex') } };
    }
    const node = parseMath(text);
    const problem = check(mathVariables(node));
    if (problem) return { ok: false, message: problem };
    return { ok: true, target: { text, at: (pt) => evaluateMath(node, envOf(names, pt)) } };
  } catch (e) {
    if (e instanceof EmlSyntaxError) return { ok: false, message: `the target does not read: ${e.format(text)}` };
    throw e;
  }
}

function variablesIn(tree: EmlNode): string[] {
  const out = new Set<string>();
  const stack: EmlNode[] = [tree];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    if (n.kind === 'var') out.add(n.name);
    else if (n.kind === 'eml') stack.push(n.left, n.right);
  }
  return [...out];
}

/** The target's values at the probe points, laid out as the enumerator's vectors. */
export function targetVector(target: Target, probes: ProbeSet): Float64Array {
  const v = new Float64Array(2 * probes.points.length);
  probes.points.forEach((pt, p) => {
    const z = target.at(pt);
    v[2 * p] = z.re;
    v[2 * p + 1] = z.im;
  });
  return v;
}

export interface Verification {
  ok: boolean;
  points: number;
  /** The first fresh point where the tree and the target differ (variables' values as text), if any. */
  failedAt: string | null;
}

/** Checks a tree against the target at fresh points (positive reals, negative reals, complex), same semantics. */
export function verifyTree(
  tree: EmlNode,
  target: Target,
  leaves: Leaves,
  semantics: EnumSemantics,
  seed: number,
): Verification {
  const names = variablesOf(leaves);
  const points = freshPoints(leaves, seed);
  const a = new Float64Array(2);
  const b = new Float64Array(2);
  for (const pt of points) {
    let z: Complex;
    try {
      z = evaluate(tree, envOf(names, pt), semantics === 'finite' ? 'finite' : 'complex');
    } catch {
      return { ok: false, points: points.length, failedAt: showPoint(names, pt) };
    }
    const t = target.at(pt);
    a[0] = z.re;
    a[1] = z.im;
    b[0] = t.re;
    b[1] = t.im;
    if (!matchesTarget(a, b, 2)) return { ok: false, points: points.length, failedAt: showPoint(names, pt) };
  }
  return { ok: true, points: points.length, failedAt: null };
}

function showPoint(names: readonly string[], pt: ReadonlyArray<readonly [number, number]>): string {
  if (names.length === 0) return '(a constant)';
  return names
    .map((n, i) => `${n} = ${pt[i][0]}${pt[i][1] ? ` ${pt[i][1] < 0 ? '−' : '+'} ${Math.abs(pt[i][1])}i` : ''}`)
    .join(', ');
}
