/** Random recovery targets: seeded, exact depth, valid on the trainer's grid, and of the shape asked for. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eml, ONE, variable } from '../eml/ast.ts';
import { parseEml } from '../eml/syntax/index.ts';
import {
  bushyMinNodes,
  checkOnGrid,
  emlCount,
  invisiblePart,
  isBushy,
  isChain,
  randomTarget,
  randomTargetProblem,
  TARGET_SHAPES,
  variableDepths,
  type TargetShape,
} from './randomTarget.ts';
import { generalisationData, gridData } from './targets.ts';

const x = variable('x');
const y = variable('y');

/** Every property a random target promises, checked on the tree itself. */
function expectValidTarget(depth: number, shape: TargetShape, seed: number) {
  const { tree } = randomTarget(depth, shape, seed);
  expect(tree.depth).toBe(depth);
  expect([...variableDepths(tree)]).toEqual([depth]);
  const grid = checkOnGrid(tree);
  expect(grid.nonFinite).toBeNull();
  expect(grid.real).toBeGreaterThanOrEqual(grid.total / 2);
  expect(grid.max - grid.min).toBeGreaterThan(1e-9);
  expect(gridData(tree).n).toBe(grid.real);
  expect(generalisationData(tree).n).toBeGreaterThanOrEqual(1000);
  expect(randomTargetProblem(tree)).toBeNull();
  if (shape === 'chain') expect(isChain(tree)).toBe(true);
  if (shape === 'bushy') expect(isBushy(tree)).toBe(true);
  return tree;
}

describe('randomTarget', () => {
  it('gives the same tree for the same seed, and different trees over seeds', () => {
    for (const shape of TARGET_SHAPES) {
      expect(randomTarget(4, shape, 99).tree).toBe(randomTarget(4, shape, 99).tree);
      const distinct = new Set(Array.from({ length: 8 }, (_, s) => randomTarget(4, shape, s).tree.hash));
      expect(distinct.size).toBeGreaterThan(3);
    }
  });

  it('holds its promises at every depth 1–8 and every shape', () => {
    for (let depth = 1; depth <= 8; depth++) for (const shape of TARGET_SHAPES) expectValidTarget(depth, shape, 7);
  });

  it('chain: every eml node has a leaf child, so there are exactly d eml nodes', () => {
    for (let seed = 0; seed < 10; seed++) expect(emlCount(expectValidTarget(5, 'chain', seed))).toBe(5);
  });

  it('bushy: both root children reach depth d − 1, with at least min(2^(d−1), 3d) eml nodes', () => {
    expect([2, 3, 4, 5, 8].map(bushyMinNodes)).toEqual([2, 4, 8, 15, 24]);
    for (let seed = 0; seed < 6; seed++) {
      const tree = expectValidTarget(4, 'bushy', seed);
      if (tree.kind !== 'eml') throw new Error('a target is an eml node');
      expect([tree.left.depth, tree.right.depth]).toEqual([3, 3]);
      expect(emlCount(tree)).toBeGreaterThanOrEqual(8);
      expect(isChain(tree)).toBe(false);
    }
  });

  it('fast-check: any seed gives a valid tree of the exact depth and shape', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom(...TARGET_SHAPES),
        (seed, depth, shape) => {
          expectValidTarget(depth, shape, seed);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a depth outside 1–8', () => {
    expect(() => randomTarget(9, 'any', 1)).toThrow(/depth must be 1–8, not 9/);
    expect(() => randomTarget(0, 'chain', 1)).toThrow(RangeError);
  });
});

describe('the shape and validity checks themselves', () => {
  it('tell chains from bushy trees', () => {
    const chain = eml(ONE, eml(eml(x, y), ONE));
    const bushy = eml(eml(ONE, x), eml(y, ONE));
    expect([isChain(chain), isBushy(chain)]).toEqual([true, false]);
    expect([isChain(bushy), isBushy(bushy)]).toEqual([false, true]);
    expect([...variableDepths(eml(x, eml(ONE, y)))].sort()).toEqual([1, 2]);
  });

  it('name what makes a tree unusable: not finite, constant, or one of its own subtrees', () => {
    expect(randomTargetProblem(eml(eml(eml(x, ONE), ONE), ONE))).toMatch(/^not finite at x=1\.\d, y=1\.0/);
    expect(randomTargetProblem(eml(ONE, ONE))).toBe('constant on the grid');
    // ln t = eml(1, eml(eml(1, t), 1)) and exp(ln t) − ln 1 = t: a depth-4 tree that is only x.
    const lnX = eml(ONE, eml(eml(ONE, x), ONE));
    expect(randomTargetProblem(eml(lnX, ONE))).toBe('equal on the grid to one of its own subtrees');
    expect(randomTargetProblem(eml(ONE, eml(x, ONE)))).toBeNull();
    expect(randomTargetProblem(eml(x, y))).toBeNull();
  });

  it('find a part the grid cannot see, and say where it is', () => {
    // A depth-5 bushy draw (seed0 4100 + 6): its ln x at LRRRR sits under exp of a large negative value, so the
    // tree with 1 there differs by an MSE of 7e−26 on the grid (and 3e−9 on fresh points).
    const hidden = parseEml(
      'EML[EML[1,EML[EML[EML[x,y],EML[x,y]],EML[EML[y,y],EML[y,x]]]],EML[EML[1,EML[1,EML[y,y]]],EML[EML[1,EML[y,1]],1]]]',
    ).tree;
    expect(invisiblePart(hidden)).toBe('LRRRR');
    expect(randomTargetProblem(hidden)).toBe(
      'its part at LRRRR is invisible on the grid (replaced by 1, no training point changes)',
    );
    // Every part of these is seen: replacing any of them by 1 moves the values.
    for (const tree of [eml(x, y), eml(ONE, eml(eml(x, y), ONE)), eml(eml(ONE, x), eml(y, ONE))])
      expect(invisiblePart(tree)).toBeNull();
  });
});
