/**
 * The fast batch evaluator: a tree is compiled once into a straight-line program over registers, then run over
 * blocks of sample points in Float64Arrays.
 *
 * - Closed subtrees (no variables) are folded to constants once, with the reference interpreter.
 * - Hash-consing makes shared subtrees one instruction.
 * - A node with a constant side (eml(x, 1) has ln 1 = 0) gets that side precomputed.
 * - Registers are reused after their last use, so the working set is a few blocks however large the tree.
 * - Nothing is allocated per point.
 */
import { topoOrder, type EmlNode } from '../ast.ts';
import { expInto, logInto, type Complex } from './complex.ts';
import { trace } from './interpreter.ts';
import type { Semantics } from './semantics.ts';

const BLOCK = 256;

const enum Op {
  /** dst ← exp(a) − ln(b), both computed per point. */
  Both,
  /** dst ← exp(a) − C, with C = ln(right) precomputed. */
  ExpMinusConst,
  /** dst ← C − ln(b), with C = exp(left) precomputed. */
  ConstMinusLn,
}

interface Instruction {
  op: Op;
  dst: number;
  a: number;
  b: number;
  cre: number;
  cim: number;
}

export interface BatchInput {
  re: ArrayLike<number>;
  /** Imaginary parts; omitted means +0 (a real sample x + 0i). */
  im?: ArrayLike<number>;
}

export interface BatchResult {
  re: Float64Array;
  im: Float64Array;
  /** 'finite' semantics only: 1 where some node hit ln 0, overflowed, or produced ∞/NaN at that point. */
  invalid?: Uint8Array;
}

export interface CompiledTree {
  readonly variables: readonly string[];
  readonly semantics: Semantics;
  readonly stats: { distinctNodes: number; instructions: number; foldedNodes: number; registers: number };
  run(inputs: Readonly<Record<string, BatchInput | ArrayLike<number>>>, n: number): BatchResult;
}

function variablesOf(order: readonly EmlNode[]): string[] {
  const names: string[] = [];
  for (const n of order) if (n.kind === 'var') names.push(n.name);
  return names.sort();
}

/**
 * Which nodes depend on a variable; the value of every closed node; and whether a closed node breaks the
 * finite-only rules (e.g. the −∞ inside compiled negation), which then breaks every point.
 */
function foldConstants(root: EmlNode, order: readonly EmlNode[], semantics: Semantics) {
  const dynamic = new Set<number>();
  for (const n of order) {
    if (n.kind === 'var' || (n.kind === 'eml' && (dynamic.has(n.left.id) || dynamic.has(n.right.id))))
      dynamic.add(n.id);
  }
  const constants = new Map<number, Complex>();
  let closedViolation = false;
  const closed = order.filter((n) => !dynamic.has(n.id));
  if (closed.length > 0) {
    // Variables get NaN: no closed node reads them, and the interpreter shares the work through the DAG.
    const env = Object.fromEntries(variablesOf(order).map((name) => [name, NaN]));
    const folded = trace(root, env, semantics === 'finite' ? 'complex' : semantics);
    for (const n of closed) {
      const t = folded.nodes.get(n.id)!;
      constants.set(n.id, t.value);
      const bad = t.flags.includes('ln0') || !(Number.isFinite(t.value.re) && Number.isFinite(t.value.im));
      if (bad) closedViolation = true;
    }
  }
  return { dynamic, constants, closedViolation: semantics === 'finite' && closedViolation };
}

