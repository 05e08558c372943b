/** The tour: its steps in order, and the checks that make every claim live. */
import type { Complex } from '../eml/evaluate/complex.ts';
import { evaluate, EvaluationError } from '../eml/evaluate/interpreter.ts';
import type { EmlSyntaxError } from '../eml/syntax/index.ts';
import { readExerciseInput, type ExerciseReading } from './exerciseInput.ts';
import { ADVANCED_STEPS } from './stepsAdvanced.ts';
import { BASIC_STEPS } from './stepsBasics.ts';
import type { Point, TourStep } from './types.ts';

export const TOUR: readonly TourStep[] = [...BASIC_STEPS, ...ADVANCED_STEPS];

export const stepIndex = (id: string): number => TOUR.findIndex((s) => s.id === id);

/** Sample points default x and y to values where every step's tree is defined. */
export const fillPoint = (p: Point): Required<Point> => ({ x: p.x ?? 2, y: p.y ?? 3 });

/** |a − b| relative to max(1, |b|); 0 when both are the same infinity (the −∞ step). */
export function complexError(a: Complex, b: Complex): number {
  const part = (u: number, v: number) => (Object.is(u, v) || u === v ? 0 : Math.abs(u - v) / Math.max(1, Math.abs(v)));
  const e = Math.max(part(a.re, b.re), part(a.im, b.im));
  return Number.isNaN(e) ? Infinity : e;
}

export interface LiveCheck {
  point: Required<Point>;
  value: Complex;
  expected: Complex;
  error: number;
  pass: boolean;
}

export const TOLERANCE = 1e-12;

export function checkStep(step: TourStep, p: Point): LiveCheck {
  const point = fillPoint(p);
  const value = evaluate(step.tree, point);
  const expected = step.expected(point);
  const error = complexError(value, expected);
  return { point, value, expected, error, pass: error <= TOLERANCE };
}

export type ExerciseResult =
  | { status: 'syntax'; error: EmlSyntaxError; tried: 'eml' | 'math' }
  | {
      status: 'wrong';
      point: Required<Point>;
      value: Complex | null;
      expected: Complex;
      message: string;
      reading: ExerciseReading;
    }
  | { status: 'solved'; k: number; reading: ExerciseReading };

/**
 * Does `text` (EML, ordinary math or block names, see exerciseInput.ts) equal the exercise's target at all of its
 * points? The check runs on the tree the text reads as, so an answer in ordinary math is checked as the compiled
 * EML tree, not as the formula.
 */
export function checkExercise(step: TourStep, text: string): ExerciseResult {
  const input = readExerciseInput(text);
  if (!input.ok) return { status: 'syntax', error: input.error, tried: input.tried };
  const { tree, reading } = input;
  for (const p of step.exercise.points) {
    const point = fillPoint(p);
    const expected = step.exercise.target(point);
    let value: Complex;
    try {
      value = evaluate(tree, point);
    } catch (e) {
      if (!(e instanceof EvaluationError)) throw e;
      return {
        status: 'wrong',
        point,
        value: null,
        expected,
        message: `it uses a variable the exercise does not give (${e.message})`,
        reading,
      };
    }
    if (complexError(value, expected) > 1e-9)
      return { status: 'wrong', point, value, expected, message: 'not equal yet', reading };
  }
  return { status: 'solved', k: tree.k, reading };
}
