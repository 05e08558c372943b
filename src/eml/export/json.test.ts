import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eml, ONE, variable, type EmlNode } from '../ast.ts';
import { compile } from '../compiler/compile.ts';
import { parseEml } from '../syntax/index.ts';
import { parseJson, parseTreeJson, TreeJsonError, writeTreeJson } from './json.ts';

const X = variable('x');
const Y = variable('y');

describe('eml-tree JSON', () => {
  it('writes the documented schema', () => {
    const text = writeTreeJson(parseEml('EML[1,EML[EML[1,x],1]]').tree);
    expect(JSON.parse(text)).toEqual({
      format: 'eml-tree',
      version: 1,
      k: 7,
      depth: 3,
      variables: ['x'],
      root: { eml: [1, { eml: [{ eml: [1, 'x'] }, 1] }] },
    });
    expect(JSON.parse(writeTreeJson(X, { pretty: false }))).toEqual({
      format: 'eml-tree',
      version: 1,
      k: 1,
      depth: 0,
      variables: ['x'],
      root: 'x',
    });
  });

  it('round-trips random trees to the identical (hash-consed) node', () => {
    const treeArb: fc.Arbitrary<EmlNode> = fc.letrec<{ t: EmlNode }>((tie) => ({
      t: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom<EmlNode>(ONE, X, Y, variable('long_name2')),
        fc.tuple(tie('t'), tie('t')).map(([l, r]) => eml(l, r)),
      ),
    })).t;
    fc.assert(
      fc.property(treeArb, fc.boolean(), (t, pretty) => {
        expect(parseTreeJson(writeTreeJson(t, { pretty })).tree).toBe(t);
      }),
      { numRuns: 300 },
    );
    const tan = compile('tan(x)', { mode: 'paper' }).tree;
    expect(parseTreeJson(writeTreeJson(tan)).tree).toBe(tan);
  });

  it('round-trips a 100 000-deep tree (iterative writer and reader)', () => {
    let t: EmlNode = X;
    for (let i = 0; i < 100_000; i++) t = i % 2 === 0 ? eml(t, ONE) : eml(ONE, t);
    expect(t.depth).toBe(100_000);
    const text = writeTreeJson(t);
    const back = parseTreeJson(text);
    expect(back.tree).toBe(t);
    expect(back.version).toBe(1);
    // An error deep inside is reported with its depth, not a stack overflow.
    const at = text.lastIndexOf('"x"');
    const broken = `${text.slice(0, at)}"e"${text.slice(at + 3)}`;
    expect(() => parseTreeJson(broken)).toThrow(/bad variable at depth 100000 .*names the eml operator/);
  });

  it('validates: format, version, node shapes, variable names, and the redundant fields', () => {
    const ok = { format: 'eml-tree', version: 1, root: { eml: [1, 'x'] } };
    const bad = (doc: unknown) => () => parseTreeJson(typeof doc === 'string' ? doc : JSON.stringify(doc));
    expect(parseTreeJson(JSON.stringify(ok)).tree).toBe(eml(ONE, X));
    expect(bad({ ...ok, format: 'other' })).toThrow(/"format" must be "eml-tree"/);
    expect(bad({ ...ok, version: 2 })).toThrow(/newer than this reader/);
    expect(bad({ ...ok, version: '1' })).toThrow(/positive integer/);
    expect(bad({ format: 'eml-tree', version: 1 })).toThrow(/"root" is missing/);
    expect(bad({ ...ok, root: 2 })).toThrow(/expected 1, a variable name .* got the number 2/);
    expect(bad({ ...ok, root: { eml: [1] } })).toThrow(/eml node is/);
    expect(bad({ ...ok, root: { eml: [1, 1], extra: 0 } })).toThrow(/no other keys/);
    expect(bad({ ...ok, root: { eml: [1, { eml: [null, 1] }] } })).toThrow(/at depth 2 \(path rootRL\).*got null/);
    expect(bad({ ...ok, root: 'eml' })).toThrow(/names the eml operator/);
    expect(bad({ ...ok, root: '2x' })).toThrow(/not an identifier/);
    expect(bad({ ...ok, k: 5 })).toThrow(/"k" is 5 but the tree has K=3/);
    expect(bad({ ...ok, depth: 0 })).toThrow(/"depth"/);
    expect(bad({ ...ok, variables: ['y'] })).toThrow(/"variables" must be/);
    expect(bad([1])).toThrow(/not a JSON object/);
    expect(bad('{"format": "eml-tree", ')).toThrow(TreeJsonError);
    expect(bad('{"format": "eml-tree"} x')).toThrow(/text after the JSON value/);
    expect(() => parseTreeJson('x'.repeat(100), { maxLength: 10 })).toThrow(/limit/);
    expect(() => parseTreeJson(writeTreeJson(eml(eml(X, ONE), ONE)), { maxDepth: 1 })).toThrow(/deeper than 1/);
  });
});

describe('the iterative JSON parser', () => {
  it('agrees with JSON.parse on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(parseJson(text)).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
    for (const text of [
      '"\\u00e9\\n\\"\\/"',
      ' [ ] ',
      '{}',
      '-0',
      '1e-5',
      '[1,[2,[3,{"a":[true,false,null]}]]]',
      '{"__proto__": 1}',
    ]) {
      expect(parseJson(text)).toStrictEqual(JSON.parse(text));
    }
  });

  it('rejects what JSON.parse rejects', () => {
    for (const text of [
      '',
      '[1,]',
      '{"a":1,}',
      '01',
      '[1 2]',
      '{"a" 1}',
      "'a'",
      '"\t"',
      '"\\x"',
      'tru',
      '[',
      '{"a":',
      '1.',
      '.5',
      'NaN',
    ]) {
      expect(() => JSON.parse(text), text).toThrow();
      expect(() => parseJson(text), text).toThrow(TreeJsonError);
    }
  });
});
