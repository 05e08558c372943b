/**
 * The plot's zoom, wired to the document: pointer and touch gestures (usePlotZoom), the keys + − 0 and the arrows
 * on the focused chart, and the Zoom in / Zoom out / Reset view buttons. Every path ends in the document's
 * xMin / xMax, the same fields the range inputs set, so a zoom is autosaved, undoable and in the share link.
 *
 * "Reset view" returns to the home range: the range the document was loaded with or last typed in the fields,
 * i.e. the last range that did not come from zooming.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { usePlayground } from '../../store/store.ts';
import { DEFAULT_GEOMETRY } from './plotData.ts';
import { pannedRange, scaledRange, type XRange } from './plotZoom.ts';
import { usePlotZoom } from './usePlotZoom.ts';

const ZOOM_STEP = 1.5;
const PAN_STEP = 0.1;

const same = (a: XRange, b: XRange) => a.xMin === b.xMin && a.xMax === b.xMax;

export interface PlotRangeZoom {
  /** The callback ref for the chart's <svg>. */
  svgRef: (el: SVGSVGElement | null) => void;
  onKeyDown: (e: KeyboardEvent<HTMLElement>) => void;
  zoomBy: (factor: number) => void;
  reset: () => void;
  home: XRange;
  atHome: boolean;
}

export function usePlotRangeZoom(): PlotRangeZoom {
  const xMin = usePlayground((s) => s.doc.xMin);
  const xMax = usePlayground((s) => s.doc.xMax);
  const [svg, setSvg] = useState<SVGSVGElement | null>(null);
  const [home, setHome] = useState<XRange>({ xMin, xMax });
  // The last range the zoom wrote: a range change that differs came from elsewhere (fields, load, undo) and is home.
  const zoomWrote = useRef<XRange | null>(null);
  useEffect(() => {
    const now = { xMin, xMax };
    if (!zoomWrote.current || !same(zoomWrote.current, now)) setHome(now);
  }, [xMin, xMax]);

  const live = (r: XRange) => {
    zoomWrote.current = r;
    usePlayground.getState().update(r, { transient: true });
  };
  const commit = (from: XRange, to: XRange) => {
    const { update } = usePlayground.getState();
    zoomWrote.current = to;
    // The start range back transiently first, so the history records from → to as one step (as the sliders do).
    update(from, { transient: true });
    update(to);
  };
  const step = (next: XRange | null) => {
    const current = { xMin, xMax };
    if (next && !same(next, current)) commit(current, next);
  };
  usePlotZoom(svg, DEFAULT_GEOMETRY, { xMin, xMax }, { onLive: live, onCommit: commit });

  const zoomBy = (factor: number) => step(scaledRange({ xMin, xMax }, factor));
  const reset = () => {
    zoomWrote.current = home;
    step(home);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const actions: Record<string, () => void> = {
      '+': () => zoomBy(ZOOM_STEP),
      '=': () => zoomBy(ZOOM_STEP),
      '-': () => zoomBy(1 / ZOOM_STEP),
      _: () => zoomBy(1 / ZOOM_STEP),
      '0': reset,
      ArrowLeft: () => step(pannedRange({ xMin, xMax }, -PAN_STEP)),
      ArrowRight: () => step(pannedRange({ xMin, xMax }, PAN_STEP)),
    };
    const action = actions[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };
  return { svgRef: setSvg, onKeyDown, zoomBy, reset, home, atHome: same(home, { xMin, xMax }) };
}

export function PlotZoomBar({ zoom }: { zoom: PlotRangeZoom }) {
  return (
    <div className="plot-zoom" role="group" aria-label="Plot zoom">
      <button type="button" onClick={() => zoom.zoomBy(ZOOM_STEP)} aria-keyshortcuts="+">
        Zoom in
      </button>
      <button type="button" onClick={() => zoom.zoomBy(1 / ZOOM_STEP)} aria-keyshortcuts="-">
        Zoom out
      </button>
      <button
        type="button"
        onClick={zoom.reset}
        disabled={zoom.atHome}
        aria-keyshortcuts="0"
        title={`Back to x from ${zoom.home.xMin} to ${zoom.home.xMax}`}
      >
        Reset view
      </button>
    </div>
  );
}
