import { describe, expect, it } from 'vitest';
import { parseEml } from '../syntax/index.ts';
import { createRecogniser } from './blocks.ts';
import { blockLatex, blockTerms } from './terms.ts';

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
