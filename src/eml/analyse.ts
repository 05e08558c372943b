/**
 * One call from text to everything a view shows about an expression: the tree, its metrics and its value at a
 * point, or a positioned error. Views render this; they never compute mathematics themselves.
 */
import type { EmlNode } from './ast.ts';
import type { Complex } from './evaluate/complex.ts';
import { evaluate, EvaluationError, trace, type Env } from './evaluate/interpreter.ts';
import type { Semantics } from './evaluate/semantics.ts';
import { metrics, type Metrics } from './metrics.ts';
import { EmlSyntaxError, parseEml, type EmlSyntax } from './syntax/index.ts';

export interface Analysis {
  tree: EmlNode;
  syntax: EmlSyntax;
  metrics: Metrics;
  /** The value at `env`, or null when a variable has no value. */
  value: Complex | null;
  /** A finite-only violation or a missing variable, in words. */
  evaluationError: string | null;
}

export type AnalysisResult = { ok: true; analysis: Analysis } | { ok: false; error: EmlSyntaxError };

export function analyse(text: string, env: Env, semantics: Semantics): AnalysisResult {
  let parsed;
  try {
    parsed = parseEml(text);
  } catch (e) {
    if (e instanceof EmlSyntaxError) return { ok: false, error: e };
    throw e;
  }
  const m = metrics(parsed.tree);
  const missing = m.variables.filter((v) => env[v] === undefined);
  let value: Complex | null = null;
  let evaluationError: string | null = null;
  if (missing.length > 0) {
    evaluationError = `no value for ${missing.join(', ')}`;
  } else {
    try {
      value = semantics === 'finite' ? evaluate(parsed.tree, env, semantics) : trace(parsed.tree, env, semantics).value;
    } catch (e) {
      if (!(e instanceof EvaluationError)) throw e;
      evaluationError = e.message;
    }
  }
  return { ok: true, analysis: { tree: parsed.tree, syntax: parsed.syntax, metrics: m, value, evaluationError } };
}
