/** The shared per-tree derivations: one trace at the sliders with evaluate's value and error. */
import { describe, expect, it } from 'vitest';
import { evaluate, EvaluationError } from '../eml/evaluate/interpreter.ts';
import { parseEml } from '../eml/syntax/index.ts';
import { traceAtSliders } from './views.ts';

const NEG_ONE = parseEml('EML[EML[1,EML[1,EML[1,EML[EML[1,1],1]]]],EML[1,1]]').tree; // −1 through ln 0

describe('traceAtSliders', () => {
  it('gives what evaluate gives: −1 in complex, the finite-only error (and still the trace) in finite', () => {
    const complex = traceAtSliders(NEG_ONE, 2, 3, 'complex');
    expect(complex.value).toEqual(evaluate(NEG_ONE, {}, 'complex'));
    expect(complex.error).toBeNull();
    const finite = traceAtSliders(NEG_ONE, 2, 3, 'finite');
    expect(finite.value).toBeNull();
    expect(finite.trace).not.toBeNull();
    let thrown: unknown = null;
    try {
      evaluate(NEG_ONE, {}, 'finite');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(EvaluationError);
    expect(finite.error).toBe((thrown as Error).message);
    expect(finite.error).toMatch(/ln 0/);
  });

  it('is computed once per (tree, x, y, semantics) and names variables without a slider', () => {
    const t = parseEml('eml(x, y)').tree;
    expect(traceAtSliders(t, 1, 2, 'complex')).toBe(traceAtSliders(t, 1, 2, 'complex'));
    expect(traceAtSliders(t, 1, 2.5, 'complex')).not.toBe(traceAtSliders(t, 1, 2, 'complex'));
    const z = traceAtSliders(parseEml('eml(z, 1)').tree, 1, 2, 'complex');
    expect(z).toMatchObject({ trace: null, value: null, error: 'no value for z (only x and y have sliders)' });
  });
});
