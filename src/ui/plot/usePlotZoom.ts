/**
 * d3-zoom on the plot's <svg>: wheel, drag and two-finger pinch change the x-range of the document. Unlike the
 * tree's zoom (a transform on a fixed drawing), the plot re-samples over the new range, so the transform lives
 * only for one gesture: each zoom event maps it onto the range the gesture began on (plotZoom.ts) and shows that
 * range transiently; the gesture's end commits one undoable step and puts d3's transform back to identity, so the
 * next gesture starts from the committed range.
 */
import { select } from 'd3-selection';
import { zoom, zoomIdentity, type ZoomTransform } from 'd3-zoom';
import { useEffect, useRef } from 'react';
import type { PlotGeometry } from './plotData.ts';
import { zoomedRange, type XRange } from './plotZoom.ts';

export interface PlotZoomHandlers {
  /** The range while a gesture runs (not an undo step). */
  onLive: (range: XRange) => void;
  /** The gesture ended: one step from `from` to `to`. */
  onCommit: (from: XRange, to: XRange) => void;
}

export function usePlotZoom(
  svg: SVGSVGElement | null,
  geometry: PlotGeometry,
  range: XRange,
  handlers: PlotZoomHandlers,
): void {
  // Read at the gesture's start and on each event, so the behaviour is attached once per svg, not per render.
  const latest = useRef({ range, handlers });
  latest.current = { range, handlers };

  useEffect(() => {
    if (!svg) return;
    let base: XRange | null = null;
    let last: XRange | null = null;
    const z = zoom<SVGSVGElement, unknown>()
      .extent([
        [0, 0],
        [geometry.width, geometry.height],
      ])
      // A primary-button drag or a wheel; a touch with any number of fingers (d3's own filter for touches).
      .filter((event: MouseEvent | WheelEvent) => !event.button && (!event.ctrlKey || event.type === 'wheel'))
      .on('start', () => {
        base = latest.current.range;
        last = null;
      })
      .on('zoom', (event: { transform: ZoomTransform }) => {
        if (!base) return;
        const next = zoomedRange(base, event.transform, geometry);
        if (!next || (next.xMin === last?.xMin && next.xMax === last.xMax)) return;
        last = next;
        latest.current.handlers.onLive(next);
      })
      .on('end', () => {
        const from = base;
        const to = last;
        base = null;
        last = null;
        // Back to identity without an event: the committed range is the new starting point.
        (svg as SVGSVGElement & { __zoom?: ZoomTransform }).__zoom = zoomIdentity;
        if (from && to && (from.xMin !== to.xMin || from.xMax !== to.xMax)) latest.current.handlers.onCommit(from, to);
      });
    // A double-click would zoom by 2 about the pointer; the buttons and keys do that more predictably.
    select(svg).call(z).on('dblclick.zoom', null);
    return () => void select(svg).on('.zoom', null);
  }, [svg, geometry]);
}
