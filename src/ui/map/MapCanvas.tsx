/**
 * The drawn map (inside the Map screen, MapView.tsx): the worker's graph placed by mapModel, each node with its own K
 * and, as they arrive, the K of its value in each compile mode. Hovering or focusing a node lights what it uses and
 * what uses it; click or Enter opens it in the playground; the details beside the map also link its tour step. Zoom
 * and pan stay inside the box (d3-zoom), so a phone scrolls the map, not the page.
 */
import { linkVertical } from 'd3-shape';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { MapGraph, MapNode } from '../../eml/compiler/constructionGraphWire.ts';
import type { KByMode } from '../../eml/compiler/kWording.ts';
import { useZoom } from '../tree/useZoom.ts';
import { MapDetails } from './MapDetails.tsx';
import { mapModel, NODE_H, NODE_W } from './mapModel.ts';
import { openInPlayground } from './openConstruction.ts';

/**
 * Readable text: the map starts fitted to the box's width but no smaller than this (a phone shows the top rows),
 * top first; the rest is panned to, or "Show all" fits it whole.
 */
const MIN_START_SCALE = 0.7;

/**
 * Rows of the map mounted per animation frame. Mounting the whole drawing (38 nodes of four texts, 150 edges) in the
 * task that received the graph took 50–120 ms on a loaded 2-core machine; a row at a time keeps each frame short.
 */
const ROWS_PER_FRAME = 1;

const edgePath = linkVertical<{ source: [number, number]; target: [number, number] }, [number, number]>();

const modeLine = (k: KByMode | undefined) =>
  k ? `paper ${k.paper ?? '–'} · robust ${k.robust ?? '–'} · shortest ${k.shortest ?? '–'}` : 'K per mode: computing…';

export function MapCanvas({ graph: g, sizes }: { graph: MapGraph; sizes: ReadonlyMap<string, KByMode> }) {
  const model = useMemo(() => mapModel(g), [g]);
  const { graph, placed, byId } = model;
  const [active, setActive] = useState<string | null>(null);
  const [lit, setLit] = useState<string | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const gRef = useRef<SVGGElement>(null);
  const noop = useCallback(() => undefined, []);
  const zoom = useZoom(svgRef, gRef, noop);

  useLayoutEffect(() => {
    const width = svgRef.current?.clientWidth || 600;
    const byWidth = Math.min(1, width / (model.bounds.x1 - model.bounds.x0));
    const narrow = byWidth < MIN_START_SCALE;
    zoom.fit(narrow ? model.top : model.bounds, false, Math.max(byWidth, MIN_START_SCALE));
  }, [zoom, model]);

  const [rows, setRows] = useState(ROWS_PER_FRAME);
  useEffect(() => {
    if (rows >= g.layers.length) return;
    const frame = requestAnimationFrame(() => setRows((r) => r + ROWS_PER_FRAME));
    return () => cancelAnimationFrame(frame);
  }, [rows, g]);
  const drawn = (id: string) => placed.get(id)!.layer < rows;

  const shown = lit ?? active;
  const node = shown ? byId.get(shown)! : null;
  const uses = new Set(node?.dependsOn ?? []);
  const users = new Set(node?.usedBy ?? []);

  const light = (id: string) => {
    setLit(id);
    setActive(id);
  };
  const reveal = (id: string) => {
    const p = placed.get(id)!;
    zoom.ensureVisible(p.x + NODE_W / 2, p.y + NODE_H / 2, NODE_W / 2 + 8);
  };
  const focusNode = (id: string) => {
    svgRef.current?.querySelector<SVGGElement>(`[data-node="${CSS.escape(id)}"]`)?.focus();
    reveal(id);
  };
  const onKey = (e: KeyboardEvent, n: MapNode) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      openInPlayground(n);
    }
  };

  return (
    <>
      <div className="map-tools" role="group" aria-label="Map view">
        <button type="button" onClick={() => zoom.zoomBy(1.4)}>
          Zoom in
        </button>
        <button type="button" onClick={() => zoom.zoomBy(1 / 1.4)}>
          Zoom out
        </button>
        <button type="button" onClick={() => zoom.fit(model.bounds)}>
          Show all
        </button>
      </div>
      <div className="map-body">
        <svg
          ref={svgRef}
          className="map-svg"
          role="group"
          aria-labelledby="map-title"
          aria-describedby="map-count"
          onMouseLeave={() => setLit(null)}
        >
          <g ref={gRef}>
            <g className="map-edges">
              {graph.edges.map(([from, to]) => {
                if (!drawn(to)) return null; // `from` is on a row above `to`
                const a = placed.get(from)!;
                const b = placed.get(to)!;
                const cls =
                  shown === to && uses.has(from) ? 'uses' : shown === from && users.has(to) ? 'users' : undefined;
                const d = edgePath({
                  source: [a.x + NODE_W / 2, a.y + NODE_H],
                  target: [b.x + NODE_W / 2, b.y],
                });
                return <path key={`${from}>${to}`} d={d ?? ''} className={cls} />;
              })}
            </g>
            {graph.nodes.map((n) => {
              if (!drawn(n.id)) return null;
              const p = placed.get(n.id)!;
              const role =
                n.id === shown ? 'active' : uses.has(n.id) ? 'uses' : users.has(n.id) ? 'users' : shown ? 'dim' : '';
              return (
                <g
                  key={n.id}
                  data-node={n.id}
                  className={`map-node ${role}`}
                  transform={`translate(${p.x},${p.y})`}
                  role="button"
                  tabIndex={0}
                  aria-label={`${n.title} (${n.id}), K ${n.k}; ${modeLine(sizes.get(n.id))}. Uses ${n.dependsOn.join(', ') || 'nothing'}; used by ${n.usedBy.join(', ') || 'nothing'}.`}
                  onMouseEnter={() => light(n.id)}
                  onFocus={() => {
                    light(n.id);
                    reveal(n.id); // a Tab onto a node off the box's edge pans to it
                  }}
                  onBlur={() => setLit(null)}
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
                    {modeLine(sizes.get(n.id))}
                  </text>
                </g>
              );
            })}
          </g>
        </svg>
        <MapDetails node={node} byId={byId} sizes={node ? sizes.get(node.id) : undefined} onPick={focusNode} />
      </div>
      <p id="map-count" className="map-count">
        {graph.nodes.length} constructions, {graph.edges.length} uses.
      </p>
    </>
  );
}
