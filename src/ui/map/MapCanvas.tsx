/**
 * The drawn map (inside the Map screen, MapView.tsx): the worker's graph placed by mapModel, each node with its own K
 * and, as they arrive, the K of its value in each compile mode. Hovering or focusing a node lights what it uses and
 * what uses it; click or Enter opens it in the playground; the details beside the map also link its tour step. Zoom
 * and pan stay inside the box (d3-zoom), so a phone scrolls the map, not the page.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MapGraph } from '../../eml/compiler/constructionGraphWire.ts';
import type { KByMode } from '../../eml/compiler/kWording.ts';
import { useZoom } from '../tree/useZoom.ts';
import { MapDetails } from './MapDetails.tsx';
import { mapModel, NODE_H, NODE_W } from './mapModel.ts';
import { MapEdges, MapNodeView, type NodeHandlers } from './MapNodeView.tsx';

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

  // Before the first paint, so a click lands where the node is drawn (only the first row is mounted then, so the
  // layout this forces is small).
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

  const shown = lit ?? active;
  const node = shown ? byId.get(shown)! : null;
  const uses = new Set(node?.dependsOn ?? []);
  const users = new Set(node?.usedBy ?? []);

  const handlers = useMemo<NodeHandlers>(
    () => ({
      light: (id) => {
        setLit(id);
        setActive(id);
      },
      focus: (id, reveal) => {
        setLit(id);
        setActive(id);
        if (!reveal) return;
        const p = placed.get(id)!;
        zoom.ensureVisible(p.x + NODE_W / 2, p.y + NODE_H / 2, NODE_W / 2 + 8);
      },
      unlight: () => setLit(null),
    }),
    [placed, zoom],
  );
  const focusNode = (id: string) => {
    svgRef.current?.querySelector<SVGGElement>(`[data-node="${CSS.escape(id)}"]`)?.focus();
    handlers.focus(id, true);
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
          className="pan-surface map-svg"
          role="group"
          aria-labelledby="map-title"
          aria-describedby="map-count"
          onMouseLeave={() => setLit(null)}
        >
          <g ref={gRef}>
            <MapEdges edges={graph.edges} placed={placed} rows={rows} shown={node} />
            {graph.nodes.map((n) => {
              const p = placed.get(n.id)!;
              if (p.layer >= rows) return null;
              const role =
                n.id === shown ? 'active' : uses.has(n.id) ? 'uses' : users.has(n.id) ? 'users' : shown ? 'dim' : '';
              return (
                <MapNodeView
                  key={n.id}
                  node={n}
                  at={p}
                  role={role}
                  modes={modeLine(sizes.get(n.id))}
                  handlers={handlers}
                />
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
