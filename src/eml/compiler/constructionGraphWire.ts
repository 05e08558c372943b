/**
 * The map of constructions as plain data for the page: built in a worker (workers/mapWorker.ts), because deriving
 * the graph lowers the functions of the lowering table (sin's paper tree is K 799) and each node's K per mode
 * compiles its value three times; together hundreds of ms that would freeze the page as the Map opens. Nodes carry
 * no trees: what the page needs to open one in the playground is its text, printed here.
 */
import { printFunctional } from '../syntax/index.ts';
import {
  constructionGraph,
  constructionLayers,
  kByModeOf,
  type ConstructionGraph,
  type ConstructionNode,
  type GraphRule,
} from './constructionGraph.ts';
import type { LoweringTable } from './constructionGraphLowerings.ts';
import type { KByMode } from './kWording.ts';

/**
 * What the playground loads for a node: a rule's tree over x, y as EML text; a lowered function as the math f(x)
 * compiled in paper mode, whose lowering table it comes from (so the Formula panel shows sin(x), and the tree is the
 * node's).
 */
export type MapOpen = { inputKind: 'eml'; text: string } | { inputKind: 'math'; text: string; compileMode: 'paper' };

export interface MapNode extends Omit<ConstructionNode, 'tree' | 'kByMode'> {
  open: MapOpen;
}

export interface MapGraph {
  nodes: MapNode[];
  /** [from, to]: `to` uses `from`. */
  edges: Array<[string, string]>;
  /** constructionLayers: row by row, each node below what it uses. */
  layers: string[][];
}

const openOf = (n: ConstructionNode): MapOpen =>
  n.kind === 'lowering'
    ? { inputKind: 'math', text: n.math, compileMode: 'paper' }
    : { inputKind: 'eml', text: printFunctional(n.tree) };

/** The graph (without K per mode) with its layers, as data; `rules` and `lowerings` default to the compiler's. */
export function mapGraph(rules?: readonly GraphRule[], lowerings?: LoweringTable): MapGraph {
  const graph: ConstructionGraph = constructionGraph(rules, { sizes: false, lowerings });
  const nodes = graph.nodes.map(({ tree: _tree, kByMode: _k, ...rest }) => ({
    ...rest,
    open: openOf(graph.byId.get(rest.id)!),
  }));
  return { nodes, edges: graph.edges, layers: constructionLayers(graph) };
}

/** K of a node's value in each compile mode (the leaf 1 is 1 in all). */
export function mapNodeSizes(node: Pick<MapNode, 'math'>): KByMode {
  return node.math === '1' ? { paper: 1, robust: 1, shortest: 1 } : kByModeOf(node.math);
}
