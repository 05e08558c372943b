/**
 * Search-found forms: trees the shortest-form search (src/eml/enumerate, `npm run cli -- search`) found shorter
 * than the compiler's own constructions, each a verified minimum (every smaller tree enumerated; checked on fresh
 * points), with the command that reproduces it. Shortest mode uses a form when the input (sub)expression is exactly
 * its function of one variable or a constant; robust and paper modes do not (their trees follow the paper's
 * constructions), nor does clean mode use a form through ln 0. searchForms.test.ts checks each form on the real line
 * (it must equal its function wherever that is real and finite, except where noted) and re-runs the search for its K.
 * This is part of the rules table (rules.ts re-exports it): the constructions there, the search's forms here.
 */
import { mapLeaves, type EmlNode } from '../ast.ts';
import * as M from '../math/ast.ts';
import type { MathNode } from '../math/ast.ts';
import { parseMath } from '../math/parser.ts';
import { parseEml } from '../syntax/index.ts';

export interface SearchForm {
  id: string;
  /** The function, in x (or a constant). */
  math: string;
  /** The search's witness, EML over 1 and x. */
  tree: string;
  k: number;
  /** K of the compiler's shortest mode before this form. */
  compiledK: number;
  usesInfinity: boolean;
  /** Where it holds on the real line, when narrower than "wherever the function is real and finite". */
  validity?: string;
  provenance: string;
}

const found = (leaves: string, k: number, target: string) =>
  `search-verified minimum up to K = ${k} (npm run cli -- search --leaves ${leaves} --max-k ${k} --target '${target}')`;

export const SEARCH_FORMS: readonly SearchForm[] = [
  {
    id: 'e-1',
    math: 'e - 1',
    tree: 'eml(1, eml(1, 1))',
    k: 5,
    compiledK: 13,
    usesInfinity: false,
    provenance: found('1', 5, 'e - 1'),
  },
  {
    id: '-2',
    math: '-2',
    tree: 'eml(eml(1, eml(eml(1, eml(1, eml(1, eml(eml(1, 1), 1)))), eml(eml(eml(1, 1), 1), 1))), eml(1, 1))',
    k: 25,
    compiledK: 27,
    usesInfinity: true,
    provenance: found('1', 25, '-2'),
  },
  {
    id: '-1/2',
    math: '-1/2',
    tree: 'eml(eml(1, eml(eml(1, eml(eml(1, eml(1, eml(1, eml(eml(1, 1), 1)))), eml(1, 1))), eml(eml(eml(1, 1), 1), 1))), 1)',
    k: 29,
    compiledK: 31,
    usesInfinity: true,
    provenance: found('1', 29, '-1/2'),
  },
  {
    id: '2e',
    math: '2*e',
    tree: 'eml(1, eml(eml(eml(1, eml(1, eml(1, eml(eml(1, 1), 1)))), eml(eml(1, 1), 1)), 1))',
    k: 21,
    compiledK: 23,
    usesInfinity: true,
    provenance: found('1', 21, '2*e'),
  },
  {
    id: 'e+1',
    math: 'e + 1',
    tree: 'eml(1, eml(eml(eml(1, eml(1, eml(1, eml(eml(1, 1), 1)))), eml(1, 1)), 1))',
    k: 19,
    compiledK: 21,
    usesInfinity: true,
    provenance: found('1', 19, 'e + 1'),
  },
  {
    id: 'e/2',
    math: 'e/2',
    tree: 'eml(eml(eml(1, eml(eml(1, 1), 1)), eml(1, eml(eml(eml(1, eml(eml(1, eml(1, eml(1, 1))), 1)), eml(1, 1)), 1))), 1)',
    k: 29,
    compiledK: 37,
    usesInfinity: false,
    provenance: found('1', 29, 'e/2'),
  },
  {
    id: 'expm1',
    math: 'exp(x) - 1',
    tree: 'eml(x, eml(1, 1))',
    k: 5,
    compiledK: 13,
    usesInfinity: false,
    provenance: found('1,x', 5, 'exp(x) - 1'),
  },
  {
    id: 'e-x',
    math: 'e - x',
    tree: 'eml(1, eml(x, 1))',
    k: 5,
    compiledK: 13,
    usesInfinity: false,
    validity: 'x ≤ 709.78 (e^x overflows above)',
    provenance: found('1,x', 5, 'e - x'),
  },
  {
    id: '-ln',
    math: '-ln(x)',
    tree: 'eml(eml(1, eml(1, eml(1, eml(eml(1, 1), 1)))), x)',
    k: 13,
    compiledK: 21,
    usesInfinity: true,
    provenance: found('1,x', 13, '-ln(x)'),
  },
  {
    id: 'exp/x',
    math: 'exp(x)/x',
    tree: 'eml(eml(eml(1, eml(eml(1, x), 1)), x), 1)',
    k: 11,
    compiledK: 19,
    usesInfinity: false,
    provenance: found('1,x', 11, 'exp(x)/x'),
  },
];

let byKey: Map<string, { form: SearchForm; tree: EmlNode }> | null = null;

const renamed = (n: MathNode, name: string): MathNode => M.mapBottomUp(n, (m) => (m.kind === 'var' ? M.mvar(name) : m));

/**
 * The search form for `n` (its variable, if any, renamed), with x replaced by `arg`; null when none applies.
 * `normalize` is the compiler's own normalisation of input (number folding), applied to the forms too.
 */
export function searchFormFor(
  n: MathNode,
  normalize: (m: MathNode) => MathNode,
  clean: boolean,
  arg: (name: string) => EmlNode,
): EmlNode | null {
  if (n.kind === 'var') return null;
  const vars = M.mathVariables(n);
  if (vars.length > 1 || M.mathSize(n) > 12) return null;
  byKey ??= new Map(
    SEARCH_FORMS.map((f) => [M.mathKey(normalize(parseMath(f.math))), { form: f, tree: parseEml(f.tree).tree }]),
  );
  const hit = byKey.get(M.mathKey(vars.length === 1 ? renamed(n, 'x') : n));
  if (!hit || (clean && hit.form.usesInfinity)) return null;
  if (vars.length === 0) return hit.tree;
  return mapLeaves(hit.tree, (leaf) => (leaf.kind === 'var' ? arg(vars[0]) : leaf));
}
