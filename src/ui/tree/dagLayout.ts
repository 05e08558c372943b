/**
 * The shared-subtree drawing: each distinct subtree of a (hash-consed) tree once, with an edge from every parent
 * slot that uses it. A node sits one row below its lowest parent (longest path from the root), so every edge points
 * down; within a row, nodes keep the order in which a left-first walk meets them, which keeps the drawing close to
 * the tree's own left-to-right order.
 */
import { topoOrder, type EmlNode } from '../../eml/ast.ts';
import type { Box } from './useZoom.ts';

/** Above this many distinct nodes the shared drawing is not made (a wall of crossing edges, and slow). */
export const DAG_MAX_NODES = 1500;

const DX = 46;
const DY = 62;

export interface DagNode {
  node: EmlNode;
  x: number;
  y: number;
  /** Parent slots in the DAG that point here (a node used twice by one parent counts twice). */
  refs: number;
  /** How often the subtree occurs in the tree (the copies the tree drawing would show). */
  occurrences: number;
}

export interface DagEdge {
  from: DagNode;
  to: DagNode;
  side: 'left' | 'right';
}

export interface DagLayout {
  nodes: DagNode[];
  edges: DagEdge[];
  /** Distinct nodes used by more than one parent slot. */
  shared: number;
  bounds: Box;
}

/** The shared drawing of `root`, or null when it has over `max` distinct nodes. */
export function layoutDag(root: EmlNode, max = DAG_MAX_NODES): DagLayout | null {
  const order = topoOrder(root); // children before parents
  if (order.length > max) return null;
  const row = new Map<number, number>([[root.id, 0]]);
  const refs = new Map<number, number>();
  const occurrences = new Map<number, number>([[root.id, 1]]);
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i];
    if (n.kind !== 'eml') continue;
    const r = row.get(n.id)! + 1;
    const o = occurrences.get(n.id)!;
    for (const c of [n.left, n.right]) {
      row.set(c.id, Math.max(row.get(c.id) ?? 0, r));
      refs.set(c.id, (refs.get(c.id) ?? 0) + 1);
      occurrences.set(c.id, (occurrences.get(c.id) ?? 0) + o);
    }
  }
  // Left-first preorder rank of each distinct node (first meeting only).
  const rank = new Map<number, number>();
  const stack: EmlNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (rank.has(n.id)) continue;
    rank.set(n.id, rank.size);
    if (n.kind === 'eml') stack.push(n.right, n.left);
  }
  const rows: EmlNode[][] = [];
  for (const n of order) (rows[row.get(n.id)!] ??= []).push(n);
  const widest = Math.max(...rows.map((r) => r?.length ?? 0));
  const byId = new Map<number, DagNode>();
  const nodes: DagNode[] = [];
  rows.forEach((r, depth) => {
    r.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
    const x0 = ((widest - r.length) * DX) / 2;
    r.forEach((n, i) => {
      const d: DagNode = {
        node: n,
        x: x0 + i * DX,
        y: depth * DY,
        refs: refs.get(n.id) ?? 0,
        occurrences: occurrences.get(n.id)!,
      };
      byId.set(n.id, d);
      nodes.push(d);
    });
  });
  const edges: DagEdge[] = [];
  for (const d of nodes)
    if (d.node.kind === 'eml') {
      edges.push({ from: d, to: byId.get(d.node.left.id)!, side: 'left' });
      edges.push({ from: d, to: byId.get(d.node.right.id)!, side: 'right' });
    }
  const pad = 30;
  return {
    nodes,
    edges,
    shared: nodes.filter((d) => d.refs > 1).length,
    bounds: { x0: -pad, y0: -pad, x1: (widest - 1) * DX + pad, y1: (rows.length - 1) * DY + pad },
  };
}
