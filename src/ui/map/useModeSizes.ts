/**
 * K per compile mode of every construction on the map, filled in one construction per task: compiling the thirty
 * values in three modes takes a few hundred ms, which in one task would freeze the page as the Map opens. Kept for
 * the page's life, so the Map opens complete the second time.
 */
import { useEffect, useState } from 'react';
import { kByModeOf, type ConstructionGraph } from '../../eml/compiler/constructionGraph.ts';
import type { KByMode } from '../../eml/compiler/kWording.ts';

const known = new Map<string, KByMode>();

export function useModeSizes(graph: ConstructionGraph): ReadonlyMap<string, KByMode> {
  const [sizes, setSizes] = useState<ReadonlyMap<string, KByMode>>(() => new Map(known));
  useEffect(() => {
    const todo = graph.nodes.filter((n) => !known.has(n.id));
    let timer = 0;
    const next = () => {
      const n = todo.shift();
      if (!n) return;
      known.set(n.id, n.kByMode ?? kByModeOf(n.math));
      setSizes(new Map(known));
      timer = window.setTimeout(next, 0);
    };
    timer = window.setTimeout(next, 0);
    return () => clearTimeout(timer);
  }, [graph]);
  return sizes;
}
