/**
 * Each apply compiles once on the page: the facts worker reads the paper K, domain and defects off the tree the
 * page compiled (sent encoded, compileFacts.ts FactsSource), compiles the other modes for their K and the same mode
 * once from the math, for the construction records that label the domain's analysed ends (treeDomain.ts: a
 * decoded tree carries none); it never reads or compiles the text again. Counted with a spy on the compiler's
 * entry point.
 */
import { describe, expect, it, vi } from 'vitest';
import { compile } from '../../eml/compiler/compile.ts';
import { readInput } from '../../eml/input.ts';
import { compileFacts, factsSource } from './compileFacts.ts';

vi.mock('../../eml/compiler/compile.ts', async (original) => {
  const real = await original<typeof import('../../eml/compiler/compile.ts')>();
  return { ...real, compile: vi.fn(real.compile) };
});

describe('facts from the compiled tree', () => {
  it.each([
    ['shortest', ['robust']],
    ['robust', ['shortest']],
    ['paper', ['robust', 'shortest']],
  ] as const)('%s mode: the worker compiles its mode and %j, from the math, never the text', (mode, others) => {
    const spy = vi.mocked(compile);
    spy.mockClear();
    const reading = readInput('sin(x) + y/2', { kind: 'math', compileMode: mode, clean: false });
    if (!reading.ok || reading.kind !== 'math') throw new Error('not compiled');
    expect(spy).toHaveBeenCalledTimes(1); // the page's one compile per apply
    spy.mockClear();
    // As the worker receives it: cloned, the tree encoded.
    const answer = compileFacts(structuredClone(factsSource(reading)));
    expect(spy.mock.calls.map(([, o]) => o?.mode)).toEqual([mode, ...others]);
    expect(spy.mock.calls.every(([input]) => typeof input !== 'string')).toBe(true);
    if (!answer.ok) throw new Error(answer.error);
    // The facts are the compile result's own.
    expect(answer.modeK?.[mode === 'paper' ? 'robust' : mode]).toBe(
      mode === 'paper' ? compile('sin(x) + y/2', { mode: 'robust' }).k : reading.compiled.k,
    );
    expect(answer.paperK).toBe(reading.compiled.paperK);
    expect(answer.domain.text).toBe(reading.compiled.domain?.text ?? null);
    expect(answer.knownDefects).toEqual(reading.compiled.knownDefects.map((d) => `${d.text}: ${d.reason}`));
  });

  it('a damaged tree is an answer, not a throw', () => {
    const reading = readInput('x*y', { kind: 'math', compileMode: 'shortest', clean: false });
    if (!reading.ok) throw new Error('not compiled');
    const source = factsSource(reading);
    source.tree.nodes[0] = 99;
    const answer = compileFacts(source);
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error).toMatch(/encoded tree: node 0/);
  });
});
