import { describe, expect, it } from 'vitest';
import { compile } from '../eml/compiler/compile.ts';
import { SIZE_MODES } from '../eml/compiler/kWording.ts';
import { metrics } from '../eml/metrics.ts';
import { checkExercise, checkStep, complexError, fillPoint, TOUR } from './tour.ts';

describe('the tour: every claim is checked by the core', () => {
  it('has unique ids and the paper’s order of constructions', () => {
    expect(new Set(TOUR.map((s) => s.id)).size).toBe(TOUR.length);
    expect(TOUR.map((s) => s.id)).toEqual([
      'e',
      'exp',
      'ln',
      'zero',
      'sub',
      'infinity',
      'minus-one',
      'neg',
      'add',
      'inv',
      'mul',
      'numbers',
      'pow',
      'sqrt',
      'i',
      'pi',
      'sin-cos',
      'size',
    ]);
  });

  for (const step of TOUR) {
    describe(step.title, () => {
      it('the stated K and depth are the tree’s', () => {
        const m = metrics(step.tree);
        expect({ k: m.k, depth: m.depth }).toEqual({ k: step.k, depth: step.depth });
        if (step.alternative) expect(metrics(step.alternative.tree).k).toBe(step.alternative.k);
      });
      it('the sizes it states are the compiler’s, in every mode, and its tree is the form it says', () => {
        if (!step.sizes) return expect(step.id).toBe('infinity'); // −∞ is no value a mode compiles
        for (const mode of SIZE_MODES) {
          const tree = compile(step.sizes.math, { mode }).tree;
          expect(tree.k, `${step.id} in ${mode}`).toBe(step.sizes.k[mode]);
          expect(tree === step.tree, `${step.id}: is the ${mode} tree`).toBe(step.sizes.own.includes(mode));
        }
      });
      it('the tree has the claimed value at every sample point (≤ 1e−12) and along the slider', () => {
        const points = [...step.samples];
        if (step.slider) {
          const { variable, min, max } = step.slider;
          for (let i = 0; i <= 8; i++) points.push({ [variable]: min + ((max - min) * i) / 8 });
        }
        for (const p of points) {
          if (step.id === 'size' && fillPoint(p).x > 6.5) continue; // the lesson: the short product breaks past 6.565
          const c = checkStep(step, p);
          expect(
            c.error,
            `${step.id} at ${JSON.stringify(c.point)}: ${c.value.re}+${c.value.im}i vs ${c.expected.re}+${c.expected.im}i`,
          ).toBeLessThanOrEqual(1e-12);
        }
      });
      it('every derivation line that states a numeric identity holds', () => {
        for (const line of step.derivation) {
          if (!line.check) continue;
          for (const p of [...step.samples, { x: 0.75, y: 1.25 }]) {
            const point = fillPoint(p);
            const [lhs, rhs] = line.check(point);
            expect(complexError(lhs, rhs), `${step.id}: ${line.latex} at ${JSON.stringify(point)}`).toBeLessThanOrEqual(
              1e-12,
            );
          }
        }
      });
      it('its exercise can be solved, and the starter alone does not solve it', () => {
        expect(checkExercise(step, step.exercise.answer)).toMatchObject({ status: 'solved' });
        expect(checkExercise(step, step.exercise.starter || '1').status).not.toBe('solved');
      });
    });
  }

  it('the size step really shows the silent overflow past 6.565', () => {
    const size = TOUR.find((s) => s.id === 'size')!;
    expect(checkStep(size, { x: 6.6, y: 2 })).toMatchObject({ pass: false, value: { re: 0 } });
  });

  it('exercise checking reports syntax errors with a position', () => {
    const r = checkExercise(TOUR[0], 'eml(1, ');
    expect(r.status).toBe('syntax');
  });
});
