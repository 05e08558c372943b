import { describe, expect, it } from 'vitest';
import { trace } from '../evaluate/interpreter.ts';
import { SearchRun } from '../enumerate/search.ts';
import { readTarget } from '../enumerate/target.ts';
import { evaluateMath } from '../math/evaluate.ts';
import { parseMath } from '../math/parser.ts';
import { parseEml } from '../syntax/index.ts';
import { compile } from './compile.ts';
import { SEARCH_FORMS } from './searchForms.ts';
import { RULES_SEARCH_FORMS } from './rules.ts';

const grid = [
  ...Array.from({ length: 109 }, (_, i) => -20 + i * 0.37),
  ...[-700, -300, -100, -50, 50, 100, 300, 700],
].filter((x) => x !== 0);

describe('search-found forms (the rules table, searchForms.ts)', () => {
  it('is the table rules.ts exports', () => {
    expect(RULES_SEARCH_FORMS).toBe(SEARCH_FORMS);
  });

  it.each(SEARCH_FORMS.map((f) => [f.id, f] as const))('%s: K, ∞ use, and equality on the real line', (_, f) => {
    const { tree } = parseEml(f.tree);
    expect(tree.k).toBe(f.k);
    expect(f.k).toBeLessThan(f.compiledK);
    const math = parseMath(f.math);
    const points = /x/.test(f.math) ? grid : [0];
    let usesInf = false;
    for (const x of points) {
      if (f.id === 'e-x' && x > 709) continue; // its stated validity
      const t = trace(tree, { x }, 'complex');
      for (const n of t.nodes.values()) if (n.value.re === -Infinity) usesInf = true;
      const want = evaluateMath(math, { x });
      if (!Number.isFinite(want.re) || Math.abs(want.im) > 1e-12 * Math.max(1, Math.abs(want.re))) continue;
      expect(Math.abs(t.value.re - want.re)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want.re)));
    }
    expect(usesInf).toBe(f.usesInfinity);
  });

  it.each(SEARCH_FORMS.map((f) => [f.id, f] as const))('%s: the search finds it again at its K', (_, f) => {
    const leaves = /x/.test(f.math) ? '1,x' : '1';
    const target = readTarget(f.math, leaves);
    if (!target.ok) throw new Error(target.message);
    const run = new SearchRun({
      leaves,
      semantics: 'complex',
      seed: 1,
      maxK: f.k,
      maxBytes: 256 * 2 ** 20,
      target: target.target,
    });
    while (run.advance(1 << 16) === 'running');
    expect(run.found?.k).toBe(f.k);
  });

  it('shortest mode uses them; clean mode not through ln 0; the compiled tree is the form', () => {
    expect(compile('e - 1', { mode: 'shortest' }).k).toBe(5);
    expect(compile('-2', { mode: 'shortest' }).k).toBe(25);
    expect(compile('exp(t)/t', { mode: 'shortest' }).k).toBe(11);
    expect(compile('-ln(x)', { mode: 'shortest' }).k).toBe(13);
    expect(compile('-ln(x)', { mode: 'shortest', clean: true }).k).toBeGreaterThan(13);
    // Inside a larger expression the form is a subtree: (e − 1)·x is the short product of K 5 and K 1.
    expect(compile('(e - 1)*x', { mode: 'shortest' }).k).toBe(5 + 1 + 15);
    expect(compile('x*y', { mode: 'shortest' }).k).toBe(17);
  });
});
