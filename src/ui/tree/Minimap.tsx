/**
 * An overview of a big tree: every node as a dot, and the part on screen as a rectangle. Click or drag on it to
 * move the view there. It is a pointer convenience (keyboard users move by node, and the view follows), so it is
 * hidden from assistive tech rather than being a second, worse way to navigate.
 */
import { memo, useMemo, useRef, type PointerEvent, type RefObject } from 'react';
import type { TreeLayout } from './layout.ts';

export const MINIMAP_W = 168;
export const MINIMAP_H = 112;

export interface MinimapProps {
  layout: TreeLayout;
  /** The viewport rectangle, positioned imperatively on every zoom event (see TreeView). */
  viewportRef: RefObject<SVGRectElement | null>;
  /** Centre the main view on a layout point. */
  onNavigate: (x: number, y: number) => void;
}

/** Scale and offset mapping layout units into the minimap, preserving aspect ratio. */
export function minimapScale(b: TreeLayout['bounds']) {
  const k = Math.min(MINIMAP_W / (b.x1 - b.x0), MINIMAP_H / (b.y1 - b.y0));
  const ox = (MINIMAP_W - k * (b.x1 - b.x0)) / 2 - k * b.x0;
  const oy = (MINIMAP_H - k * (b.y1 - b.y0)) / 2 - k * b.y0;
  return { k, ox, oy };
}

export const Minimap = memo(function Minimap({ layout, viewportRef, onNavigate }: MinimapProps) {
  const { k, ox, oy } = minimapScale(layout.bounds);
  // One path for all edges and one for all dots: a 4000-node overview is still two DOM elements.
  const { edges, dots } = useMemo(() => {
    let e = '';
    let d = '';
    for (const n of layout.nodes) {
      const x = (ox + k * n.x).toFixed(1);
      const y = (oy + k * n.y).toFixed(1);
      d += `M${x},${y}h0`;
      if (n.parent) e += `M${(ox + k * n.parent.x).toFixed(1)},${(oy + k * n.parent.y).toFixed(1)}L${x},${y}`;
    }
    return { edges: e, dots: d };
  }, [layout, k, ox, oy]);
  const dragging = useRef(false);
  const go = (ev: PointerEvent<SVGSVGElement>) => {
    const r = ev.currentTarget.getBoundingClientRect();
    onNavigate((ev.clientX - r.left - ox) / k, (ev.clientY - r.top - oy) / k);
  };
  return (
    <svg
      className="tree-minimap"
      width={MINIMAP_W}
      height={MINIMAP_H}
      aria-hidden="true"
      onPointerDown={(ev) => {
        dragging.current = true;
        ev.currentTarget.setPointerCapture(ev.pointerId);
        go(ev);
      }}
      onPointerMove={(ev) => dragging.current && go(ev)}
      onPointerUp={() => (dragging.current = false)}
      onPointerCancel={() => (dragging.current = false)}
    >
      <path className="minimap-edges" d={edges} />
      <path className="minimap-dots" d={dots} />
      <rect ref={viewportRef} className="minimap-viewport" />
    </svg>
  );
});
