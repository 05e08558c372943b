import { describe, expect, it } from 'vitest';
import { ONE, eml, variable } from '../ast.ts';
import { thrownBy, whereIn } from './errorProbe.ts';
import { parseFunctional } from './functional.ts';

const x = variable('x');

const thrown = (source: string) => thrownBy(parseFunctional, source);
const where = (source: string) => whereIn(parseFunctional, source);

describe('parseFunctional: accepted forms', () => {
  it('reads every spelling of the operator and both bracket kinds', () => {
    for (const source of [
      'eml(1, x)',
      'EML(1,x)',
      'Eml(1 ,x )',
      'E(1, x)',
      'e(1, x)',
      'EML[1,x]',
      'eml[1, x]',
      'E[1,x]',
    ]) {
      expect(parseFunctional(source), source).toBe(eml(ONE, x));
    }
  });

  it('mixes bracket kinds across calls as long as each closer matches its opener', () => {
    expect(parseFunctional('EML[1, eml(EML[1,x], 1)]')).toBe(eml(ONE, eml(eml(ONE, x), ONE)));
  });

  it('tolerates spaces, tabs and newlines anywhere between tokens', () => {
    expect(parseFunctional(' \teml\n(\r\n 1 ,\n\t x\n) \n')).toBe(eml(ONE, x));
    expect(parseFunctional('E (1, x)')).toBe(eml(ONE, x));
  });

  it('reads leaves on their own', () => {
    expect(parseFunctional('1')).toBe(ONE);
    expect(parseFunctional(' alpha_1 ')).toBe(variable('alpha_1'));
  });
});

