import { describe, expect, it } from 'vitest';
import { compile } from './compile.ts';

describe('known defects (issue 12: shown, not hidden)', () => {
  it.each([
    ['i', 'computes -i, not i'],
    ['i*x', 'computes -i*x, not i*x'],
    ['exp(i*x)', 'computes exp(-i*x), not exp(i*x)'],
  ])('paper mode: %s carries the −i defect, with its reason', (input, text) => {
    const d = compile(input, { mode: 'paper' }).knownDefects;
    expect(d.map((x) => x.id)).toEqual(['paper-i-is-minus-i']);
    expect(d[0].text).toBe(text);
    expect(d[0].reason).toMatch(/ln\(−1\) lands on \+iπ in float64.*docs\/semantics\.md#branch-cut/);
  });

  it('real functions built from i, and i·i, are unaffected: no defect', () => {
    for (const input of ['sin(x)', 'atan(x)', 'i*i', 'x + 1'])
      expect(compile(input, { mode: 'paper' }).knownDefects).toEqual([]);
  });

  it('robust and shortest build i as +i: no defect', () => {
    for (const mode of ['robust', 'shortest'] as const)
      for (const input of ['i', 'i*x', 'x + i']) expect(compile(input, { mode }).knownDefects).toEqual([]);
  });
});
