/**
 * Float64 complex evaluation of a math AST: the reference a compiled or decompiled tree is compared with.
 * Principal branches throughout (see complexMath.ts); iterative, so deep input is fine.
 */
import { mapBottomUp, type MathNode } from './ast.ts';
import * as CM from './complexMath.ts';
import type { Complex } from './complexMath.ts';
import type { FnName } from './functions.ts';
import { toNumber } from './rational.ts';

export type MathEnv = Readonly<Record<string, number | Complex>>;

const PHI = (1 + Math.sqrt(5)) / 2;

const UNARY: Partial<Record<FnName, (z: Complex) => Complex>> = {
  exp: CM.cexpf,
  ln: CM.clogf,
  sqrt: CM.csqrt,
  sin: CM.csin,
  cos: CM.ccos,
  tan: CM.ctan,
  cot: (z) => CM.cdiv(CM.ccos(z), CM.csin(z)),
  sec: (z) => CM.cdiv(CM.C(1), CM.ccos(z)),
  csc: (z) => CM.cdiv(CM.C(1), CM.csin(z)),
  asin: CM.casin,
  acos: CM.cacos,
  atan: CM.catan,
  acot: (z) => CM.catan(CM.cdiv(CM.C(1), z)),
  asec: (z) => CM.cacos(CM.cdiv(CM.C(1), z)),
  acsc: (z) => CM.casin(CM.cdiv(CM.C(1), z)),
  sinh: CM.csinh,
  cosh: CM.ccosh,
  tanh: CM.ctanh,
  asinh: CM.casinh,
  acosh: CM.cacosh,
  atanh: CM.catanh,
  sigmoid: CM.csigmoid,
  abs: CM.cabsf,
};

export function evaluateMath(root: MathNode, env: MathEnv = {}): Complex {
  const values = new Map<MathNode, Complex>();
  mapBottomUp(root, (n) => {
    values.set(
      n,
      evalNode(n, env, (c) => values.get(c)!),
    );
    return n;
  });
  return values.get(root)!;
}

const PERIODIC = new Set(['sin', 'cos', 'tan', 'cot', 'sec', 'csc']);

/**
 * The value and its cancellation scale: the largest |operand| of any sum or difference whose operands cancel
 * (|a ± b| < max(|a|, |b|)) and |argument| of any trigonometric call. A float64 result cannot be more accurate than
 * about 1e−16 times that scale in absolute terms (x² − y² at x = y = 21 is 0 ± 1e−13 whatever computes it), so
 * accuracy checks use it as their absolute floor. A sum that does not cancel (1 + x², same signs) loses no digits
 * and adds nothing: counting it let a tree that returns 0 for 1/(1 + (15x)²) pass as right from x = 119 on, since
 * 1e−12·x² outgrew the true value (issue 12). Same rule as the 30-digit reference (suites/reference30.ts).
 */
export function evaluateMathWithScale(root: MathNode, env: MathEnv = {}): { value: Complex; scale: number } {
  const values = new Map<MathNode, Complex>();
  let scale = 0;
  const mag = (z: Complex) => Math.hypot(z.re, z.im);
  mapBottomUp(root, (n) => {
    const get = (c: MathNode) => values.get(c)!;
    const v = evalNode(n, env, get);
    if (n.kind === 'add' || n.kind === 'sub') {
      const a = mag(get(n.left));
      const b = mag(get(n.right));
      if (mag(v) < Math.max(a, b)) scale = Math.max(scale, a, b);
    } else if (n.kind === 'call' && PERIODIC.has(n.fn)) scale = Math.max(scale, mag(get(n.args[0])));
    values.set(n, v);
    return n;
  });
  return { value: values.get(root)!, scale };
}

function evalNode(n: MathNode, env: MathEnv, get: (c: MathNode) => Complex): Complex {
  switch (n.kind) {
    case 'num':
      return CM.C(toNumber(n.value));
    case 'const':
      return n.name === 'e'
        ? CM.C(Math.E)
        : n.name === 'pi'
          ? CM.C(Math.PI)
          : n.name === 'phi'
            ? CM.C(PHI)
            : CM.C(0, 1);
    case 'var': {
      const v = Object.hasOwn(env, n.name) ? env[n.name] : undefined; // never Object.prototype's members
      if (v === undefined) throw new Error(`variable ${n.name} has no value`);
      return typeof v === 'number' ? CM.C(v) : v;
    }
    case 'neg':
      return CM.cneg(get(n.arg));
    case 'add':
      return CM.cadd(get(n.left), get(n.right));
    case 'sub':
      return CM.csub(get(n.left), get(n.right));
    case 'mul':
      return CM.cmul(get(n.left), get(n.right));
    case 'div':
      return CM.cdiv(get(n.left), get(n.right));
    case 'pow':
      return CM.cpow(get(n.left), get(n.right));
    case 'eml':
      return CM.ceml(get(n.left), get(n.right));
    case 'call': {
      const a = n.args.map(get);
      if (n.fn === 'log') return CM.cdiv(CM.clogf(a[1]), CM.clogf(a[0]));
      if (n.fn === 'avg') return CM.cdiv(CM.cadd(a[0], a[1]), CM.C(2));
      if (n.fn === 'hypot') return CM.chypot(a[0], a[1]);
      return UNARY[n.fn]!(a[0]);
    }
  }
}
