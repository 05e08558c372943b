import { describe, expect, it } from 'vitest';
import { nodeAt, variable } from '../ast.ts';
import { readInput } from '../input.ts';
import * as M from '../math/ast.ts';
import { createRecogniser, nameOfMath, shapeOf } from './blocks.ts';
import { parseEml } from '../syntax/index.ts';

const recognise = createRecogniser();
const compileCompact = (t: string) => {
  const r = readInput(t, { kind: 'math', compileMode: 'compact', clean: false });
  if (!r.ok) throw r.error;
  return r.tree;
};

describe('recognised blocks', () => {
  it.each([
    ['x - y', 'sub', 2],
    ['x * y', 'mul', 2],
    ['x + y', 'add', 2],
    ['x / y', 'div', 2],
    ['sin(x)', 'sin', 1],
    ['exp(x)', 'exp', 1],
    ['-x', 'neg', 1],
    ['1/x', '1/·', 1],
  ])('%s is a %s block whose argument paths lead to the arguments', (text, name, arity) => {
    const tree = compileCompact(text);
    const b = recognise(tree);
    expect(b?.name).toBe(name);
    expect(b?.args.length).toBe(arity);
    for (const a of b!.args) expect(nodeAt(tree, a.path)).toBe(a.node);
    expect(b!.args[0].node).toBe(variable('x'));
    if (arity === 2) expect(b!.args[1].node).toBe(variable('y'));
  });

  it.each([
    ['2', '2'],
    ['-1', '−1'],
    ['pi', 'π'],
    ['i', 'i'],
    ['e', 'e'],
    ['0', '0'],
  ])('the constant %s is named %s, with no arguments', (text, name) => {
    const b = recognise(compileCompact(text));
    expect(b?.name).toBe(name);
    expect(b?.args).toEqual([]);
  });

  it('reads the paper-form ln(x) and leaves leaves and unexplained nodes alone', () => {
    expect(recognise(parseEml('EML[1,EML[EML[1,x],1]]').tree)?.name).toBe('ln');
    expect(recognise(variable('x'))).toBeNull();
    expect(recognise(parseEml('eml(x, y)').tree)).toBeNull();
  });

  it('lists the block’s own nodes (not its arguments) for flag badges', () => {
    const tree = compileCompact('x - y');
    const b = recognise(tree)!;
    expect(b.inner).toContain('');
    for (const p of b.inner) expect(nodeAt(tree, p)?.kind).toBe('eml');
    for (const a of b.args) expect(b.inner).not.toContain(a.path);
  });

  it('names by the first occurrence of a repeated hole', () => {
    const { holes, inner } = shapeOf(parseEml('eml(eml(x, 1), x)').tree);
    expect(holes.get('x')).toBe('LL');
    expect(inner).toEqual(['', 'L']);
  });

  it('names constructions without claiming more than they are', () => {
    expect(nameOfMath(M.call('sin', M.mvar('x')))).toBe('sin');
    expect(nameOfMath(M.sub(M.mvar('x'), M.mvar('y')))).toBe('sub');
    expect(nameOfMath(M.pow(M.mvar('x'), M.num(2)))).toBe('·^2');
    expect(nameOfMath(M.num(-1))).toBe('−1');
    expect(nameOfMath(M.konst('pi'))).toBe('π');
    expect(nameOfMath(M.emlCall(M.mvar('x'), M.num(1)))).toBeNull();
  });
});
