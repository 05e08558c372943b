/** The trees the benchmarks time, built from the paper's verbatim constructions (docs/constructions.md#small-trees). */
import { eml, mapLeaves, ONE, variable, type EmlNode } from '../src/eml/ast.ts';
import { compile } from '../src/eml/compiler/compile.ts';
import { evaluate } from '../src/eml/evaluate/interpreter.ts';
import { parseEml } from '../src/eml/syntax/index.ts';

export interface BenchTree {
  name: string;
  tree: EmlNode;
  /** Sample range for x and y, where the tree's value stays finite. */
  range: [number, number];
}

const X = variable('x');
const Y = variable('y');
// v4 compiler output for x + y (K=27) and x·y (K=41), docs/constructions.md#small-trees.
const ADD = parseEml(
  'EML[EML[1,EML[EML[1,x],1]],EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[y,1]],1]]',
).tree;
const MUL = parseEml(
  'EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,x],1]]],1]],EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[EML[1,EML[EML[1,y],1]],1]],1]],1]',
).tree;

const substitute = (t: EmlNode, a: EmlNode, b: EmlNode) =>
  mapLeaves(t, (leaf) => (leaf === X ? a : leaf === Y ? b : leaf));

/** Horner's scheme p ← p·x + y, in compiled add/mul, until K passes `targetK`: a realistic compiled tree. */
function hornerTree(targetK: number): EmlNode {
  let p: EmlNode = X;
  while (p.k < targetK) p = substitute(ADD, substitute(MUL, p, X), Y);
  return p;
}

/** A full binary tree of the given depth with leaves drawn from {1, x, y} by a fixed LCG, like a snapped trainer tree. */
function fullTree(depth: number, seed: number): EmlNode {
  let s = seed >>> 0;
  s = (Math.imul(s, 2654435761) + 1) >>> 0;
  const leaves = [ONE, ONE, X, Y]; // half the leaves 1, as in snapped trees where gates chose the constant
  let level: EmlNode[] = Array.from({ length: 2 ** depth }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return leaves[(s >>> 24) % 4]; // high bits: an LCG's low bits cycle with a short period
  });
  while (level.length > 1) {
    const next: EmlNode[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(eml(level[i], level[i + 1]));
    level = next;
  }
  return level[0];
}

/**
 * Among the first 5000 seeds, the depth-d full tree finite on most of a small grid over the sample range: random
 * trees mostly overflow (exp towers), and a benchmark of NaN propagation would flatter nobody.
 */
function finiteFullTree(depth: number): EmlNode {
  let best: { tree: EmlNode; finite: number } | null = null;
  for (let seed = 1; seed <= 5000; seed++) {
    const tree = fullTree(depth, seed);
    let finite = 0;
    for (const x of [1, 1.5, 2, 2.5, 3]) {
      for (const y of [1, 2, 3]) {
        const z = evaluate(tree, { x, y });
        if (Number.isFinite(z.re) && Number.isFinite(z.im)) finite++;
      }
    }
    if (!best || finite > best.finite) best = { tree, finite };
  }
  return best!.tree;
}

export function benchTrees(): BenchTree[] {
  return [
    { name: 'paper-mode tan(x), K=1183', tree: compile('tan(x)', { mode: 'paper' }).tree, range: [-1.25, 1.25] },
    { name: 'compiled polynomial (Horner, v4 add/mul), K≈1200', tree: hornerTree(1150), range: [0.5, 1.5] },
    { name: 'full tree of depth 6 (64 leaves, half of them 1)', tree: finiteFullTree(6), range: [1, 3] },
  ];
}
