/**
 * Stack safety at 100 000 levels, for every parser and printer. Kept in one file so the deep trees are
 * hash-consed once (building 10⁵ fresh nodes is the expensive part) rather than once per test worker.
 */

import { describe, expect, it } from 'vitest';
import { ONE, eml, variable, type EmlNode } from '../ast.ts';
import { parseEml } from './detect.ts';
import { print, printFunctional, printLatex, printMathematica, printRpn, printTree } from './print.ts';

const n = 100_000;

describe('100 000-level nesting', () => {
  // One tree, eml(eml(…eml(1, 1)…, 1), 1), written in each syntax exactly as its printer writes it.
  const functional = 'eml('.repeat(n) + '1, 1)' + ', 1)'.repeat(n - 1);
  const mathematica = 'EML['.repeat(n) + '1,1]' + ',1]'.repeat(n - 1);
  const rpn = '1 ' + '1 E '.repeat(n);

  let tree: EmlNode = ONE;

  it('parses in all three syntaxes to the same tree', () => {
    const results = [functional, mathematica, rpn].map((text) => parseEml(text));
    expect(results.map((r) => r.syntax)).toEqual(['functional', 'mathematica', 'rpn']);
    tree = results[0].tree;
    expect(tree.depth).toBe(n);
    expect(tree.k).toBe(2 * n + 1);
    expect(results[1].tree).toBe(tree);
    expect(results[2].tree).toBe(tree);
  });

  it('prints back to the same text', () => {
    expect(printFunctional(tree)).toBe(functional);
    expect(printMathematica(tree)).toBe(mathematica);
    expect(printRpn(tree)).toBe(rpn.trimEnd());
    expect(printLatex(tree)).toMatch(/^(\\operatorname\{eml\}\\left\(){3}/);
  });

  it('round-trips a deep tree that alternates between the exp and ln sides', () => {
    // Right-nested calls take the other path through the parser (a first argument already waiting).
    const x = variable('x');
    let alternating: EmlNode = ONE;
    for (let i = 0; i < n; i++) alternating = i % 2 === 0 ? eml(alternating, x) : eml(ONE, alternating);
    expect(parseEml(print(alternating, 'functional')).tree).toBe(alternating);
    const lines = printTree(alternating).split('\n');
    // Deeper levels are summarised, so the text stays proportional to what is shown.
    expect(lines.length).toBeLessThan(500);
    expect(lines.some((line) => line.endsWith(`eml(…) K=${alternating.k - 400}, depth ${n - 200}`))).toBe(true);
  });
});
