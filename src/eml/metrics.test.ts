import { describe, expect, it } from 'vitest';
import { eml, ONE, variable } from './ast.ts';
import { metrics } from './metrics.ts';
import { parseEml } from './syntax/index.ts';

describe('metrics', () => {
  it('counts K, depth, leaves, eml nodes, variables and distinct subtrees of the v4 x·y (K=41)', () => {
    const t = parseEml(
      'EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,x],1]]],1]],EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[EML[1,EML[EML[1,y],1]],1]],1]],1]',
    ).tree;
    const m = metrics(t);
    expect(m).toMatchObject({ k: 41, depth: 10, leaves: 21, emlNodes: 20, variables: ['x', 'y'] });
    // K = 2·leaves − 1 for any pure EML tree.
    expect(m.k).toBe(2 * m.leaves - 1);
    expect(m.distinctSubtrees).toBeLessThan(m.k);
  });

  it('a leaf has depth 0 and K 1; sharing does not change K', () => {
    expect(metrics(ONE)).toMatchObject({ k: 1, depth: 0, leaves: 1, emlNodes: 0, variables: [], distinctSubtrees: 1 });
    const x = variable('x');
    const shared = eml(eml(x, x), eml(x, x));
    expect(metrics(shared)).toMatchObject({
      k: 7,
      depth: 2,
      leaves: 4,
      emlNodes: 3,
      distinctSubtrees: 3,
      distinctEmlNodes: 2,
    });
  });

  it('hash-consing: equal structure is the same object, and the hash is structural', () => {
    const a = parseEml('eml(1, eml(x, y))').tree;
    const b = parseEml('1 x y E E').tree;
    expect(a).toBe(b);
    expect(eml(variable('x'), ONE).hash).not.toBe(eml(ONE, variable('x')).hash);
  });
});
