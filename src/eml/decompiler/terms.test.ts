import { describe, expect, it } from 'vitest';
import { parseEml } from '../syntax/index.ts';
import katex from 'katex';
import { compile } from '../compiler/compile.ts';
import { createRecogniser, nameOfMath } from './blocks.ts';
import { patternLibrary } from './patterns.ts';
import { blockLatex, blockTerms, texName } from './terms.ts';

const recognise = createRecogniser();

describe('formula terms and the block form', () => {
  it('writes recognised constructions by name', () => {
    const ln = parseEml('EML[1,EML[EML[1,x],1]]').tree;
    expect(blockLatex(ln, recognise)).toMatch(/^\\operatorname\{ln\}\\left\(x\\right\)$/);
    const unknown = parseEml('EML[x,x]').tree;
    expect(blockLatex(unknown, recognise)).toContain('\\operatorname{eml}');
  });

  it('lists blocks from the root down with absolute paths that reach their subtrees', () => {
    const t = parseEml('EML[EML[1,EML[EML[1,x],1]],EML[y,1]]').tree; // x − y = eml(ln x, exp y)
    const terms = blockTerms(t, recognise);
    expect(terms.length).toBeGreaterThan(0);
    expect(terms[0].path).toBe('');
    for (const term of terms) {
      let n = t;
      for (const step of term.path) n = n.kind === 'eml' ? (step === 'L' ? n.left : n.right) : n;
      expect(n).toBe(term.node);
    }
  });
});

describe('block names as TeX (issue 15: "·^2" was typeset as "·2̂")', () => {
  it.each([
    ['sub', '\\operatorname{sub}'],
    ['·^2', '{\\cdot}^{2}'],
    ['·^3', '{\\cdot}^{3}'],
    ['1/·', '1/{\\cdot}'],
    ['2*·', '2\\times {\\cdot}'],
    ['exp(−·)', '\\operatorname{exp}(-{\\cdot})'],
    ['−(1/2)', '-(1/2)'],
    ['π/2', '\\pi /2'],
    ['e−1', 'e-1'],
    ['ln(−1)', '\\operatorname{ln}(-1)'],
  ])('%s → %s', (name, tex) => expect(texName(name)).toBe(tex));

  it('typesets every block name of the library without an escaped caret and without a KaTeX error', () => {
    const lib = patternLibrary();
    const names = new Set<string>();
    for (const list of lib.index.values()) for (const p of list) names.add(nameOfMath(p.math) ?? 'sub');
    for (const m of lib.constants.values()) names.add(nameOfMath(m) ?? '0');
    expect(names.size).toBeGreaterThan(50);
    for (const name of names) {
      const tex = texName(name);
      expect(tex).not.toContain('\\^');
      expect(() => katex.renderToString(tex, { throwOnError: true })).not.toThrow();
    }
  });

  it('brackets a shape applied to its argument', () => {
    const tree = compile('x^2', { mode: 'robust' }).tree;
    expect(blockLatex(tree, recognise)).toBe('\\left[{\\cdot}^{2}\\right]\\left(x\\right)');
  });
});
