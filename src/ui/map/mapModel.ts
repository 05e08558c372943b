/**
 * The map's drawing model: the construction graph of the core (derived from the rules table) placed on a grid by
 * its layers, each construction under the ones it uses; and which tour step, if any, explains a construction.
 * Built once per page, when the Map is first opened, without the K per mode (useModeSizes fills those in later tasks).
 */
import { constructionGraph, constructionLayers, type ConstructionGraph } from '../../eml/compiler/constructionGraph.ts';
import { RULES } from '../../eml/compiler/rules.ts';
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
}

export interface MapModel {
  graph: ConstructionGraph;
  placed: ReadonlyMap<string, PlacedNode>;
  bounds: Box;
  /** Top rows: what a narrow screen shows first. */
  top: Box;
}

function place(graph: ConstructionGraph): Omit<MapModel, 'graph'> {
  const layers = constructionLayers(graph);
  const widest = Math.max(...layers.map((row) => row.length));
  const full = widest * NODE_W + (widest - 1) * GAP_X;
  const placed = new Map<string, PlacedNode>();
  layers.forEach((row, l) => {
    const width = row.length * NODE_W + (row.length - 1) * GAP_X;
    const x0 = (full - width) / 2;
    row.forEach((id, i) => placed.set(id, { id, x: x0 + i * (NODE_W + GAP_X), y: l * (NODE_H + GAP_Y) }));
  });
  const height = layers.length * NODE_H + (layers.length - 1) * GAP_Y;
  const pad = 12;
  return {
    placed,
    bounds: { x0: -pad, y0: -pad, x1: full + pad, y1: height + pad },
    top: { x0: full / 2 - NODE_W, y0: -pad, x1: full / 2 + NODE_W, y1: 3 * (NODE_H + GAP_Y) },
  };
}

let model: MapModel | null = null;

export function mapModel(): MapModel {
  if (!model) {
    const graph = constructionGraph(RULES, { sizes: false });
    model = { graph, ...place(graph) };
  }
  return model;
}

/** Tour steps named otherwise than the rule they explain. */
const STEP_OF_RULE: Readonly<Record<string, string>> = { int: 'numbers', rational: 'numbers', '1': 'e' };

/** The tour step that explains construction `id`, with its title, or null. */
export function tourStepOf(id: string): { id: string; title: string } | null {
  const stepId = STEP_OF_RULE[id] ?? id;
  const step = TOUR.find((s) => s.id === stepId);
  return step ? { id: step.id, title: step.title } : null;
}