export function compileBatch(root: EmlNode, semantics: Semantics = 'complex'): CompiledTree {
  const order = topoOrder(root);
  const variables = variablesOf(order);
  const { dynamic, constants, closedViolation } = foldConstants(root, order, semantics);

  // Registers: 0..variables-1 hold the inputs; the rest are allocated and freed by liveness.
  const lastUse = new Map<number, number>();
  const dynOrder = order.filter((n) => n.kind === 'eml' && dynamic.has(n.id));
  dynOrder.forEach((n, i) => {
    if (n.kind !== 'eml') return;
    lastUse.set(n.left.id, i);
    lastUse.set(n.right.id, i);
  });
  const regOf = new Map<number, number>();
  variables.forEach((name, i) => {
    const leaf = order.find((n) => n.kind === 'var' && n.name === name)!;
    regOf.set(leaf.id, i);
  });
  const free: number[] = [];
  let registers = variables.length;
  const program: Instruction[] = [];
  dynOrder.forEach((n, i) => {
    if (n.kind !== 'eml') return;
    const ins: Instruction = { op: Op.Both, dst: -1, a: -1, b: -1, cre: 0, cim: 0 };
    const scratch = { re: 0, im: 0 };
    if (!dynamic.has(n.right.id)) {
      const c = constants.get(n.right.id)!;
      ins.op = Op.ExpMinusConst;
      ins.a = regOf.get(n.left.id)!;
      if (semantics === 'real-extended') {
        ins.cre = c.im === 0 && !(c.re < 0) ? Math.log(c.re) : NaN;
      } else {
        logInto(c.re, c.im, scratch);
        ins.cre = scratch.re;
        ins.cim = scratch.im;
      }
    } else if (!dynamic.has(n.left.id)) {
      const c = constants.get(n.left.id)!;
      ins.op = Op.ConstMinusLn;
      ins.b = regOf.get(n.right.id)!;
      if (semantics === 'real-extended') {
        ins.cre = c.im === 0 ? Math.exp(c.re) : NaN;
      } else {
        expInto(c.re, c.im, scratch);
        ins.cre = scratch.re;
        ins.cim = scratch.im;
      }
    } else {
      ins.a = regOf.get(n.left.id)!;
      ins.b = regOf.get(n.right.id)!;
    }
    // Free operands whose last use is this instruction before choosing dst, so dst may reuse one of them.
    for (const child of [n.left, n.right]) {
      if (lastUse.get(child.id) === i && child.kind === 'eml' && dynamic.has(child.id) && regOf.has(child.id)) {
        free.push(regOf.get(child.id)!);
        regOf.delete(child.id);
      }
    }
    ins.dst = free.length > 0 ? free.pop()! : registers++;
    regOf.set(n.id, ins.dst);
    program.push(ins);
  });

  const rootConstant = dynamic.has(root.id) ? null : constants.get(root.id)!;
  const rootReg = regOf.get(root.id) ?? -1;
  const runner = semantics === 'real-extended' ? runReal : runComplex;

  return {
    variables,
    semantics,
    stats: { distinctNodes: order.length, instructions: program.length, foldedNodes: constants.size, registers },
    run(inputs, n) {
      const out: BatchResult = { re: new Float64Array(n), im: new Float64Array(n) };
      if (semantics === 'finite') out.invalid = new Uint8Array(n);
      if (rootConstant) {
        out.re.fill(rootConstant.re);
        out.im.fill(rootConstant.im);
        if (out.invalid && closedViolation) out.invalid.fill(1);
        return out;
      }
      const cols = variables.map((name) => {
        // Own properties only: a variable named constructor must not read Object.prototype's function.
        const v = Object.hasOwn(inputs, name) ? inputs[name] : undefined;
        if (v === undefined) throw new Error(`missing values for ${name}`);
        const col: BatchInput = 're' in v ? v : { re: v };
        if (col.re.length < n || (col.im && col.im.length < n))
          throw new Error(`variable ${name} has fewer than ${n} values`);
        return col;
      });
      const re = new Float64Array(registers * BLOCK);
      const im = new Float64Array(registers * BLOCK);
      const real = new Uint8Array(registers);
      for (let start = 0; start < n; start += BLOCK) {
        const len = Math.min(BLOCK, n - start);
        cols.forEach((col, r) => {
          for (let p = 0; p < len; p++) {
            re[r * BLOCK + p] = col.re[start + p];
            im[r * BLOCK + p] = col.im ? col.im[start + p] : 0;
          }
          if (out.invalid) markInvalid(r, re, im, len, out.invalid, start);
          real[r] = allPlusZero(im, r * BLOCK, len) ? 1 : 0;
        });
        runner(program, re, im, len, out.invalid, start, real);
        for (let p = 0; p < len; p++) {
          out.re[start + p] = re[rootReg * BLOCK + p];
          out.im[start + p] = im[rootReg * BLOCK + p];
        }
        // A bare variable at the root passes through no instruction; read it as the interpreter reads leaves.
        if (semantics === 'real-extended' && program.length === 0) {
          for (let p = start; p < start + len; p++) {
            if (out.im[p] !== 0) {
              out.re[p] = NaN;
              out.im[p] = 0;
            }
          }
        }
      }
      if (out.invalid && closedViolation) out.invalid.fill(1);
      return out;
    },
  };
}

/** True when every imaginary part in the register's block is +0, i.e. the block holds plain reals x + 0i. */
function allPlusZero(im: Float64Array, at: number, len: number): boolean {
  for (let p = 0; p < len; p++) {
    const v = im[at + p];
    if (v !== 0 || 1 / v < 0) return false;
  }
  return true;
}

/** ln of a real b + 0i stays real (Im = +0) exactly when b > 0 or b = +0 (ln(+0) = −∞ + 0i); −0 and negatives give ±iπ. */
function lnStaysReal(re: Float64Array, at: number, len: number): boolean {
  for (let p = 0; p < len; p++) {
    const v = re[at + p];
    if (!(v > 0 || (v === 0 && 1 / v > 0) || v === Infinity)) return false;
  }
  return true;
}

/**
 * One block of points through the program. Each op kind has its own loop so the per-point body is branch-light.
 * Blocks of plain reals (all Im = +0, as sample points x + 0i are) take real-only loops where C99 guarantees the
 * result is again real with Im = +0; that skips cos/sin/atan2 and half the memory traffic. Everything else takes
 * the complex loops, which still have per-point real-axis fast paths.
 */
