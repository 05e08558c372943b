import { describe, expect, it } from 'vitest';
import { runCli } from '../runCli.ts';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('cli search --count published', () => {
  it('prints the per-level counts of the published rule beside the published sequence, as JSON', async () => {
    const r = await cli('search', '--count', 'published', '--max-k', '21', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ count: 'published', libm: 'correct', leaves: '1', state: 'done', shortest: null });
    expect(j.perK.map((l: { k: number }) => l.k)).toEqual([3, 5, 7, 9, 11, 13, 15, 17, 19, 21]);
    for (const l of j.perK.slice(0, -1)) expect(l.distinct).toBe(l.published);
    expect(j.perK.at(-1)).toMatchObject({ k: 21, distinct: 5139, published: 5140, publishedOtherRun: 5139 });
  });

  it('says per level whether it equals the published count', async () => {
    const r = await cli('search', '--count', 'published', '--libm', 'js', '--max-k', '15');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/K 13: 78 values \(82 finite pairs\); published 78: equal/);
    expect(r.out).toMatch(/K 15: 214 values .*published 215: -1/);
  });

  it.each([
    [['--count', 'pub'], /--count must be one of distinct, published, got "pub"/],
    [['--count', 'published', '--leaves', '1,x'], /counts constants only: give --leaves 1/],
    [['--count', 'published', '--target', 'e'], /--target does not apply to --count published/],
    [['--count', 'published', '--semantics', 'finite'], /--semantics does not apply/],
    [['--count', 'published', '--libm', 'glibc'], /--libm must be one of correct, js, got "glibc"/],
    [['--count', 'published', '--max-k', '20'], /--max-k must be odd/],
    [['--libm', 'js'], /--libm applies only to --count published/],
  ])('refuses %j with a clear message', async (args, message) => {
    const r = await cli('search', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
