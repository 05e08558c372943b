import { describe, expect, it } from 'vitest';
import { COMPOSITIONS } from '../suites/compositions.ts';
import { ALL_SUITE_ITEMS } from '../suites/grids.ts';
import { compile } from './compile.ts';
import { rightAt, scanLines } from './domains.ts';
import { scanPoints } from './scanGrid.ts';

/**
 * Issue 12's acceptance check: the default (robust) tree is right at every real point where the paper tree is
 * right, on a dense log-spaced scan to |x| = 710 (along the diagonals for two variables). "Right" and the reference
 * (the input evaluated directly in float64 with libm) are domains.ts's.
 */

function wrongWherePaperRight(input: string): string[] {
  const robust = compile(input, { mode: 'robust' });
  let paper;
  try {
    paper = compile(input, { mode: 'paper' });
  } catch {
    return [];
  }
  const ts = scanPoints(96, 0.37);
  const out: string[] = [];
  for (const { line, at } of scanLines(robust.variables)) {
    const r = rightAt(robust.tree, robust.math, robust.variables, ts, at);
    const p = rightAt(paper.tree, paper.math, paper.variables, ts, at);
    ts.forEach((t, i) => {
      if (p[i] === true && r[i] !== true) out.push(`${input} at ${line}, t = ${t}`);
    });
  }
  return out;
}

describe('robust mode is right wherever paper mode is (issue 12)', () => {
  it.each(ALL_SUITE_ITEMS.map((s) => [s.input]))('suite %s', (input) => {
    expect(wrongWherePaperRight(input).slice(0, 5)).toEqual([]);
  });
  it.each(COMPOSITIONS.map((c) => [c]))('composition %s', (input) => {
    expect(wrongWherePaperRight(input).slice(0, 5)).toEqual([]);
  });
});
