import { describe, expect, it } from 'vitest';
import { runCli } from './runCli.ts';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('CLI', () => {
  it('eval prints the value, K, depth and flags; --json is stable', async () => {
    const r = await cli('eval', 'eml(x,1)', '--x', '2');
    expect(r.code).toBe(0);
    expect(r.out).toContain('value: 7.38905609893065');
    expect(r.out).toContain('K: 3');
    const j = JSON.parse((await cli('eval', 'EML[1,EML[EML[1,x],1]]', '--x', '-1', '--json')).out);
    expect(j).toMatchObject({ value: { re: 0, im: Math.PI }, k: 7, depth: 3, semantics: 'complex', error: null });
    expect(j.flags.some((f: { flags: string[] }) => f.flags.includes('branch-cut'))).toBe(true);
  });

  it('eval --mode finite fails with exit code 1 and names the node; real-extended gives NaN', async () => {
    const t = 'EML[EML[1,EML[1,EML[1,EML[EML[1,1],1]]]],EML[1,1]]';
    const fin = await cli('eval', t, '--mode', 'finite', '--json');
    expect(fin.code).toBe(1);
    expect(JSON.parse(fin.out).error).toMatch(/ln 0 .* at path/);
    const real = JSON.parse(
      (await cli('eval', 'EML[1,EML[EML[1,x],1]]', '--x', '-1', '--mode', 'real-extended', '--json')).out,
    );
    expect(real.value.re).toBe('NaN');
  });

  it('eval accepts complex values, signed zero and named variables', async () => {
    const r = JSON.parse((await cli('eval', 'eml(alpha, 1)', '--var', 'alpha=0+3.141592653589793i', '--json')).out);
    expect(r.value.re).toBeCloseTo(-1, 15);
    // ln at +0 is −∞ + 0i; at −0 the sign of zero survives into exp(∞ − iπ) = −∞ − i∞, whose log has Arg −3π/4.
    const plus = JSON.parse((await cli('eval', 'EML[1,EML[EML[1,x],1]]', '--x', '0', '--json')).out);
    expect(plus.value).toEqual({ re: '-Infinity', im: 0 });
    const minus = JSON.parse((await cli('eval', 'EML[1,EML[EML[1,x],1]]', '--x', '-0', '--json')).out);
    expect(minus.value).toEqual({ re: '-Infinity', im: (3 * Math.PI) / 4 });
  });

  it('bad input: positioned error and exit code 2', async () => {
    const r = await cli('eval', 'eml(1 x)', '--x', '1');
    expect(r.code).toBe(2);
    expect(r.err).toContain('line 1, column 7');
    const j = await cli('metrics', 'EML[1,', '--json');
    expect(j.code).toBe(2);
    expect(JSON.parse(j.err).error).toMatchObject({ line: 1 });
    expect((await cli('eval', 'eml(x,1)')).code).toBe(2); // x has no value
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('convert', 'x', '--to', 'fortran')).code).toBe(2);
  });

  it('metrics and convert', async () => {
    const m = JSON.parse((await cli('metrics', '1 x E', '--json')).out);
    expect(m).toMatchObject({ syntax: 'rpn', k: 3, depth: 1, leaves: 2, emlNodes: 1, variables: ['x'] });
    expect((await cli('convert', 'eml(1, eml(eml(1, x), 1))', '--to', 'mathematica')).out).toBe(
      'EML[1,EML[EML[1,x],1]]',
    );
    expect((await cli('convert', 'EML[1,x]', '--to', 'rpn')).out).toBe('1 x E');
    expect((await cli('convert', 'EML[1,x]', '--to', 'eml')).out).toBe('eml(1, x)');
    expect((await cli('convert', 'EML[1,x]', '--to', 'latex')).out).toContain('\\operatorname{eml}');
    expect((await cli('convert', 'EML[1,x]', '--to', 'tree')).out.split('\n').length).toBe(3);
  });
});
