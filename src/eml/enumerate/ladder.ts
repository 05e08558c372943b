/**
 * The ladder of a function: what is known about the size of its smallest tree before any search — the compiler's
 * trees in its three modes (upper bounds, "compiled") and the paper's published direct-search lower bounds ("paper,
 * Table 4") — and which leaf set a search for it needs. The search's own rungs (best found, lower bound) are added
 * by whoever runs it.
 */
import { compile, COMPILE_MODES, type CompileMode } from '../compiler/compile.ts';
import { parseEml } from '../syntax/index.ts';
import { EmlSyntaxError } from '../syntax/errors.ts';
import { printFunctional } from '../syntax/print.ts';
import { detectInputKind } from '../input.ts';
import { parseMath } from '../math/parser.ts';
import { mathVariables } from '../math/ast.ts';
import { probeSet, type Leaves } from './probes.ts';
import { matchesTarget } from './table.ts';
import { readTarget, targetVector } from './target.ts';

export interface Rung {
  kind: 'compiled' | 'current' | 'paper-bound';
  label: string;
  k: number;
  tree?: string;
  mode?: CompileMode;
  provenance: string;
}

/**
 * Direct-search lower bounds published with the paper (Table 4), as quoted in issue 13: no tree with K ≤ k was
 * found for these by the authors' exhaustive search.
 */
export const PAPER_BOUNDS: ReadonlyArray<{ name: string; text: string; leaves: Leaves; k: number }> = [
  { name: '√x', text: 'sqrt(x)', leaves: '1,x', k: 35 },
  { name: 'i', text: 'i', leaves: '1', k: 55 },
  { name: 'π', text: 'pi', leaves: '1', k: 53 },
];

/** Largest tree the ladder compiles (bigger inputs show no compiled rungs rather than a slow page). */
const MAX_COMPILED_K = 5_000_000;

export type LadderReading =
  { ok: true; rungs: Rung[]; leaves: Leaves; target: string } | { ok: false; message: string };

function leavesOf(vars: readonly string[]): Leaves | string {
  const other = vars.filter((v) => v !== 'x' && v !== 'y');
  if (other.length > 0)
    return `the search enumerates trees over the leaves 1, x and y; this function uses ${other.join(', ')}`;
  return vars.includes('y') ? '1,x,y' : vars.includes('x') ? '1,x' : '1';
}

export function ladderFor(text: string, kind: 'eml' | 'math'): LadderReading {
  try {
    const isEml = kind === 'eml' || (kind !== 'math' && detectInputKind(text) === 'eml');
    const rungs: Rung[] = [];
    let leaves: Leaves | string;
    if (isEml) {
      const { tree } = parseEml(text);
      const vars = new Set<string>();
      const stack = [tree];
      while (stack.length > 0) {
        const n = stack.pop()!;
        if (n.kind === 'var') vars.add(n.name);
        else if (n.kind === 'eml') stack.push(n.left, n.right);
      }
      leaves = leavesOf([...vars]);
      rungs.push({ kind: 'current', label: 'this tree', k: tree.k, provenance: 'the tree as entered' });
    } else {
      leaves = leavesOf(mathVariables(parseMath(text)));
      for (const mode of COMPILE_MODES) {
        const r = compile(text, { mode });
        if (r.k > MAX_COMPILED_K) continue;
        rungs.push({
          kind: 'compiled',
          label: `${mode} mode`,
          k: r.k,
          tree: printFunctional(r.tree),
          mode,
          provenance: 'compiled',
        });
      }
    }
    if (leaves !== '1' && leaves !== '1,x' && leaves !== '1,x,y') return { ok: false, message: leaves };
    const target = readTarget(text, leaves);
    if (target.ok) {
      const probes = probeSet(leaves, 1);
      const v = targetVector(target.target, probes);
      for (const b of PAPER_BOUNDS) {
        if (b.leaves !== leaves) continue;
        const known = readTarget(b.text, leaves);
        if (known.ok && matchesTarget(v, targetVector(known.target, probes), v.length))
          rungs.push({ kind: 'paper-bound', label: `${b.name}: lower bound`, k: b.k, provenance: 'paper, Table 4' });
      }
    }
    return { ok: true, rungs, leaves, target: text };
  } catch (e) {
    if (e instanceof EmlSyntaxError) return { ok: false, message: e.message };
    throw e;
  }
}
