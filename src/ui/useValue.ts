import { useMemo } from 'react';
import { metrics } from '../eml/metrics.ts';
import { evaluate, EvaluationError } from '../eml/evaluate/interpreter.ts';
import type { EmlNode } from '../eml/ast.ts';
import type { Complex } from '../eml/evaluate/complex.ts';
import { usePlayground } from '../store/store.ts';

/** The tree's value at the document's (x, y) under its semantics, or the reason there is none. */
export function useValue(tree: EmlNode | null): { value: Complex | null; error: string | null } {
  const x = usePlayground((s) => s.doc.x);
  const y = usePlayground((s) => s.doc.y);
  const semantics = usePlayground((s) => s.doc.semantics);
  return useMemo(() => {
    if (!tree) return { value: null, error: null };
    const env: Record<string, number> = { x, y };
    const missing = metrics(tree).variables.filter((v) => !Object.hasOwn(env, v));
    if (missing.length > 0)
      return { value: null, error: `no value for ${missing.join(', ')} (only x and y have sliders)` };
    try {
      return { value: evaluate(tree, env, semantics), error: null };
    } catch (e) {
      if (e instanceof EvaluationError) return { value: null, error: e.message };
      throw e;
    }
  }, [tree, x, y, semantics]);
}
