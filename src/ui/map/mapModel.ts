/**
 * The map's drawing model: the construction graph the map worker derived (from the rules and lowering tables, with
 * its layers) placed on a grid, row by row, each construction under the ones it uses; and which tour step, if any,
 * explains a construction. Only pixel placement happens here: the graph and its layering come computed.
 */
import type { MapGraph, MapNode } from '../../eml/compiler/constructionGraphWire.ts';
import { TOUR } from '../../tour/tour.ts';
import type { Box } from '../tree/useZoom.ts';

export const NODE_W = 196;
export const NODE_H = 64;
const GAP_X = 22;
const GAP_Y = 58;

export interface PlacedNode {
  id: string;
  /** Top-left corner, layout units. */
  x: number;
  y: number;
  /** Its row (graph.layers), from 0 at the top. */
  layer: number;
}

export interface MapModel {
  graph: MapGraph;
  byId: ReadonlyMap<string, MapNode>;
  placed: ReadonlyMap<string, PlacedNode>;
  bounds: Box;
  /** Top rows: what a narrow screen shows first. */
  top: Box;
}

function place(layers: readonly string[][]): Omit<MapModel, 'graph' | 'byId'> {
  const widest = Math.max(...layers.map((row) => row.length));
  const full = widest * NODE_W + (widest - 1) * GAP_X;
  const placed = new Map<string, PlacedNode>();
  layers.forEach((row, l) => {
    const width = row.length * NODE_W + (row.length - 1) * GAP_X;
    const x0 = (full - width) / 2;
    row.forEach((id, i) => placed.set(id, { id, x: x0 + i * (NODE_W + GAP_X), y: l * (NODE_H + GAP_Y), layer: l }));
  });
  const height = layers.length * NODE_H + (layers.length - 1) * GAP_Y;
  const pad = 12;
  return {
    placed,
    bounds: { x0: -pad, y0: -pad, x1: full + pad, y1: height + pad },
    top: { x0: full / 2 - NODE_W, y0: -pad, x1: full / 2 + NODE_W, y1: 3 * (NODE_H + GAP_Y) },
  };
}

const models = new WeakMap<MapGraph, MapModel>();

/** The placed map of `graph` (made once per graph: the client keeps one graph for the page). */
export function mapModel(graph: MapGraph): MapModel {
  let model = models.get(graph);
  if (!model) {
    model = { graph, byId: new Map(graph.nodes.map((n) => [n.id, n])), ...place(graph.layers) };
    models.set(graph, model);
  }
  return model;
}

/** Tour steps named otherwise than the construction they explain (sin and cos share theirs). */
const STEP_OF_RULE: Readonly<Record<string, string>> = {
  int: 'numbers',
  rational: 'numbers',
  '1': 'e',
  sin: 'sin-cos',
  cos: 'sin-cos',
};

/** The tour step that explains construction `id`, with its title, or null. */
export function tourStepOf(id: string): { id: string; title: string } | null {
  const stepId = STEP_OF_RULE[id] ?? id;
  const step = TOUR.find((s) => s.id === stepId);
  return step ? { id: step.id, title: step.title } : null;
}
