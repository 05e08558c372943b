import { describe, expect, it } from 'vitest';
import { readExerciseInput } from './exerciseInput.ts';
import { checkExercise, TOUR } from './tour.ts';

const step = (id: string) => TOUR.find((s) => s.id === id)!;

describe('exercises accept what students type (issue 15)', () => {
  it('reads ordinary math as math, never as an RPN stack program', () => {
    const r = readExerciseInput('e - 1');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.reading).toMatchObject({ kind: 'math', text: 'e - 1' });
  });

  it('reads EML, nested and RPN, as EML', () => {
    for (const text of ['eml(1, eml(x, 1))', 'EML[1,1]', '1 x E 1 E', '1 1 E']) {
      const r = readExerciseInput(text);
      expect(r.ok && r.reading.kind, text).toBe('eml');
    }
  });

  it('reads block names and math around eml(·,·) calls as math', () => {
    for (const text of ['mul(i, i)', 'add(pi, pi)', 'sub(e, 1)', 'neg(x)', 'eml(1, 1) - 1']) {
      const r = readExerciseInput(text);
      expect(r.ok && r.reading.kind, text).toBe('math');
    }
  });

  it('reports the error of the form the text has', () => {
    const math = readExerciseInput('e - ');
    expect(math).toMatchObject({ ok: false, tried: 'math' });
    const eml = readExerciseInput('eml(1, ');
    expect(eml).toMatchObject({ ok: false, tried: 'eml' });
    const rpn = readExerciseInput('1 E');
    expect(rpn).toMatchObject({ ok: false, tried: 'eml' });
  });

  it.each([
    ['i', 'i*i'],
    ['i', 'i·i'],
    ['i', 'mul(i, i)'],
    ['pi', '2π'],
    ['pi', '2*pi'],
    ['pi', 'add(pi, pi)'],
    ['numbers', '3'],
    ['numbers', '2 + 1'],
    ['e', 'e - 1'],
    ['e', 'sub(e, 1)'],
  ])('the %s exercise accepts %s, checked on the compiled tree', (id, text) => {
    const r = checkExercise(step(id), text);
    expect(r.status, JSON.stringify(r)).toBe('solved');
    if (r.status === 'solved') {
      expect(r.reading.kind).toBe('math');
      expect(r.k).toBeGreaterThan(1);
    }
  });

  it('says what a wrong math answer reads as', () => {
    const r = checkExercise(step('sub'), 'e - 2');
    expect(r).toMatchObject({ status: 'wrong', reading: { kind: 'math', text: 'e - 2' } });
  });
});
