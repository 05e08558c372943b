/**
 * One node of the map, and the edges, as memoised components: the K per mode arrive one node per worker message, and
 * re-rendering the whole drawing for each made tasks of 20–50 ms under load; now a message re-renders the one node
 * whose line changed (and the edges only when the lit node does).
 */
import { linkVertical } from 'd3-shape';
import { memo, type KeyboardEvent } from 'react';
import type { MapNode } from '../../eml/compiler/constructionGraphWire.ts';
import { NODE_H, NODE_W, type PlacedNode } from './mapModel.ts';
import { openInPlayground } from './openConstruction.ts';

export interface NodeHandlers {
  light(id: string): void;
  /**
   * Focus: light it, and pan it into the box when asked (a Tab onto a node off the box's edge). A click focuses the
   * node it lands on, which is in view: panning then would move the node from under the pointer between press and
   * release, and the click would be lost.
   */
  focus(id: string, reveal: boolean): void;
  unlight(): void;
}

const onKey = (e: KeyboardEvent, n: MapNode) => {
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    openInPlayground(n);
  }
};

export const MapNodeView = memo(function MapNodeView({
  node: n,
  at,
  role,
  modes,
  handlers,
}: {
  node: MapNode;
  at: PlacedNode;
  /** 'active', 'uses', 'users', 'dim' or ''. */
  role: string;
  /** The K per mode line (or that it is being computed). */
  modes: string;
  handlers: NodeHandlers;
}) {
  return (
    <g
      data-node={n.id}
      className={`map-node ${role}`}
      transform={`translate(${at.x},${at.y})`}
      role="button"
      tabIndex={0}
      aria-label={`${n.title} (${n.id}), K ${n.k}; ${modes}. Uses ${n.dependsOn.join(', ') || 'nothing'}; used by ${n.usedBy.join(', ') || 'nothing'}.`}
      onMouseEnter={() => handlers.light(n.id)}
      onFocus={(e) => handlers.focus(n.id, e.currentTarget.matches(':focus-visible'))}
      onBlur={handlers.unlight}
      onClick={() => openInPlayground(n)}
      onKeyDown={(e) => onKey(e, n)}
    >
      <rect width={NODE_W} height={NODE_H} rx={6} />
      <text x={10} y={19} className="map-title">
        {n.title}
      </text>
      <text x={10} y={37}>
        <tspan className="map-id">{n.id}</tspan>
        <tspan> · K {n.k}</tspan>
      </text>
      <text x={10} y={55} className="map-modes">
        {modes}
      </text>
    </g>
  );
});

const edgePath = linkVertical<{ source: [number, number]; target: [number, number] }, [number, number]>();

export const MapEdges = memo(function MapEdges({
  edges,
  placed,
  rows,
  shown,
}: {
  edges: ReadonlyArray<readonly [string, string]>;
  placed: ReadonlyMap<string, PlacedNode>;
  /** Rows mounted so far: an edge is drawn once the row of its lower end is. */
  rows: number;
  /** The lit node, whose edges are marked. */
  shown: MapNode | null;
}) {
  return (
    <g className="map-edges">
      {edges.map(([from, to]) => {
        const a = placed.get(from)!;
        const b = placed.get(to)!;
        if (b.layer >= rows) return null;
        const cls =
          shown?.id === to && shown.dependsOn.includes(from)
            ? 'uses'
            : shown?.id === from && shown.usedBy.includes(to)
              ? 'users'
              : undefined;
        const d = edgePath({ source: [a.x + NODE_W / 2, a.y + NODE_H], target: [b.x + NODE_W / 2, b.y] });
        return <path key={`${from}>${to}`} d={d ?? ''} className={cls} />;
      })}
    </g>
  );
});
