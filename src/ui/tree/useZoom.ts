/**
 * d3-zoom on the tree's <svg>, kept out of React's render loop: d3 owns the transform, and each zoom event writes
 * it straight to the one <g> that holds the drawing (and to the minimap's viewport rectangle). Re-rendering a
 * thousand nodes per wheel tick is what would make zoom stutter; this keeps it at one attribute write.
 */
import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import { useCallback, useLayoutEffect, useMemo, useRef, type RefObject } from 'react';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface ZoomApi {
  /**
   * Fit `box` (layout units) into the view; with `minScale`, never smaller than that (a wide drawing on a phone then
   * shows its top, centred, at a readable size, and the rest is panned to).
   */
  fit: (box: Box, animate?: boolean, minScale?: number) => void;
  zoomBy: (factor: number) => void;
  /** Put a layout point at the centre of the view. */
  centerOn: (x: number, y: number, animate?: boolean) => void;
  /** Pan just enough to bring a layout point into view (keyboard navigation). */
  ensureVisible: (x: number, y: number, margin?: number) => void;
  /** Shift so that a layout point that moved from `from` to `to` stays where it was on screen. */
  keepAnchored: (from: { x: number; y: number }, to: { x: number; y: number }) => void;
  current: () => ZoomTransform;
}

/** Re-read on every use: the user may flip the OS setting while the page is open. */
export const prefersReducedMotion = () =>
  typeof window !== 'undefined' &&
  typeof window.matchMedia === 'function' &&
  window.matchMedia('(prefers-reduced-motion: reduce)').matches;

const SCALE_EXTENT: [number, number] = [0.02, 4];
const TWEEN_MS = 220;

export function useZoom(
  svgRef: RefObject<SVGSVGElement | null>,
  gRef: RefObject<SVGGElement | null>,
  onTransform: (t: ZoomTransform) => void,
): ZoomApi {
  const behaviour = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const frame = useRef(0);
  const listener = useRef(onTransform);
  listener.current = onTransform;

  // A layout effect, declared before TreeView's own: the first fit (also a layout effect) needs the behaviour
  // attached already, or the initial tree is drawn unfitted at the origin.
  useLayoutEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent(SCALE_EXTENT)
      // The drawing's own box rather than d3's default (which reads the svg's width/viewBox attributes, absent here).
      .extent(() => [
        [0, 0],
        [svg.clientWidth || 600, svg.clientHeight || 400],
      ])
      // Big drawings (data-big, set by TreeView) drop text and anti-aliasing while moving (CSS [data-zooming]).
      // Data attributes, not classes: React owns the svg's className and would wipe classes set here.
      .on('start', () => {
        if (svg.dataset.big === 'true') svg.dataset.zooming = '';
      })
      .on('end', () => void delete svg.dataset.zooming)
      .on('zoom', (event: { transform: ZoomTransform }) => {
        gRef.current?.setAttribute('transform', event.transform.toString());
        listener.current(event.transform);
      });
    behaviour.current = z;
    // Double-click belongs to the nodes (it would otherwise zoom while the user expands blocks).
    select(svg).call(z).on('dblclick.zoom', null);
    return () => {
      cancelAnimationFrame(frame.current);
      select(svg).on('.zoom', null);
    };
  }, [svgRef, gRef]);

  const current = useCallback(() => {
    const svg = svgRef.current;
    return svg ? zoomTransform(svg) : zoomIdentity;
  }, [svgRef]);

  const apply = useCallback(
    (target: ZoomTransform, animate: boolean) => {
      const svg = svgRef.current;
      const z = behaviour.current;
      if (!svg || !z) return;
      cancelAnimationFrame(frame.current);
      // `data-zoom` says whether an eased move is under way, so a test (or a script) can wait for the drawing to be
      // still before it aims at a node, instead of waiting for time.
      if (!animate || prefersReducedMotion()) {
        select(svg).call(z.transform, target);
        svg.dataset.zoom = 'still';
        return;
      }
      svg.dataset.zoom = 'moving';
      // A short ease without d3-transition: interpolate in (x, y, log k) so zooming feels even.
      const from = current();
      const start = performance.now();
      const step = (now: number) => {
        // A frame's timestamp can precede `start`; clamped, so the first step never moves backwards.
        const t = Math.min(1, Math.max(0, (now - start) / TWEEN_MS));
        const e = t * (2 - t);
        const k = Math.exp(Math.log(from.k) + (Math.log(target.k) - Math.log(from.k)) * e);
        const x = from.x + (target.x - from.x) * e;
        const y = from.y + (target.y - from.y) * e;
        select(svg).call(z.transform, zoomIdentity.translate(x, y).scale(k));
        if (t < 1) frame.current = requestAnimationFrame(step);
        else svg.dataset.zoom = 'still';
      };
      frame.current = requestAnimationFrame(step);
    },
    [svgRef, current],
  );

  return useMemo<ZoomApi>(() => {
    const size = () => {
      const svg = svgRef.current;
      return { w: svg?.clientWidth || 600, h: svg?.clientHeight || 400 };
    };
    return {
      current,
      fit: (box, animate = true, minScale = SCALE_EXTENT[0]) => {
        const { w, h } = size();
        const bw = Math.max(1, box.x1 - box.x0);
        const bh = Math.max(1, box.y1 - box.y0);
        const fitted = Math.min(1.6, w / bw, h / bh);
        const k = Math.max(SCALE_EXTENT[0], minScale, fitted);
        const x = w / 2 - k * (box.x0 + bw / 2);
        // Short trees sit at the top rather than floating in the middle; so does a drawing held at minScale.
        const y = bh * k < h || k > fitted ? 8 - k * box.y0 : h / 2 - k * (box.y0 + bh / 2);
        apply(zoomIdentity.translate(x, y).scale(k), animate);
      },
      zoomBy: (factor) => {
        const { w, h } = size();
        const t = current();
        const k = Math.max(SCALE_EXTENT[0], Math.min(SCALE_EXTENT[1], t.k * factor));
        // Zoom about the view's centre, as the buttons have no pointer position.
        const cx = (w / 2 - t.x) / t.k;
        const cy = (h / 2 - t.y) / t.k;
        apply(zoomIdentity.translate(w / 2 - k * cx, h / 2 - k * cy).scale(k), true);
      },
      centerOn: (x, y, animate = false) => {
        const { w, h } = size();
        const t = current();
        apply(zoomIdentity.translate(w / 2 - t.k * x, h / 2 - t.k * y).scale(t.k), animate);
      },
      ensureVisible: (x, y, margin = 40) => {
        const { w, h } = size();
        const t = current();
        const sx = t.x + t.k * x;
        const sy = t.y + t.k * y;
        const dx = sx < margin ? margin - sx : sx > w - margin ? w - margin - sx : 0;
        const dy = sy < margin ? margin - sy : sy > h - margin ? h - margin - sy : 0;
        if (dx !== 0 || dy !== 0) apply(zoomIdentity.translate(t.x + dx, t.y + dy).scale(t.k), true);
      },
      keepAnchored: (from, to) => {
        const t = current();
        if (from.x === to.x && from.y === to.y) return;
        apply(zoomIdentity.translate(t.x - t.k * (to.x - from.x), t.y - t.k * (to.y - from.y)).scale(t.k), false);
      },
    };
  }, [svgRef, current, apply]);
}
