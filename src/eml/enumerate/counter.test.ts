import { describe, expect, it } from 'vitest';
import { Enumerator } from './enumerator.ts';
import type { Leaves } from './probes.ts';
import { SearchRun } from './search.ts';
import { readTarget } from './target.ts';

describe('distinct count of a scanned level', () => {
  it.each([
    ['1', 'pi', 21],
    ['1,x', 'sqrt(x)', 13],
    ['1,x,y', 'x*y', 9],
  ] as const)(
    'leaves {%s}, %s not found to K %i: the scanned last level counts what storing it counts',
    (leaves, text, maxK) => {
      const t = readTarget(text, leaves as Leaves);
      if (!t.ok) throw new Error(t.message);
      const run = new SearchRun({
        leaves,
        semantics: 'complex',
        seed: 1,
        maxK,
        maxBytes: 512 * 2 ** 20,
        target: t.target,
      });
      while (run.advance(1 << 16) === 'running');
      expect(run.state).toBe('done');
      expect(run.scanned).toMatchObject({ k: maxK, complete: true });
      const stored = new Enumerator({ leaves, semantics: 'complex', seed: 1, maxBytes: 512 * 2 ** 20 });
      expect(stored.enumerateTo(maxK)).toBe('done');
      expect(run.perK).toEqual(stored.perK);
      expect(run.progress().distinct).toBe(stored.table.count);
    },
  );
});
