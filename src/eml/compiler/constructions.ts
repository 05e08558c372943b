/**
 * Which rule (rules.ts) built a node, and from which operand nodes: the lowerings build through these recorded
 * versions of the primitives, so the real-line limits of each construction (Rule.limits) can be propagated through
 * a composed tree (limits.ts). Nodes are hash-consed: the same structure is the same computation, so the first
 * record is kept.
 */
import type { EmlNode } from '../ast.ts';
import * as P from './primitives.ts';

export interface Construction {
  /** A rules.ts id. */
  rule: string;
  operands: readonly EmlNode[];
}

const built = new WeakMap<EmlNode, Construction>();

export function constructionOf(node: EmlNode): Construction | undefined {
  return built.get(node);
}

function recorded<A extends EmlNode[]>(rule: string, f: (...args: A) => EmlNode): (...args: A) => EmlNode {
  return (...args) => {
    const node = f(...args);
    if (!built.has(node)) built.set(node, { rule, operands: args });
    return node;
  };
}

export const exp = recorded('exp', P.exp);
export const ln = recorded('ln', P.ln);
export const sub = recorded('sub', P.sub);
export const addShort = recorded('add-short', P.addShort);
export const mulShort = recorded('mul-short', P.mulShort);
export const divShort = recorded('div-short', P.divShort);
export const negInf = recorded('neg-inf', P.negInf);
export const negFin = recorded('neg-inf', P.negFin);
export const invInf = recorded('inv-inf', P.invInf);
export const invFin = recorded('inv-inf', P.invFin);
export const powShort = recorded('pow-short', P.powShort);
export const CONST = P.CONST;

/** A paper kit whose operations record their rule (the v4 rules' ids). */
export function recordedKit(kit: P.PaperKit): P.PaperKit {
  return {
    ...kit,
    neg: recorded('neg', kit.neg),
    add: recorded('add', kit.add),
    inv: recorded('inv', kit.inv),
    mul: recorded('mul', kit.mul),
    div: recorded('div', kit.div),
    pow: recorded('pow', kit.pow),
    double: recorded('double', kit.double),
    sinh: recorded('sinh', kit.sinh),
    cosh: recorded('cosh', kit.cosh),
    tanh: recorded('tanh', kit.tanh),
    atan: recorded('atan', kit.atan),
  };
}
