import { describe, expect, it } from 'vitest';
import { runCli } from '../runCli.ts';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('cli search', () => {
  it('prints counts per K, the shortest tree for a target and the lower bound as JSON', async () => {
    const r = await cli('search', '--leaves', '1,x,y', '--max-k', '11', '--target', 'x - y', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.perK[0]).toEqual({ k: 1, distinct: 3, trees: 3 });
    expect(j.perK.map((l: { k: number }) => l.k)).toEqual([1, 3, 5, 7, 9]);
    expect(j.scanned.k).toBe(11);
    expect(j.shortest).toMatchObject({ tree: 'eml(eml(1, eml(eml(1, x), 1)), eml(y, 1))', k: 11 });
    expect(j.lowerBound).toBe(9);
    expect(typeof j.seconds).toBe('number');
  });

  it('reports a lower bound when the target is not found, and null fields without a target', async () => {
    const r = await cli('search', '--leaves', '1', '--max-k', '13', '--target', 'pi', '--json');
    const j = JSON.parse(r.out);
    expect(j.shortest).toBeNull();
    expect(j.lowerBound).toBe(13);
    const plain = JSON.parse((await cli('search', '--leaves', '1', '--max-k', '9', '--json')).out);
    expect(plain.shortest).toBeNull();
    expect(plain.lowerBound).toBeNull();
    expect(plain.perK.map((l: { distinct: number }) => l.distinct)).toEqual([1, 1, 2, 5, 11]);
    const text = await cli('search', '--leaves', '1', '--max-k', '7', '--target', 'e');
    expect(text.out).toMatch(/shortest: K 3 {2}eml\(1, 1\)/);
  });

  it.each([
    [['--leaves', '1,z'], /--leaves must be one of/],
    [['--max-k', '8'], /--max-k must be odd/],
    [['--max-k', '99'], /--max-k must be an integer from 1 to 61/],
    [['--semantics', 'real'], /--semantics must be one of complex, finite/],
    [['--max-mb', '5000'], /--max-mb must be an integer from 16 to 1000/],
    [['--target', 'x*y'], /uses y.*--leaves 1,x,y/],
    [['--bogus'], /Unknown option/i],
    [['extra'], /takes no arguments/],
  ])('refuses %j with a clear message (exit 2)', async (args, message) => {
    const r = await cli('search', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
