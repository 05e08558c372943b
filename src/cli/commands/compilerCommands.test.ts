import { describe, expect, it } from 'vitest';
import { runCli } from '../runCli.ts';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('compile / decompile / verify commands', () => {
  it('compile prints the tree, K and depth', async () => {
    const r = await run('compile', 'x-y', '--mode', 'paper', '--to', 'mathematica');
    expect(r.code).toBe(0);
    expect(r.out).toContain('K: 83');
    const c = await run('compile', 'x-y', '--json');
    expect(JSON.parse(c.out)).toMatchObject({
      k: 11,
      depth: 4,
      mode: 'robust',
      paperK: 83,
      tree: 'eml(eml(1, eml(eml(1, x), 1)), eml(y, 1))',
    });
    // The measured validity domain (issue 12), and the old mode name 'compact' still read as 'shortest'.
    const cosh = JSON.parse((await run('compile', 'cosh(x)', '--mode', 'compact', '--json')).out);
    expect(cosh.mode).toBe('shortest');
    expect(cosh.domain.everywhere).toBe(false);
    expect(cosh.domain.text).toMatch(/^equals cosh\(x\) for .*x ≤ 5\.(89|9)/);
    expect(cosh.domain.lines[0].intervals.at(-1)[1]).toBeLessThan(5.95);
    expect(cosh.domain.complex).toContain('|Im(2*exp(x))| < π');
    expect(cosh.knownDefects).toEqual([]);
    const ix = JSON.parse((await run('compile', 'i*x', '--mode', 'paper', '--json')).out);
    expect(ix.knownDefects.map((d: { id: string }) => d.id)).toEqual(['paper-i-is-minus-i']);
    expect(
      JSON.parse((await run('compile', 'cosh(x)', '--json')).out).domain.lines[0].intervals.at(-1)[1],
    ).toBeGreaterThan(354);
    expect((await run('compile', 'sin(x)', '--clean', '--to', 'rpn')).out).toMatch(/^1 /);
  });
  it('compile refuses bad or unsupported input with exit code 2', async () => {
    const r = await run('compile', 'floor(x)');
    expect(r.code).toBe(2);
    expect(r.err).toContain('not supported');
    const p = await run('compile', 'x + * 2');
    expect(p.code).toBe(2);
    expect(p.err).toContain('column 5');
    expect((await run('compile', 'abs(x)', '--mode', 'paper')).code).toBe(2);
  });
  it('decompile explains a tree', async () => {
    const r = await run('decompile', 'EML[EML[1,EML[EML[1,x],1]],EML[y,1]]');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('x - y');
    expect(JSON.parse((await run('decompile', 'eml(x, 1)', '--json')).out)).toMatchObject({
      text: 'exp(x)',
      latex: 'e^{x}',
      unexplained: 0,
    });
  });
  it('verify runs the suites', async () => {
    const r = await run('verify', '--mode', 'compact', '--item', 'Sin');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Sin');
    const j = JSON.parse((await run('verify', '--mode', 'paper', '--item', 'ArcSin', '--json')).out);
    expect(j[0]).toMatchObject({ item: 'ArcSin', mode: 'paper', k: 723, nonFinite: 0, pass: true });
  });
});
