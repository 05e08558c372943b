/**
 * Paper lowering runs only when its K is asked for: a compact compilation tries the paper tree only within the
 * small budget (to keep compact ≤ paper where that is cheap), and the full paper compilation behind `paperK` runs
 * on first read, once.
 */
import { describe, expect, it, vi } from 'vitest';
import * as paper from './paper.ts';
import { compile, PAPER_CHEAP_BUDGET, paperKOf } from './compile.ts';

vi.mock('./paper.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('./paper.ts')>();
  return { ...original, compilePaper: vi.fn(original.compilePaper) };
});

const calls = () => vi.mocked(paper.compilePaper).mock.calls.map((c) => c[2]);

describe('lazy paper K', () => {
  it('compact compilation runs paper lowering only within the cheap budget; paperK computes it on first read', () => {
    // 400 terms: over the cheap budget, within the full one.
    const text = Array.from({ length: 400 }, (_, i) => `x^${i + 2}`).join('+');
    vi.mocked(paper.compilePaper).mockClear();
    const r = compile(text);
    expect(calls()).toEqual([PAPER_CHEAP_BUDGET]);
    expect(r.fromPaper).toBe(false);
    const k = r.paperK;
    expect(calls()).toEqual([PAPER_CHEAP_BUDGET, paper.PAPER_WORK_BUDGET]);
    expect(k).toBe(paperKOf(text));
    expect(r.paperK).toBe(k);
    expect(calls()).toHaveLength(3); // the paperKOf above, not a second read of r.paperK
    expect(compile(text, { mode: 'paper' }).k).toBe(k);
  });

  it('when the cheap attempt succeeds its K is reused', () => {
    vi.mocked(paper.compilePaper).mockClear();
    const r = compile('x*y');
    expect(r.paperK).toBe(41);
    expect(calls()).toEqual([PAPER_CHEAP_BUDGET]);
  });

  it('paperK is null where paper mode refuses (abs) or is over budget', () => {
    expect(compile('abs(x)').paperK).toBeNull();
    const huge = Array.from({ length: 3000 }, (_, i) => `sin(${i + 1}x)`).join('+');
    expect(paperKOf(huge)).toBeNull();
  });

  it('JSON of a result carries paperK', () => {
    expect(JSON.parse(JSON.stringify({ ...compile('x-y'), tree: null, math: null }))).toMatchObject({
      k: 11,
      paperK: 83,
    });
  });
});
