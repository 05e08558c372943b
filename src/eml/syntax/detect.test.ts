import { describe, expect, it } from 'vitest';
import { ONE, eml, variable } from '../ast.ts';
import { EmlSyntaxError } from './errors.ts';
import { detectSyntax, parseEml } from './detect.ts';
import { printMathematica } from './print.ts';

const x = variable('x');

// docs/constructions.md#small-trees (verbatim compiler trees) with their K.
const SECTION_2_4: [string, number][] = [
  ['EML[1,1]', 3],
  ['EML[x,1]', 3],
  ['EML[1,EML[EML[1,x],1]]', 7],
  ['EML[1,EML[EML[1,1],1]]', 7],
  ['EML[EML[1,EML[EML[1,x],1]],EML[y,1]]', 11],
  ['EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[x,1]]', 17],
  ['EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[1,1]]', 17],
  ['EML[EML[1,EML[EML[1,x],1]],EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[y,1]],1]]', 27],
  ['EML[EML[1,EML[EML[1,1],1]],EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[1,1]],1]]', 27],
  ['EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[EML[1,EML[EML[1,x],1]],1]],1]', 25],
  [
    'EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,x],1]]],1]],EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[EML[1,EML[EML[1,y],1]],1]],1]],1]',
    41,
  ],
  [
    'EML[EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,y],1]]],1]],EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[EML[1,EML[EML[1,EML[1,EML[EML[1,x],1]]],1]],1]],1]],1],1]',
    49,
  ],
  ['EML[1,EML[EML[1,EML[x,1]],1]]', 9],
  ['EML[EML[1,EML[EML[EML[1,EML[EML[1,EML[1,x]],1]],y],1]],1]', 17],
];

// docs/constructions.md#reference-values trees that come with K (and sometimes depth).
const SECTION_7: [string, number, number?][] = [
  ['EML[1,EML[EML[1,x],1]]', 7, 3],
  ['EML[EML[1,EML[1,EML[1,EML[EML[1,1],1]]]],EML[1,1]]', 15],
  ['EML[EML[1,EML[EML[1,EML[1,EML[1,1]]],1]],EML[EML[1,1],1]]', 17],
  ['EML[1,EML[EML[EML[1,EML[EML[1,EML[1,EML[1,1]]],1]],EML[1,1]],1]]', 19],
  ['EML[EML[1,EML[EML[1,1],EML[EML[EML[1,EML[1,EML[1,EML[EML[1,1],1]]]],EML[EML[EML[1,1],1],1]],1]]],1]', 29],
  ['EML[EML[x,EML[EML[EML[1,EML[EML[1,EML[x,y]],1]],x],1]],1]', 17],
  ['EML[1,EML[EML[EML[x,EML[EML[x,EML[1,EML[y,1]]],1]],EML[x,1]],1]]', 19],
  ['EML[EML[1,EML[1,EML[1,EML[EML[1,1],1]]]],EML[x,1]]', 15],
  ['EML[EML[EML[1,EML[1,EML[1,EML[EML[1,1],1]]]],x],1]', 15],
  ['EML[1,EML[EML[1,EML[x,y]],1]]', 9, 4],
];

describe("parseEml on the paper's trees", () => {
  it.each(SECTION_2_4)('docs/constructions.md#small-trees %s has K=%i and prints back verbatim', (source, k) => {
    const { tree, syntax } = parseEml(source);
    expect(syntax).toBe('mathematica');
    expect(tree.k).toBe(k);
    expect(printMathematica(tree)).toBe(source);
  });

  it.each(SECTION_7)('docs/constructions.md#reference-values %s has K=%i', (source, k, depth) => {
    const { tree } = parseEml(source);
    expect(tree.k).toBe(k);
    if (depth !== undefined) expect(tree.depth).toBe(depth);
  });

  it('ln x reads the same in every syntax', () => {
    const ln = eml(ONE, eml(eml(ONE, x), ONE));
    for (const source of [
      'EML[1,EML[EML[1,x],1]]',
      'eml(1, eml(eml(1, x), 1))',
      'E(1,E(E(1,x),1))',
      '1 1 x E 1 E E',
      '{1, 1, x, EML, 1, EML, EML}',
    ]) {
      expect(parseEml(source).tree, source).toBe(ln);
    }
  });
});

describe('syntax detection', () => {
  it('goes by bracket kind: [ is Mathematica, ( is functional, otherwise RPN', () => {
    expect(detectSyntax('EML[1,x]')).toBe('mathematica');
    expect(detectSyntax('eml(1, EML[x,1])')).toBe('mathematica');
    expect(detectSyntax('E(1, x)')).toBe('functional');
    expect(detectSyntax('1 x E')).toBe('rpn');
    expect(detectSyntax('{1, x, EML}')).toBe('rpn');
    expect(parseEml('x')).toEqual({ tree: x, syntax: 'rpn' });
    expect(parseEml(' 1 ')).toEqual({ tree: ONE, syntax: 'rpn' });
  });

  it('takes a forced syntax', () => {
    expect(parseEml('eml(1, x)', { syntax: 'mathematica' })).toEqual({ tree: eml(ONE, x), syntax: 'mathematica' });
    expect(() => parseEml('eml(1, x)', { syntax: 'rpn' })).toThrow(EmlSyntaxError);
    expect(() => parseEml('1 x E', { syntax: 'functional' })).toThrow(/expected end of input|after the end/);
  });

  it('applies the size limit from the options', () => {
    expect(() => parseEml('1 x E', { limits: { maxInputBytes: 4 } })).toThrow(
      'expression too long: 5 bytes, at most 4 bytes',
    );
    expect(parseEml('1 x E', { limits: { maxInputBytes: 5 } }).tree).toBe(eml(ONE, x));
  });
});
