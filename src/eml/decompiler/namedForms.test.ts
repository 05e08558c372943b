import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/compile.ts';
import { shortenTree } from '../../fit/search/shorten.ts';
import { parseEml } from '../syntax/index.ts';
import { EXAMPLES } from '../../tour/examples.ts';
import { TOUR } from '../../tour/tour.ts';
import { decompile } from './decompile.ts';
import type { EmlNode } from '../ast.ts';

/**
 * Issue 15: decompiled formulas name every part. The shapes that used to print as eml(·,·) (the training targets,
 * a fitted eml(x, e − ln x)) read as the paper's closed forms, and nothing the gallery, the tour or the fitter
 * shows keeps an eml(·,·) (scripts/decompileCoverage.ts measures the same sets).
 */
const read = (text: string) => decompile(parseEml(text).tree);

describe('named forms where eml(·,·) used to be printed', () => {
  it.each([
    ['eml(x, eml(1, x))', 'exp(x) - ln(e - ln(x))', 'e^{x} - \\ln\\left(e - \\ln\\left(x\\right)\\right)'],
    ['EML[1, EML[y, x]]', 'e - ln(exp(y) - ln(x))', null],
    ['EML[EML[1, EML[y, x]], 1]', 'exp(e)/(exp(y) - ln(x))', null],
    ['EML[1, EML[EML[1, EML[x, y]], 1]]', 'ln(exp(x) - ln(y))', null],
    ['EML[1, EML[EML[1, EML[1, EML[x, y]]], 1]]', 'ln(e - ln(exp(x) - ln(y)))', null],
    ['eml(x, y)', 'exp(x) - ln(y)', 'e^{x} - \\ln\\left(y\\right)'],
  ])('%s reads as %s', (tree, text, latex) => {
    const d = read(tree);
    expect(d.text).toBe(text);
    expect(d.unexplained).toBe(0);
    if (latex) expect(d.latex).toBe(latex);
  });

  it('still prefers the recognised construction to the spelled-out operator', () => {
    expect(read('EML[1,EML[EML[1,x],1]]').text).toBe('ln(x)');
    expect(read('EML[EML[1,EML[EML[1,x],1]],EML[y,1]]').text).toBe('x - y');
  });
});

describe('no eml(·,·) left over what the app shows', () => {
  const trees: Array<[string, EmlNode]> = [];
  for (const ex of EXAMPLES)
    if (ex.kind === 'eml') trees.push([ex.name, parseEml(ex.text).tree]);
    else
      for (const mode of ['paper', 'robust', 'shortest'] as const)
        trees.push([ex.name, compile(ex.text, { mode }).tree]);
  for (const step of TOUR) {
    trees.push([step.id, step.tree]);
    if (step.alternative) trees.push([`${step.id} alternative`, step.alternative.tree]);
  }
  for (const law of ['ln(x) + 1', 'exp(x - 1)', 'exp(-x)', 'sqrt(x)', 'x*ln(x)', 'ln(1 + x)', 'x - y', 'x/y'])
    trees.push([law, shortenTree(compile(law, { mode: 'shortest' }).tree)]);

  it.each(trees)('%s', (_name, tree) => {
    const d = decompile(tree);
    expect(d.unexplained).toBe(0);
    expect(d.text).not.toContain('eml(');
  });
});
