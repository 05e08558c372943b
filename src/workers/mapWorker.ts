/**
 * The Map screen's worker (MapRequest in, MapReply out; mapProtocol.ts): derives the map of constructions from the
 * rules and lowering tables, then compiles each node's value in the three modes, posting each node's K as soon as it
 * has it so the map fills in while the page stays responsive. The client terminates it to cancel.
 */
import { mapGraph, mapNodeSizes } from '../eml/compiler/constructionGraphWire.ts';
import type { MapReply, MapRequest } from './mapProtocol.ts';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<MapRequest>) => void) | null;
  postMessage(m: MapReply): void;
};

scope.onmessage = (e) => {
  const { id, known } = e.data;
  try {
    const graph = mapGraph();
    scope.postMessage({ type: 'graph', id, graph });
    const skip = new Set(known);
    let done = graph.nodes.filter((n) => skip.has(n.id)).length;
    for (const node of graph.nodes) {
      if (skip.has(node.id)) continue;
      const kByMode = mapNodeSizes(node);
      scope.postMessage({ type: 'sizes', id, node: node.id, kByMode, done: ++done, total: graph.nodes.length });
    }
    scope.postMessage({ type: 'done', id });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    scope.postMessage({ type: 'error', id, message: message.length > 300 ? `${message.slice(0, 300)}…` : message });
  }
};
