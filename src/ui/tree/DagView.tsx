/**
 * The Tree region with "Shared subtrees" on: every distinct subtree drawn once, an edge from each parent slot that
 * uses it and a "×n" badge where n slots share it, with both sizes (K as a tree, distinct nodes as a DAG, from the
 * metrics every view shares). Selecting and editing stay in the tree drawing: a node here stands for all of its
 * copies, so the view says so instead of picking one.
 */
import { useCallback, useId, useLayoutEffect, useMemo, useRef } from 'react';
import type { EmlNode } from '../../eml/ast.ts';
import { sizeOf } from '../../store/views.ts';
import { DAG_MAX_NODES, layoutDag, type DagEdge } from './dagLayout.ts';
import { useZoom } from './useZoom.ts';

const R = 11;

function edgePath(e: DagEdge): string {
  const { from: a, to: b } = e;
  // A node used twice by one parent gets two edges, bowed apart so both show.
  const twin = a.node.kind === 'eml' && a.node.left === a.node.right;
  const bow = twin ? (e.side === 'left' ? -18 : 18) : 0;
  const my = (a.y + b.y) / 2;
  return `M${a.x},${a.y + R}C${a.x + bow},${my} ${b.x + bow},${my} ${b.x},${b.y - R}`;
}

export function DagView({ tree }: { tree: EmlNode }) {
  const uid = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const layout = useMemo(() => layoutDag(tree), [tree]);
  const m = sizeOf(tree);
  const svgRef = useRef<SVGSVGElement>(null);
  const gRef = useRef<SVGGElement>(null);
  const noop = useCallback(() => undefined, []);
  const zoom = useZoom(svgRef, gRef, noop);
  useLayoutEffect(() => {
    if (layout) zoom.fit(layout.bounds, false);
  }, [layout, zoom]);

  const sizes = `K ${tree.k} as a tree · ${m.distinctSubtrees} distinct nodes as a DAG (${m.distinctEmlNodes} eml nodes)`;
  return (
    <div className="dag-view">
      <div className="tree-tools" role="group" aria-label="Shared subtrees view">
        <button type="button" disabled={!layout} onClick={() => layout && zoom.fit(layout.bounds)}>
          Fit
        </button>
        <button type="button" disabled={!layout} onClick={() => zoom.zoomBy(1.4)}>
          Zoom in
        </button>
        <button type="button" disabled={!layout} onClick={() => zoom.zoomBy(1 / 1.4)}>
          Zoom out
        </button>
      </div>
      <p className="help tree-help" id={`${uid}-dag-help`}>
        Each distinct subtree is drawn once; an edge comes from every parent slot that uses it, and ×n marks a subtree n
        slots share. Selecting and editing nodes work in the tree drawing: turn “Shared subtrees” off to select or edit
        one.
      </p>
      <div className="tree-stage">
        <svg
          ref={svgRef}
          className="pan-surface tree-svg dag-svg"
          role="img"
          data-drawing="dag"
          aria-label={`Shared subtrees of the EML tree: ${sizes}`}
          aria-describedby={`${uid}-dag-help`}
        >
          <g ref={gRef}>
            <g className="edges">
              {layout?.edges.map((e, i) => (
                <path key={i} d={edgePath(e)} className={e.to.refs > 1 ? 'dag-shared-edge' : undefined} />
              ))}
            </g>
            <g className="nodes">
              {layout?.nodes.map((d) => (
                <g
                  key={d.node.id}
                  className={`dag-node${d.node.kind === 'eml' ? '' : ' dag-leaf'}${d.refs > 1 ? ' dag-shared' : ''}`}
                  transform={`translate(${d.x},${d.y})`}
                >
                  <title>
                    {`K ${d.node.k}` +
                      (d.refs > 1 ? `, used by ${d.refs} parent slots, ${d.occurrences} copies in the tree` : '')}
                  </title>
                  {d.node.kind === 'eml' ? (
                    <circle r={R} />
                  ) : (
                    <rect x={-R} y={-R} width={2 * R} height={2 * R} rx={3} />
                  )}
                  <text className="node-label" textAnchor="middle">
                    {d.node.kind === 'eml' ? 'E' : d.node.kind === 'one' ? '1' : d.node.name}
                  </text>
                  {d.refs > 1 && (
                    <text className="dag-badge" data-refs={d.refs} x={R + 2} y={-R + 2}>
                      ×{d.refs}
                    </text>
                  )}
                </g>
              ))}
            </g>
          </g>
        </svg>
        {!layout && (
          <p className="tree-empty" role="status">
            {m.distinctSubtrees} distinct nodes are too many to draw shared (at most {DAG_MAX_NODES}); turn “Shared
            subtrees” off for the tree drawing, which shows large trees in part.
          </p>
        )}
      </div>
      <p className="tree-status" aria-live="polite" data-testid="dag-status">
        {sizes}
        {layout ? ` · ${layout.nodes.length} drawn · ${layout.shared} shared` : ''}
      </p>
    </div>
  );
}
