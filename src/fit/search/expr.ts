/**
 * The structural search's expression language: trees of the compiler's named blocks (exp, ln, sqrt, neg, inv,
 * sin, cos, add, sub, mul, div, pow), raw eml(a, b) nodes, variables, fixed closed-form constants and fitted real
 * constants (parameters). Plain JSON objects, so candidates cross worker boundaries by structured clone unchanged.
 *
 * Every candidate is finally lowered to ordinary math (toMath) and compiled to a pure EML tree (toEml.ts); this IR
 * exists because search needs cheap evaluation with derivatives for the fitted constants, which EML trees lack.
 */
import * as M from '../../eml/math/ast.ts';
import type { MathNode } from '../../eml/math/ast.ts';
import { parseMath } from '../../eml/math/parser.ts';

export type UnaryOp = 'exp' | 'ln' | 'sqrt' | 'neg' | 'inv' | 'sin' | 'cos';
export type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'eml';
export const UNARY_OPS: readonly UnaryOp[] = ['exp', 'ln', 'sqrt', 'neg', 'inv', 'sin', 'cos'];
export const BINARY_OPS: readonly BinaryOp[] = ['add', 'sub', 'mul', 'div', 'pow', 'eml'];

export type Expr =
  | { t: 'var'; i: number }
  /** A fixed constant: `text` is ordinary math the compiler reads ("1", "e", "3/2", "2*pi"). */
  | { t: 'num'; value: number; text: string }
  /** A fitted real constant, index into the parameter vector (numbered left to right by `renumber`). */
  | { t: 'param'; i: number }
  | { t: 'un'; op: UnaryOp; a: Expr }
  | { t: 'bin'; op: BinaryOp; a: Expr; b: Expr };

export const vr = (i: number): Expr => ({ t: 'var', i });
export const param = (i: number): Expr => ({ t: 'param', i });
export const numc = (value: number, text: string): Expr => ({ t: 'num', value, text });
export const un = (op: UnaryOp, a: Expr): Expr => ({ t: 'un', op, a });
export const bin = (op: BinaryOp, a: Expr, b: Expr): Expr => ({ t: 'bin', op, a, b });
export const ONE_C = numc(1, '1');
export const E_C = numc(Math.E, 'e');

/** Node count (the search's own size measure; the Pareto front uses K of the compiled EML tree). */
export function size(e: Expr): number {
  return e.t === 'un' ? 1 + size(e.a) : e.t === 'bin' ? 1 + size(e.a) + size(e.b) : 1;
}

export function paramCount(e: Expr): number {
  return e.t === 'param' ? 1 : e.t === 'un' ? paramCount(e.a) : e.t === 'bin' ? paramCount(e.a) + paramCount(e.b) : 0;
}

export function hasVar(e: Expr): boolean {
  return e.t === 'var' || (e.t === 'un' && hasVar(e.a)) || (e.t === 'bin' && (hasVar(e.a) || hasVar(e.b)));
}

/** A canonical text key (structure only; parameter indices are positional after renumber). */
export function key(e: Expr): string {
  switch (e.t) {
    case 'var':
      return `v${e.i}`;
    case 'num':
      return e.text;
    case 'param':
      return 'c';
    case 'un':
      return `${e.op}(${key(e.a)})`;
    case 'bin':
      return `${e.op}(${key(e.a)},${key(e.b)})`;
  }
}

/** Parameters renumbered 0, 1, … in left-to-right order, so the same shape always has the same numbering. */
export function renumber(e: Expr): Expr {
  let next = 0;
  const walk = (x: Expr): Expr =>
    x.t === 'param'
      ? param(next++)
      : x.t === 'un'
        ? un(x.op, walk(x.a))
        : x.t === 'bin'
          ? bin(x.op, walk(x.a), walk(x.b))
          : x;
  return walk(e);
}

/** Replace parameter i by `by(i)` (used to fix a snapped constant); the rest are renumbered. */
export function substituteParams(e: Expr, by: (i: number) => Expr | null): Expr {
  const walk = (x: Expr): Expr => {
    if (x.t === 'param') return by(x.i) ?? x;
    if (x.t === 'un') return un(x.op, walk(x.a));
    if (x.t === 'bin') return bin(x.op, walk(x.a), walk(x.b));
    return x;
  };
  return renumber(walk(e));
}

/** Subtrees with their paths (array of child indices), root first. */
export function subtrees(e: Expr, path: number[] = [], out: Array<{ path: number[]; node: Expr }> = []) {
  out.push({ path, node: e });
  if (e.t === 'un') subtrees(e.a, [...path, 0], out);
  if (e.t === 'bin') {
    subtrees(e.a, [...path, 0], out);
    subtrees(e.b, [...path, 1], out);
  }
  return out;
}

export function replaceAtPath(e: Expr, path: readonly number[], by: Expr, at = 0): Expr {
  if (at === path.length) return by;
  if (e.t === 'un') return un(e.op, replaceAtPath(e.a, path, by, at + 1));
  if (e.t === 'bin')
    return path[at] === 0
      ? bin(e.op, replaceAtPath(e.a, path, by, at + 1), e.b)
      : bin(e.op, e.a, replaceAtPath(e.b, path, by, at + 1));
  return e;
}

const mathCache = new Map<string, MathNode>();
function constMath(text: string): MathNode {
  let m = mathCache.get(text);
  if (!m) mathCache.set(text, (m = parseMath(text)));
  return m;
}

/**
 * Ordinary math for the compiler and printers. Variables get their names; parameter i becomes the variable
 * `paramName(i)` (a constant leaf of the EML tree, K 1) unless `values` gives it a decimal to print instead.
 */
export function toMath(e: Expr, vars: readonly string[], paramName: (i: number) => string): MathNode {
  switch (e.t) {
    case 'var':
      return M.mvar(vars[e.i]);
    case 'num':
      return constMath(e.text);
    case 'param':
      return M.mvar(paramName(e.i));
    case 'un': {
      const a = toMath(e.a, vars, paramName);
      if (e.op === 'neg') return M.neg(a);
      if (e.op === 'inv') return M.div(M.num(1), a);
      return M.call(e.op, a);
    }
    case 'bin': {
      const a = toMath(e.a, vars, paramName);
      const b = toMath(e.b, vars, paramName);
      return e.op === 'eml' ? M.emlCall(a, b) : M.bin(e.op, a, b);
    }
  }
}
