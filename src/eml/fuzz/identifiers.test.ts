/**
 * Variables named like Object.prototype's members are ordinary variables everywhere: an env lookup that
 * follows the prototype chain once read `constructor` as a function and produced NaN instead of "missing value".
 */
import { describe, expect, it } from 'vitest';
import { eml, ONE, variable } from '../ast.ts';
import { compileBatch } from '../evaluate/batch.ts';
import { evaluate, EvaluationError } from '../evaluate/interpreter.ts';
import { decompile } from '../decompiler/decompile.ts';
import { parseValue } from '../format.ts';
import { compile } from '../compiler/compile.ts';
import { evaluateMath } from '../math/evaluate.ts';
import { parseMath } from '../math/parser.ts';
import { metrics } from '../metrics.ts';
import { parseEml } from '../syntax/index.ts';
import { runCli } from '../../cli/runCli.ts';

const PROTOTYPE_NAMES = [
  'constructor',
  'toString',
  '__proto__',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
];

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('prototype-named variables', () => {
  for (const name of PROTOTYPE_NAMES) {
    it(`${name} parses, has no value until given one, then evaluates like any variable`, () => {
      const t = parseEml(`eml(${name}, 1)`).tree;
      expect(metrics(t).variables).toEqual([name]);
      expect(() => evaluate(t, {})).toThrow(EvaluationError);
      expect(() => evaluate(t, {})).toThrow(`missing value for ${name}`);
      expect(() => compileBatch(t).run({}, 1)).toThrow(`missing values for ${name}`);
      // An own entry, even for __proto__ (Object.fromEntries defines it rather than setting the prototype).
      const env = Object.fromEntries([[name, 2]]);
      expect(evaluate(t, env).re).toBe(Math.exp(2));
      expect(compileBatch(t).run(Object.fromEntries([[name, [2]]]), 1).re[0]).toBe(Math.exp(2));
      expect(decompile(t).text).toBe(`exp(${name})`);
      expect(decompile(eml(ONE, eml(eml(ONE, variable(name)), ONE))).text).toBe(`ln(${name})`);
    });
  }

  it('ordinary math reads them as variables too: parser, compiler and math evaluator', () => {
    for (const name of PROTOTYPE_NAMES) {
      const m = parseMath(`${name} + 1`);
      expect(m).toMatchObject({ kind: 'add', left: { kind: 'var', name } });
      expect(() => evaluateMath(m, {})).toThrow(`variable ${name} has no value`);
      expect(evaluateMath(m, Object.fromEntries([[name, 2]])).re).toBe(3);
      const c = compile(`${name} + 1`);
      expect(c.variables).toEqual([name]);
      expect(evaluate(c.tree, Object.fromEntries([[name, 2]])).re).toBeCloseTo(3, 12);
    }
  });

  it('parseValue does not read Object.prototype either', () => {
    expect(() => parseValue('constructor')).toThrow(/is not a number/);
    expect(() => parseValue('toString')).toThrow(/is not a number/);
    expect(parseValue('pi').re).toBe(Math.PI);
  });

  it('the CLI exits 2 with the missing-variable message, and takes --var for them', async () => {
    const r = await cli('eval', 'eml(constructor,1)');
    expect(r.code).toBe(2);
    expect(r.err).toContain('no value for constructor');
    expect(r.out).toBe('');
    const j = await cli('eval', 'eml(toString,1)', '--json');
    expect(j.code).toBe(2);
    expect(j.err).toContain('toString');
    const given = await cli('eval', 'eml(__proto__, 1)', '--var', '__proto__=0', '--json');
    expect(given.code).toBe(0);
    expect(JSON.parse(given.out).value).toEqual({ re: 1, im: 0 });
  });
});
