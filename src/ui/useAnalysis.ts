import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { analyse } from '../eml/analyse.ts';
import { usePlayground } from '../store/playgroundStore.ts';

/** The core's analysis of the current expression, recomputed only when its inputs change. */
export function useAnalysis() {
  const { expression, x, y, semantics } = usePlayground(useShallow((s) => ({ expression: s.expression, x: s.x, y: s.y, semantics: s.semantics })));
  return useMemo(() => analyse(expression, { x, y }, semantics), [expression, x, y, semantics]);
}
