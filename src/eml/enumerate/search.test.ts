import { describe, expect, it } from 'vitest';
import { printFunctional } from '../syntax/print.ts';
import type { Leaves } from './probes.ts';
import { SearchRun } from './search.ts';
import { readTarget } from './target.ts';

function search(leaves: Leaves, text: string, maxK: number) {
  const r = readTarget(text, leaves);
  if (!r.ok) throw new Error(r.message);
  const run = new SearchRun({ leaves, semantics: 'complex', seed: 1, maxK, maxBytes: 512 * 2 ** 20, target: r.target });
  while (run.advance(1 << 16) === 'running');
  return run;
}

describe('shortest-form search', () => {
  // The reference's shortest forms (docs/constructions.md#shortest-forms; the reference repository's EML_symbolic_check.nb and Fig_2/fig2_trees.py).
  it.each([
    ['1', 'e', 3, 'eml(1, 1)'],
    ['1', '0', 7, 'eml(1, eml(eml(1, 1), 1))'],
    ['1', '-1', 15, 'eml(eml(1, eml(1, eml(1, eml(eml(1, 1), 1)))), eml(1, 1))'],
    ['1,x', '-x', 15, 'eml(eml(1, eml(1, eml(1, eml(eml(1, 1), 1)))), eml(x, 1))'],
    ['1,x,y', 'x - y', 11, 'eml(eml(1, eml(eml(1, x), 1)), eml(y, 1))'],
  ] as const)('leaves {%s}: %s is K %i, a verified minimum', (leaves, text, k, tree) => {
    const run = search(leaves, text, k + 2);
    expect(run.state).toBe('found');
    expect(run.found!.k).toBe(k);
    expect(printFunctional(run.found!.tree)).toBe(tree);
    expect(run.found!.verification.ok).toBe(true);
    expect(run.lowerBound).toBe(k - 2);
  });

  it('x·y is K 17 (the last level scanned, not stored)', { timeout: 120_000 }, () => {
    const run = search('1,x,y', 'x*y', 17);
    expect(run.found?.k).toBe(17);
    expect(run.scanned?.k).toBe(17);
    expect(run.lowerBound).toBe(15);
  });

  it('gives a lower bound with its evidence when nothing is found', () => {
    const run = search('1', 'pi', 15);
    expect(run.state).toBe('done');
    expect(run.found).toBeNull();
    expect(run.lowerBound).toBe(15);
    expect(run.progress().trees).toBeGreaterThan(0);
  });

  it('refuses a target that uses a variable the leaves lack, saying which leaves to use', () => {
    const r = readTarget('x*y', '1,x');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/--leaves 1,x,y/);
    const bad = readTarget('sin(', '1,x');
    expect(bad.ok).toBe(false);
  });

  it('can be cancelled between slices', () => {
    const r = readTarget('pi', '1');
    const run = new SearchRun({
      leaves: '1',
      semantics: 'complex',
      seed: 1,
      maxK: 31,
      maxBytes: 512 * 2 ** 20,
      target: r.ok ? r.target : null,
    });
    run.advance(1000);
    run.cancel();
    expect(run.state).toBe('cancelled');
    expect(run.en.table.count).toBe(run.perK.reduce((s, l) => s + l.distinct, 0));
  });
});