describe('parseFunctional: error positions', () => {
  it('unexpected character', () => {
    expect(where('eml(1, x # y)')).toEqual(['unexpected-character', 9, 1, 10, 1]);
    expect(where('eml(1,\n x+1)')).toEqual(['unexpected-character', 9, 2, 3, 1]);
    expect(thrown('x + 1').hint).toMatch(/compiler/);
    // A character outside the BMP is underlined whole (2 UTF-16 units).
    expect(where('eml(1, 😀)')).toEqual(['unexpected-character', 7, 1, 8, 2]);
    expect(where('eml{1, x}')).toEqual(['unexpected-character', 3, 1, 4, 1]);
  });

  it('unknown function name, with the generic compiler hint', () => {
    expect(where('exp(x)')).toEqual(['unknown-function', 0, 1, 1, 3]);
    expect(thrown('exp(x)').hint).toBe('this box takes EML; ordinary math like exp(x) goes through the compiler');
    expect(where('eml(1, Log[x])')).toEqual(['unknown-function', 7, 1, 8, 3]);
    expect(thrown('rpnRule[{1, x, EML}]').hint).toBe('paste just the list inside, e.g. {1, x, EML}');
  });

  it('operator name used as a variable', () => {
    expect(where('eml(1, e)')).toEqual(['reserved-name', 7, 1, 8, 1]);
    expect(thrown('eml(1, e)').hint).toMatch(/Euler's number e is eml\(1, 1\)/);
    expect(where('EML[EML, 1]')).toEqual(['reserved-name', 4, 1, 5, 3]);
    expect(thrown('EML[EML, 1]').hint).toBe('the operator needs two arguments: EML[a,b]');
  });

  it('missing comma', () => {
    expect(where('eml(1 1)')).toEqual(['missing-comma', 6, 1, 7, 1]);
    expect(where('eml(x\n  alpha, 1)')).toEqual(['missing-comma', 8, 2, 3, 5]);
  });

  it('missing argument', () => {
    expect(where('eml(, x)')).toEqual(['missing-argument', 4, 1, 5, 1]);
    expect(where('eml(1, )')).toEqual(['missing-argument', 7, 1, 8, 1]);
    expect(where('eml(1,,x)')).toEqual(['missing-argument', 6, 1, 7, 1]);
    expect(where('eml()')).toEqual(['missing-argument', 4, 1, 5, 1]);
    expect(where('EML[1]')).toEqual(['missing-argument', 5, 1, 6, 1]);
    expect(thrown('EML[1]').hint).toBe('add the second argument: EML[a,b]');
  });

  it('too many arguments', () => {
    expect(where('eml(1, x, y)')).toEqual(['too-many-arguments', 8, 1, 9, 1]);
    expect(thrown('eml(1, x, y)').hint).toMatch(/eml\(a, eml\(b, c\)\)/);
  });

  it('missing closer after the second argument', () => {
    expect(where('eml(1, x y)')).toEqual(['missing-closer', 9, 1, 10, 1]);
  });

  it('mismatched closer points at the wrong closer and names the expected one', () => {
    expect(where('eml(1, x]')).toEqual(['mismatched-bracket', 8, 1, 9, 1]);
    expect(thrown('eml(1, x]').message).toBe("expected ')' to close the '(' at line 1, column 4, found ']'");
    expect(where('EML[1,\n  EML[x,1))')).toEqual(['mismatched-bracket', 16, 2, 10, 1]);
    expect(thrown('EML[1,\n  EML[x,1))').message).toMatch(/^expected '\]' to close the '\[' at line 2, column 6/);
  });

  it('unclosed bracket points at the innermost opener', () => {
    expect(where('eml(1, eml(x, 1)')).toEqual(['unclosed-bracket', 3, 1, 4, 1]);
    expect(where('eml(1, eml(x, 1')).toEqual(['unclosed-bracket', 10, 1, 11, 1]);
    expect(where('EML[1,\n')).toEqual(['unclosed-bracket', 3, 1, 4, 1]);
    expect(where('eml(')).toEqual(['unclosed-bracket', 3, 1, 4, 1]);
  });

  it('stray brackets and commas outside a call', () => {
    expect(where(')')).toEqual(['mismatched-bracket', 0, 1, 1, 1]);
    expect(where(', x')).toEqual(['unexpected-character', 0, 1, 1, 1]);
    expect(where('(1, x)')).toEqual(['unexpected-character', 0, 1, 1, 1]);
    expect(where('eml((1, x), 1)')).toEqual(['unexpected-character', 4, 1, 5, 1]);
  });

  it('trailing input after a complete expression', () => {
    expect(where('eml(1, x) y')).toEqual(['trailing-input', 10, 1, 11, 1]);
    expect(where('eml(1, x))')).toEqual(['trailing-input', 9, 1, 10, 1]);
    expect(where('x\n  yy')).toEqual(['trailing-input', 4, 2, 3, 2]);
  });

  it('empty input', () => {
    expect(where('')).toEqual(['empty-input', 0, 1, 1, 1]);
    expect(where(' \n\t')).toEqual(['empty-input', 0, 1, 1, 1]);
  });

  it('numbers other than 1, with a hint that builds them from 1', () => {
    expect(where('eml(2, x)')).toEqual(['bad-number', 4, 1, 5, 1]);
    expect(thrown('eml(2, x)').hint).toMatch(/^only the constant 1 is an EML leaf; 2 = eml\(/);
    expect(where('EML[x, 0.5]')).toEqual(['bad-number', 7, 1, 8, 3]);
    expect(thrown('EML[0, x]').hint).toBe('only the constant 1 is an EML leaf; 0 = EML[1,EML[EML[1,1],1]]');
    expect(thrown('eml(1.0, x)').hint).toBe('write the constant as plain 1');
    expect(where('eml(1x, 1)')).toEqual(['unknown-token', 4, 1, 5, 2]);
    expect(where('eml(1e-3, 1)')).toEqual(['bad-number', 4, 1, 5, 4]);
  });

  it('builds the trees its hints quote', () => {
    const zero = thrown('eml(0, x)').hint.split(' = ')[1];
    expect(parseFunctional(zero).k).toBe(7);
    const two = thrown('eml(2, x)')
      .hint.split(' = ')[1]
      .replace(/ \(K=19\)$/, '');
    expect(parseFunctional(two).k).toBe(19);
  });

  it('reports the first error in a deeply nested input at its exact position', () => {
    const n = 50_000;
    const source = 'eml('.repeat(n) + '1 1)';
    expect(where(source)).toEqual(['missing-comma', 4 * n + 2, 1, 4 * n + 3, 1]);
  });
});
