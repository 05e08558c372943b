/**
 * What a student types into a tour exercise, read the way they meant it: EML (nested `eml(·,·)`/`EML[·,·]` or RPN
 * such as `1 x E`), ordinary math (`e - 1`, `2π`, `i*i`), or the tree view's block names (`mul(i, i)`, `add(pi, pi)`),
 * compiled as the paper compiles it so the check runs on a tree. RPN is only tried when the text looks like RPN, so
 * "e - 1" is never read as a stack program ("e needs two operands"); when both readings are possible the one the
 * text looks like comes first, and the reading used is reported so the student sees how the text was understood.
 */
import type { EmlNode } from '../eml/ast.ts';
import { compile } from '../eml/compiler/compile.ts';
import { detectInputKind } from '../eml/input.ts';
import { printMathLatex, printMathText } from '../eml/math/print.ts';
import { parseMath } from '../eml/math/parser.ts';
import { EmlSyntaxError, parseEml } from '../eml/syntax/index.ts';

export type ExerciseReading =
  | { kind: 'eml' }
  /** Ordinary math (block names included), as it was understood: "e - 1", and its LaTeX. */
  | { kind: 'math'; text: string; latex: string };

export type ExerciseInput =
  { ok: true; tree: EmlNode; reading: ExerciseReading } | { ok: false; error: EmlSyntaxError; tried: 'eml' | 'math' };

function asEml(text: string): ExerciseInput {
  try {
    return { ok: true, tree: parseEml(text).tree, reading: { kind: 'eml' } };
  } catch (e) {
    if (e instanceof EmlSyntaxError) return { ok: false, error: e, tried: 'eml' };
    throw e;
  }
}

function asMath(text: string): ExerciseInput {
  try {
    const math = parseMath(text);
    const tree = compile(math, { mode: 'paper' }).tree;
    return { ok: true, tree, reading: { kind: 'math', text: printMathText(math), latex: printMathLatex(math) } };
  } catch (e) {
    if (e instanceof EmlSyntaxError) return { ok: false, error: e, tried: 'math' };
    throw e;
  }
}

/**
 * The reading of an exercise answer. The form the text has (the playground's auto-detection) is tried first; if
 * that fails, the other, and the first error is the one reported (it is about the form the student used).
 */
export function readExerciseInput(text: string): ExerciseInput {
  const first = detectInputKind(text) === 'eml' ? asEml : asMath;
  const second = first === asEml ? asMath : asEml;
  const a = first(text);
  if (a.ok) return a;
  // RPN is a stack program: only text that looks like one is read that way, so math text falls back to nested
  // EML only when it has an eml(…)/EML[…] call. EML-looking text falls back to math only when it has something
  // EML cannot have (an operator sign, a number other than 1): "1 E" is broken RPN, not the product 1·E.
  const fallback = first === asMath ? /\b(eml|EML|E)\s*[([]/.test(text) : /[-+*/^·×÷π√]|\b(?!1\b)\d/.test(text);
  if (!fallback) return a;
  const b = second(text);
  return b.ok ? b : a;
}
