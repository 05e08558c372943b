/**
 * The functions the compiler has no rule for (sin, cos, tan, asin, acos, asinh, acosh, atanh): paper mode lowers
 * them through their exp/log forms, the lowering table of sfunctions.ts (docs/constructions.md#lowering step 6).
 * Each entry of that table becomes a node of the map, read off the table itself: its lowered form over x is walked
 * and every construction the form is built from (i, exp, ln, add, mul, pow, the numbers, …) becomes an edge, so a
 * function added to the table appears on the map with its edges, and a changed form changes them.
 *
 * A function that is also a rule (sinh, cosh, tanh have constructions of their own that paper mode uses instead of
 * the table's form) stays the rule's node.
 */
import type { EmlNode } from '../ast.ts';
import { lowerPaper, PAPER_WORK_BUDGET } from './paper.ts';
import { resetKeys, sSym, sText, withWorkBudget, type S, type SFn } from './sexpr.ts';
import { REWRITE } from './sfunctions.ts';

/** A lowering table: function name → its exp/log form of the argument (sfunctions.ts REWRITE, or a test's copy). */
export type LoweringTable = Readonly<Partial<Record<string, (z: S) => S>>>;

export const LOWERINGS: LoweringTable = REWRITE;

/** The rules paper mode builds each function with (primitives.ts paperKit) when they are not lowered by a form. */
const FUNCTION_RULES: Readonly<Partial<Record<SFn, string>>> = {
  exp: 'exp',
  log: 'ln',
  sinh: 'sinh',
  cosh: 'cosh',
  tanh: 'tanh',
  atan: 'atan',
};

/**
 * The construction ids (rule ids, lowering names, and '1') a lowered form is built from, in the order paper mode's
 * lowering meets them (paper.ts lowerOne): numbers by int / rational and neg for a sign, I, π, φ, pow, mul, add,
 * exp, ln and the functions with constructions; a function of the table inside another form is its node.
 */
export function formReferences(form: S, one: string): string[] {
  const out: string[] = [];
  const add = (id: string) => {
    if (!out.includes(id)) out.push(id);
  };
  const walk = (s: S): void => {
    switch (s.t) {
      case 'num': {
        const { num, den } = s.r;
        if (num < 0n) add('neg');
        const p = num < 0n ? -num : num;
        if (den !== 1n) add('rational');
        else if (p === 0n) add('zero');
        else if (p === 1n) add(one);
        else add('int');
        return;
      }
      case 'I':
        return add('i');
      case 'pi':
        return add('pi');
      case 'phi':
        return add('phi');
      case 'sym':
        return;
      case 'eml':
        walk(s.l);
        walk(s.r);
        return;
      case 'pow':
        add('pow');
        walk(s.b);
        walk(s.e);
        return;
      case 'mul':
      case 'add':
        add(s.t);
        s.args.forEach(walk);
        return;
      case 'fn':
        add(FUNCTION_RULES[s.f] ?? s.f);
        walk(s.a);
    }
  };
  walk(form);
  return out;
}

export interface LoweredFunction {
  name: string;
  /** The form over x as the compiler prints it (sexpr.ts sText), e.g. −I·(exp(I·x) − exp(−I·x))/2. */
  formula: string;
  /** What the form uses (formReferences), restricted by the caller to the map's ids. */
  references: string[];
  /** Paper mode's tree of the function of x: its lowered form lowered with the paper rules (paper.ts). */
  tree: EmlNode;
}

/** Each function of `table` that is not a rule id, with its lowered form's references and paper tree. */
export function loweredFunctions(table: LoweringTable, ruleIds: ReadonlySet<string>, one: string): LoweredFunction[] {
  const out: LoweredFunction[] = [];
  for (const [name, template] of Object.entries(table)) {
    if (!template || ruleIds.has(name)) continue;
    // Interned keys belong to one compilation (sexprKeys.ts): reset them, and bound the work as compilePaper does.
    resetKeys();
    const { form, tree } = withWorkBudget(PAPER_WORK_BUDGET, () => {
      const f = template(sSym('x'));
      return { form: f, tree: lowerPaper(f) };
    });
    out.push({
      name,
      formula: sText(form) ?? `${name}(x) in exp/log form`,
      references: formReferences(form, one).filter((id) => id !== name),
      tree,
    });
  }
  return out;
}
