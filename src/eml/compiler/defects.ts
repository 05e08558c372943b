/**
 * Known defects a compiled tree inherits, stated with their reason so the views can say so (issue 12: "shown, not
 * hidden"). Today one: paper mode's i.
 *
 * eml_compiler_v4.py builds i as −exp(ln(−1)/2). Its ln(−1) is the EML ln construction, which in exact arithmetic
 * lands on the lower edge of the cut (−iπ, so i comes out +i) but in float64 on +iπ, so the tree's i is −i
 * (docs/semantics.md#branch-cut). Real functions built from i (sin, cos, tan, atan) are unaffected, every i in them
 * flipping together; an i the user wrote is not: i·x evaluates to −i·x.
 *
 * Detected by evaluating, not by the mode's name: the tree is evaluated at one point off every special value and
 * compared with the input and with the input with i replaced by −i. A tree that matches the second and not the
 * first carries the defect. Cheap (one evaluation), but it walks the tree, so it is read lazily.
 */
import type { EmlNode } from '../ast.ts';
import { evaluate } from '../evaluate/interpreter.ts';
import { konst, mapBottomUp, neg, type MathNode } from '../math/ast.ts';
import { evaluateMath } from '../math/evaluate.ts';
import { printMathText } from '../math/print.ts';

export interface KnownDefect {
  /** Stable identifier (tests, the CLI). */
  id: 'paper-i-is-minus-i';
  /** What the tree computes instead, e.g. "computes −i·x, not i·x". */
  text: string;
  /** Why, in one sentence, with the docs page that explains it. */
  reason: string;
}

/** Trees this large are not evaluated for the check (the interpreter would walk every distinct node once). */
const MAX_CHECKED_K = 2_000_000;

const PAPER_I_REASON =
  'paper mode builds i as −exp(ln(−1)/2) as eml_compiler_v4.py does; its ln(−1) lands on +iπ in float64 (the ' +
  'lower edge −iπ only in exact arithmetic), so the tree’s i is −i (docs/semantics.md#branch-cut)';

function hasI(math: MathNode): boolean {
  let found = false;
  mapBottomUp(math, (n) => {
    if (n.kind === 'const' && n.name === 'i') found = true;
    return n;
  });
  return found;
}

const close = (a: { re: number; im: number }, b: { re: number; im: number }) =>
  Math.hypot(a.re - b.re, a.im - b.im) <= 1e-9 * Math.max(1, Math.hypot(b.re, b.im));

/** The defects `tree` (compiled from `math`) carries; empty for almost every tree. */
export function knownDefects(tree: EmlNode, math: MathNode, variables: readonly string[]): KnownDefect[] {
  if (!hasI(math) || tree.k > MAX_CHECKED_K) return [];
  // A point where no variable is 0, ±1 or equal to another, so i·x and −i·x cannot agree by accident.
  const env = Object.fromEntries(variables.map((v, j) => [v, 0.7 + 0.31 * j]));
  const flipped = mapBottomUp(math, (n) => (n.kind === 'const' && n.name === 'i' ? neg(konst('i')) : n));
  let got, want, other;
  try {
    got = evaluate(tree, env);
    want = evaluateMath(math, env);
    other = evaluateMath(flipped, env);
  } catch {
    return [];
  }
  if (close(got, want) || !close(got, other)) return [];
  const text = printMathText(math);
  return [
    { id: 'paper-i-is-minus-i', text: `computes ${printMathText(flipped)}, not ${text}`, reason: PAPER_I_REASON },
  ];
}
