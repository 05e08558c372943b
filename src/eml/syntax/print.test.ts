import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ONE, eml, variable, type EmlNode } from '../ast.ts';
import { parseEml } from './detect.ts';
import { EmlSyntaxError } from './errors.ts';
import {
  MAX_PRINT_K,
  print,
  printFunctional,
  printLatex,
  printMathematica,
  printRpn,
  printTree,
  TooLargeToPrintError,
  type EmlSyntax,
} from './print.ts';

const x = variable('x');
const ln = eml(ONE, eml(eml(ONE, x), ONE));

describe('printers', () => {
  it('functional: comma and space, either operator name', () => {
    expect(printFunctional(ln)).toBe('eml(1, eml(eml(1, x), 1))');
    expect(printFunctional(ln, { name: 'E' })).toBe('E(1, E(E(1, x), 1))');
    expect(printFunctional(variable('alpha_1'))).toBe('alpha_1');
  });

  it("mathematica: the paper's style, no spaces", () => {
    expect(printMathematica(ln)).toBe('EML[1,EML[EML[1,x],1]]');
    expect(print(ONE, 'mathematica')).toBe('1');
  });

  it('rpn: operands left then right, then the operator', () => {
    expect(printRpn(eml(ONE, x))).toBe('1 x E');
    expect(printRpn(ln)).toBe('1 1 x E 1 E E');
    expect(printRpn(ln, { op: 'EML' })).toBe('1 1 x EML 1 EML EML');
  });

  it('tree: box drawing, L for the exp side and R for the ln side', () => {
    expect(printTree(ln)).toBe(
      ['eml', '├─ L 1', '└─ R eml', '   ├─ L eml', '   │  ├─ L 1', '   │  └─ R x', '   └─ R 1'].join('\n'),
    );
    expect(printTree(x)).toBe('x');
  });

  it('tree: summarises subtrees below maxDepth and stops at maxLines', () => {
    expect(printTree(ln, { maxDepth: 1 })).toBe(['eml', '├─ L 1', '└─ R eml(…) K=5, depth 2'].join('\n'));
    const lines = printTree(ln, { maxLines: 3 }).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('… (output stopped at 3 lines; the tree has K=7, depth 3)');
  });

  it('latex: operatorname, sized parentheses, long names upright with _ escaped', () => {
    expect(printLatex(eml(ONE, x))).toBe('\\operatorname{eml}\\left(1, x\\right)');
    expect(printLatex(eml(variable('alpha_1'), variable('_')))).toBe(
      '\\operatorname{eml}\\left(\\mathrm{alpha\\_1}, \\mathrm{\\_}\\right)',
    );
  });

  it('print dispatches on the syntax name', () => {
    expect(print(ln, 'functional')).toBe(printFunctional(ln));
    expect(print(ln, 'functional', { name: 'E' })).toBe(printFunctional(ln, { name: 'E' }));
    expect(print(ln, 'rpn', { op: 'EML' })).toBe(printRpn(ln, { op: 'EML' }));
    expect(print(ln, 'tree')).toBe(printTree(ln));
    expect(print(ln, 'latex')).toBe(printLatex(ln));
  });

  it('refuses to expand a small DAG into an astronomically long text', () => {
    let t: EmlNode = x;
    for (let i = 0; i < 40; i++) t = eml(t, t);
    expect(() => printFunctional(t)).toThrow(RangeError);
    let error: unknown;
    try {
      printRpn(t);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TooLargeToPrintError);
    expect(error).toMatchObject({ k: t.k, limit: MAX_PRINT_K });
    expect(printTree(t, { maxLines: 5 }).split('\n')).toHaveLength(6);
  });
});

describe('round trip property', () => {
  const leaf = fc.constantFrom<EmlNode>(ONE, x, variable('y'), variable('z'), variable('alpha_1'));
  const { tree } = fc.letrec<{ tree: EmlNode; node: EmlNode }>((tie) => ({
    tree: fc.oneof({ maxDepth: 8, depthIdentifier: 'tree' }, leaf, tie('node')),
    node: fc.tuple(tie('tree'), tie('tree')).map(([l, r]) => eml(l, r)),
  }));

  it.each(['functional', 'mathematica', 'rpn'] as const)('parse(print(t, %s)) === t', (syntax: EmlSyntax) => {
    fc.assert(
      fc.property(tree, (t) => {
        expect(parseEml(print(t, syntax)).tree).toBe(t);
        expect(parseEml(print(t, syntax), { syntax }).tree).toBe(t);
      }),
      { numRuns: 300 },
    );
  });

  it('alternative spellings round-trip too', () => {
    fc.assert(
      fc.property(tree, (t) => {
        expect(parseEml(printFunctional(t, { name: 'E' })).tree).toBe(t);
        expect(parseEml(printRpn(t, { op: 'EML' })).tree).toBe(t);
        expect(parseEml(`{${printRpn(t).replace(/ /g, ', ')}}`).tree).toBe(t);
      }),
      { numRuns: 100 },
    );
  });

  it('arbitrary text either parses or fails with a positioned EmlSyntaxError', () => {
    const alphabet = fc.constantFrom(...'eEmlMLx1 2,()[]{}\n\t+é'.split(''), 'eml(', 'EML[', 'E ', '1,', ')', ']');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 30 }).map((parts) => parts.join('')),
        (text) => {
          try {
            parseEml(text);
          } catch (e) {
            if (!(e instanceof EmlSyntaxError)) throw e;
            expect(e.offset).toBeGreaterThanOrEqual(0);
            expect(e.offset).toBeLessThanOrEqual(text.length);
            expect(e.length).toBeGreaterThanOrEqual(1);
            expect(e.format(text)).toContain('^');
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