function runComplex(
  program: readonly Instruction[],
  re: Float64Array,
  im: Float64Array,
  len: number,
  invalid: Uint8Array | undefined,
  offset: number,
  real: Uint8Array,
): void {
  const z: Complex = { re: 0, im: 0 };
  for (let k = 0; k < program.length; k++) {
    const ins = program[k];
    const A = ins.a * BLOCK;
    const B = ins.b * BLOCK;
    const D = ins.dst * BLOCK;
    const cre = ins.cre;
    const cim = ins.cim;
    if (ins.op === Op.ExpMinusConst) {
      if (real[ins.a] === 1 && cim === 0) {
        for (let p = 0; p < len; p++) re[D + p] = Math.exp(re[A + p]) - cre;
        im.fill(0, D, D + len);
        real[ins.dst] = 1;
      } else {
        for (let p = 0; p < len; p++) {
          const ar = re[A + p];
          const ai = im[A + p];
          if (ai === 0) {
            re[D + p] = Math.exp(ar) - cre;
            im[D + p] = ai - cim;
          } else {
            expInto(ar, ai, z);
            re[D + p] = z.re - cre;
            im[D + p] = z.im - cim;
          }
        }
        real[ins.dst] = 0;
      }
    } else if (ins.op === Op.ConstMinusLn) {
      if (real[ins.b] === 1 && cim === 0 && 1 / cim > 0 && lnStaysReal(re, B, len)) {
        for (let p = 0; p < len; p++) re[D + p] = cre - Math.log(re[B + p]);
        im.fill(0, D, D + len);
        real[ins.dst] = 1;
      } else {
        for (let p = 0; p < len; p++) {
          const br = re[B + p];
          const bi = im[B + p];
          if (bi === 0 && br > 0) {
            re[D + p] = cre - Math.log(br);
            im[D + p] = cim - bi;
          } else {
            logInto(br, bi, z);
            re[D + p] = cre - z.re;
            im[D + p] = cim - z.im;
          }
        }
        real[ins.dst] = 0;
      }
    } else if (real[ins.a] === 1 && real[ins.b] === 1 && lnStaysReal(re, B, len)) {
      for (let p = 0; p < len; p++) re[D + p] = Math.exp(re[A + p]) - Math.log(re[B + p]);
      im.fill(0, D, D + len);
      real[ins.dst] = 1;
    } else {
      for (let p = 0; p < len; p++) {
        const ar = re[A + p];
        const ai = im[A + p];
        const br = re[B + p];
        const bi = im[B + p];
        let er: number, ei: number;
        if (ai === 0) {
          er = Math.exp(ar);
          ei = ai;
        } else {
          expInto(ar, ai, z);
          er = z.re;
          ei = z.im;
        }
        if (bi === 0 && br > 0) {
          re[D + p] = er - Math.log(br);
          im[D + p] = ei - bi;
        } else {
          logInto(br, bi, z);
          re[D + p] = er - z.re;
          im[D + p] = ei - z.im;
        }
      }
      real[ins.dst] = 0;
    }
    if (invalid) markInvalid(ins.dst, re, im, len, invalid, offset);
  }
}

/**
 * Finite-only semantics: a point is invalid once any input or node leaves the finite numbers. ln 0 needs no separate test:
 * it is −∞, which makes exp(a) − ln 0 infinite or NaN. (Reading the output only: dst may reuse an operand's register.)
 */
function markInvalid(
  register: number,
  re: Float64Array,
  im: Float64Array,
  len: number,
  invalid: Uint8Array,
  offset: number,
): void {
  const D = register * BLOCK;
  for (let p = 0; p < len; p++) {
    const vr = re[D + p];
    const vi = im[D + p];
    if (!(vr - vr === 0 && vi - vi === 0)) invalid[offset + p] = 1;
  }
}

function runReal(
  program: readonly Instruction[],
  re: Float64Array,
  im: Float64Array,
  len: number,
  _invalid: Uint8Array | undefined,
  _offset: number,
  _real: Uint8Array,
): void {
  for (const ins of program) {
    const A = ins.a * BLOCK;
    const B = ins.b * BLOCK;
    const D = ins.dst * BLOCK;
    for (let p = 0; p < len; p++) {
      const ex = ins.op === Op.ConstMinusLn ? ins.cre : im[A + p] === 0 ? Math.exp(re[A + p]) : NaN;
      let ln: number;
      if (ins.op === Op.ExpMinusConst) ln = ins.cre;
      else {
        const b = re[B + p];
        ln = im[B + p] !== 0 || b < 0 ? NaN : Math.log(b);
      }
      re[D + p] = ex - ln;
      im[D + p] = 0;
    }
  }
}
