/**
 * Zoom and pan of the complex-plane window by pointer: the wheel zooms about the pointer, one pointer drags
 * (pans), two pointers pinch (zoom about their midpoint). The window lives in the document (share link, autosave,
 * undo): a gesture moves it with `live` (not recorded) and ends with `commit(from)`, so that a whole drag, pinch or
 * run of wheel notches is one undoable step. window.ts does the arithmetic.
 */
import { useEffect, useRef } from 'react';
import type { PlaneWindow } from '../../eml/plane/raster.ts';
import { panWindow, zoomWindow } from '../../eml/plane/window.ts';

/** Wheel: a notch (deltaY 100) zooms by e^0.15 ≈ 1.16. */
const WHEEL_RATE = 0.0015;
/** A run of wheel notches ends (and is committed as one step) after this long without one, as d3-zoom's does. */
const WHEEL_SETTLE_MS = 300;

export interface PlaneGestureHandlers {
  /** The window now (read at each event: several can arrive between two renders). */
  read: () => PlaneWindow;
  /** A step of a gesture under way. */
  live: (next: PlaneWindow) => void;
  /** The gesture ended; `from` is the window it started from. */
  commit: (from: PlaneWindow) => void;
}

export function usePlaneGestures(element: HTMLElement | null, handlers: PlaneGestureHandlers): void {
  // The listeners are attached once per element and read the latest handlers through a ref.
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!element) return;
    const pointers = new Map<number, { x: number; y: number }>();
    let pinch: { distance: number } | null = null;
    /** Where the drag or pinch under way started, and where the run of wheel notches did. */
    let dragFrom: PlaneWindow | null = null;
    let wheelFrom: PlaneWindow | null = null;
    let wheelTimer: ReturnType<typeof setTimeout> | undefined;
    const fraction = (clientX: number, clientY: number) => {
      const r = element.getBoundingClientRect();
      return { fx: (clientX - r.left) / r.width, fy: (clientY - r.top) / r.height, r };
    };
    const endWheel = () => {
      if (wheelFrom) latest.current.commit(wheelFrom);
      wheelFrom = null;
    };
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const { fx, fy } = fraction(e.clientX, e.clientY);
      const w = latest.current.read();
      wheelFrom ??= w;
      latest.current.live(zoomWindow(w, Math.exp(e.deltaY * WHEEL_RATE), fx, fy));
      clearTimeout(wheelTimer);
      wheelTimer = setTimeout(endWheel, WHEEL_SETTLE_MS);
    };
    const onDown = (e: PointerEvent) => {
      if (e.button !== 0) return;
      element.setPointerCapture(e.pointerId);
      if (pointers.size === 0) dragFrom = latest.current.read();
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (pointers.size === 2) {
        const [a, b] = [...pointers.values()];
        pinch = { distance: Math.hypot(a.x - b.x, a.y - b.y) };
      }
    };
    const onMove = (e: PointerEvent) => {
      const before = pointers.get(e.pointerId);
      if (!before) return;
      const w = latest.current.read();
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      const r = element.getBoundingClientRect();
      if (pointers.size === 1) {
        latest.current.live(panWindow(w, -(e.clientX - before.x) / r.width, (e.clientY - before.y) / r.height));
      } else if (pointers.size === 2 && pinch) {
        const [a, b] = [...pointers.values()];
        const distance = Math.hypot(a.x - b.x, a.y - b.y);
        if (distance > 0 && pinch.distance > 0) {
          const { fx, fy } = fraction((a.x + b.x) / 2, (a.y + b.y) / 2);
          latest.current.live(zoomWindow(w, pinch.distance / distance, fx, fy));
        }
        pinch = { distance };
      }
    };
    const onUp = (e: PointerEvent) => {
      if (!pointers.delete(e.pointerId)) return;
      if (pointers.size < 2) pinch = null;
      if (pointers.size === 0 && dragFrom) {
        latest.current.commit(dragFrom);
        dragFrom = null;
      }
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    element.addEventListener('pointerdown', onDown);
    element.addEventListener('pointermove', onMove);
    element.addEventListener('pointerup', onUp);
    element.addEventListener('pointercancel', onUp);
    return () => {
      clearTimeout(wheelTimer);
      endWheel();
      element.removeEventListener('wheel', onWheel);
      element.removeEventListener('pointerdown', onDown);
      element.removeEventListener('pointermove', onMove);
      element.removeEventListener('pointerup', onUp);
      element.removeEventListener('pointercancel', onUp);
    };
  }, [element]);
}
