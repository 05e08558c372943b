import { describe, expect, it } from 'vitest';
import { compile } from '../../eml/compiler/compile.ts';
import { printMathematica } from '../../eml/syntax/print.ts';
import { compileFacts, factsSource, type FactsAnswer } from './compileFacts.ts';
import { readInput, type InputOptions } from '../../eml/input.ts';

/** The text read as the page reads it, then the facts the worker answers for that reading. */
const facts = (text: string, options: InputOptions): FactsAnswer => {
  const r = readInput(text, options);
  return r.ok ? compileFacts(structuredClone(factsSource(r))) : { ok: false, error: r.error.message };
};
import { DOMAIN_NOT_MEASURED } from './compileFacts.ts';

describe('compileFacts (what the facts worker answers)', () => {
  it('reads the text as the playground does and returns the compile result’s domain text and paper K', () => {
    const expected = compile('x*y', { mode: 'shortest', clean: false });
    const got = facts('x*y', { kind: 'auto', compileMode: 'shortest', clean: false });
    expect(got).toEqual({
      ok: true,
      domain: {
        text: expected.domain!.text,
        lines: expected.domain!.lines.map((l) => ({ line: l.line, intervals: l.intervals })),
      },
      paperK: expected.paperK,
      modeK: { robust: 17, shortest: 17 },
      knownDefects: [],
    });
    expect(got.ok && got.paperK).toBe(41);
  });

  it('follows the compile mode and the clean flag', () => {
    for (const compileMode of ['paper', 'robust', 'shortest'] as const) {
      for (const clean of [false, true]) {
        const expected = compile('ln(x) + 2', { mode: compileMode, clean });
        const got = facts('ln(x) + 2', { kind: 'math', compileMode, clean });
        expect(got).toEqual({
          ok: true,
          domain: {
            text: expected.domain!.text,
            lines: expected.domain!.lines.map((l) => ({ line: l.line, intervals: l.intervals })),
          },
          paperK: expected.paperK,
          modeK: {
            robust: compile('ln(x) + 2', { mode: 'robust', clean }).k,
            shortest: compile('ln(x) + 2', { mode: 'shortest', clean }).k,
          },
          knownDefects: [],
        });
      }
    }
  });

  it('more than two variables: the domain is not measured, with the reason', () => {
    const got = facts('x+y+z', { kind: 'math', compileMode: 'shortest', clean: false });
    expect(got.ok && got.domain).toEqual({ text: null, reason: DOMAIN_NOT_MEASURED });
  });

  it('EML text: the domain of what the tree computes (its decompiled reading)', () => {
    const cosh = compile('cosh(x)', { mode: 'shortest' }).tree;
    const got = facts(printMathematica(cosh), { kind: 'auto', compileMode: 'robust', clean: false });
    expect(got.ok && got.domain.text).toMatch(/^equals cosh\(x\) for .*x ≤ 5\.(89|9)/);
    expect(got.ok && got.paperK).toBeNull();
    expect(facts('EML[1,x]', { kind: 'auto', compileMode: 'shortest', clean: false }).ok).toBe(true);
  });

  it('text that does not compile is a failure with a message, not an exception', () => {
    const bad = facts('sin(', { kind: 'math', compileMode: 'shortest', clean: false });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.length).toBeGreaterThan(0);
    expect(!bad.ok && bad.error.length).toBeLessThanOrEqual(301);
  });

  it('states paper mode’s −i defect with its reason, and none for the same input in robust mode', () => {
    const paper = facts('i*x', { kind: 'math', compileMode: 'paper', clean: false });
    expect(paper.ok && paper.knownDefects).toHaveLength(1);
    expect(paper.ok && paper.knownDefects[0]).toMatch(/^computes -i\*x, not i\*x: paper mode builds i as/);
    const robust = facts('i*x', { kind: 'math', compileMode: 'robust', clean: false });
    expect(robust.ok && robust.knownDefects).toEqual([]);
  });
});
