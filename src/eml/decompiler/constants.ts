/**
 * Numeric recognition of closed subtrees: the float64 value suggests a candidate (a + b·i with a, b rational,
 * rational multiples of π, √q, or e), and the candidate is accepted only if the double-double evaluation of the
 * subtree agrees with the candidate's double-double value to 1e−24 — never on one float alone.
 */
import type { EmlNode } from '../ast.ts';
import type { Complex } from '../evaluate/complex.ts';
import { emlStep, newParts } from '../evaluate/semantics.ts';
import { unknownNodes } from '../ast.ts';
import * as M from '../math/ast.ts';
import type { MathNode } from '../math/ast.ts';
import { approximate, type Rational } from '../math/rational.ts';
import { sAdd, sMul } from '../math/simplify.ts';
import * as D from './dd.ts';

interface Candidate {
  math: MathNode;
  value: D.DD;
}

const MAX_DEN = 720;
const AGREE = 1e-24;

const ddRational = (r: Rational): D.DD => D.div({ hi: Number(r.num), lo: 0 }, { hi: Number(r.den), lo: 0 });

function ddSqrt(q: number): D.DD {
  let y: D.DD = { hi: Math.sqrt(q), lo: 0 };
  // Newton: y ← (y + q/y)/2
  for (let i = 0; i < 2; i++) y = D.mul(D.add(y, D.div({ hi: q, lo: 0 }, y)), { hi: 0.5, lo: 0 });
  return y;
}

/** Candidates for one real part. */
function realCandidates(x: number): Candidate[] {
  const out: Candidate[] = [];
  const tryRational = (v: number, make: (r: Rational) => Candidate) => {
    const r = approximate(v, MAX_DEN);
    if (
      r &&
      Math.abs(Number(r.num) / Number(r.den) - v) <= 1e-12 * Math.max(1, Math.abs(v)) &&
      Math.abs(Number(r.num)) < 1e6
    )
      out.push(make(r));
  };
  tryRational(x, (r) => ({ math: M.num(r), value: ddRational(r) }));
  tryRational(x / Math.PI, (r) => ({ math: sMul(M.num(r), M.konst('pi')), value: D.mul(ddRational(r), D.PI) }));
  tryRational(x / Math.E, (r) => ({
    math: sMul(M.num(r), M.konst('e')),
    value: D.mul(ddRational(r), D.exp({ hi: 1, lo: 0 })),
  }));
  for (const q of [2, 3, 5, 6, 7]) {
    tryRational(x / Math.sqrt(q), (r) => ({
      math: sMul(M.num(r), M.call('sqrt', M.num(q))),
      value: D.mul(ddRational(r), ddSqrt(q)),
    }));
  }
  tryRational(x / Math.LN2, (r) => ({
    math: sMul(M.num(r), M.call('ln', M.num(2))),
    value: D.mul(ddRational(r), D.LN2),
  }));
  return out;
}

const agrees = (a: D.DD, b: D.DD) => Math.abs(D.toNumber(D.sub(a, b))) <= AGREE * Math.max(1, Math.abs(b.hi));

/** The constant a closed subtree equals, or null if no candidate survives the double-double check. */
export function recogniseConstant(node: EmlNode): MathNode | null {
  const v = floatValue(node);
  if (!Number.isFinite(v.re) || !Number.isFinite(v.im)) return null;
  // Imaginary parts at rounding level are candidates for an exact 0, which the double-double check settles.
  const scaleOf = Math.max(1, Math.abs(v.re));
  const reCands =
    Math.abs(v.re) < 1e-13 * Math.max(1, Math.abs(v.im))
      ? [{ math: M.num(0), value: { hi: 0, lo: 0 } }]
      : realCandidates(v.re);
  const imCands =
    Math.abs(v.im) < 1e-13 * scaleOf ? [{ math: M.num(0), value: { hi: 0, lo: 0 } }] : realCandidates(v.im);
  if (reCands.length === 0 || imCands.length === 0) return null;
  let exact: D.CDD;
  try {
    exact = D.evaluateDD(node);
  } catch {
    return null;
  }
  const re = reCands.find((c) => agrees(exact.re, c.value));
  const im = imCands.find((c) => agrees(exact.im, c.value));
  if (!re || !im) return null;
  if (im.math.kind === 'num' && im.math.value.num === 0n) return re.math;
  const imPart = sMul(im.math, M.konst('i'));
  return re.math.kind === 'num' && re.math.value.num === 0n ? imPart : sAdd(re.math, imPart);
}

const floats = new WeakMap<EmlNode, Complex>();
/** The float64 C99 value of a closed tree, memoised per node like the double-double one. */
function floatValue(root: EmlNode): Complex {
  const hit = floats.get(root);
  if (hit) return hit;
  for (const n of unknownNodes(root, (m) => floats.has(m))) {
    if (n.kind === 'one') floats.set(n, { re: 1, im: 0 });
    else if (n.kind === 'eml')
      floats.set(n, { ...emlStep(floats.get(n.left)!, floats.get(n.right)!, 'complex', newParts()).value });
  }
  return floats.get(root)!;
}
