/**
 * Zoom and pan of the complex-plane window by pointer: the wheel zooms about the pointer, one pointer drags
 * (pans), two pointers pinch (zoom about their midpoint). The window is the view's own state; the gestures only
 * call `change` with the next window (window.ts does the arithmetic).
 */
import { useEffect, useRef } from 'react';
import type { PlaneWindow } from '../../eml/plane/raster.ts';
import { panWindow, zoomWindow } from '../../eml/plane/window.ts';

/** Wheel: a notch (deltaY 100) zooms by e^0.15 ≈ 1.16. */
const WHEEL_RATE = 0.0015;

export function usePlaneGestures(
  element: HTMLElement | null,
  window: PlaneWindow,
  change: (next: PlaneWindow) => void,
): void {
  // The handlers are attached once per element and read the latest window and callback through refs.
  const latest = useRef({ window, change });
  latest.current = { window, change };
  useEffect(() => {
    if (!element) return;
    const pointers = new Map<number, { x: number; y: number }>();
    let pinch: { distance: number } | null = null;
    const fraction = (clientX: number, clientY: number) => {
      const r = element.getBoundingClientRect();
      return { fx: (clientX - r.left) / r.width, fy: (clientY - r.top) / r.height, r };
    };
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const { fx, fy } = fraction(e.clientX, e.clientY);
      const { window: w, change: set } = latest.current;
      set(zoomWindow(w, Math.exp(e.deltaY * WHEEL_RATE), fx, fy));
    };
    const onDown = (e: PointerEvent) => {
      if (e.button !== 0) return;
      element.setPointerCapture(e.pointerId);
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (pointers.size === 2) {
        const [a, b] = [...pointers.values()];
        pinch = { distance: Math.hypot(a.x - b.x, a.y - b.y) };
      }
    };
    const onMove = (e: PointerEvent) => {
      const before = pointers.get(e.pointerId);
      if (!before) return;
      const { window: w, change: set } = latest.current;
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      const r = element.getBoundingClientRect();
      if (pointers.size === 1) {
        set(panWindow(w, -(e.clientX - before.x) / r.width, (e.clientY - before.y) / r.height));
      } else if (pointers.size === 2 && pinch) {
        const [a, b] = [...pointers.values()];
        const distance = Math.hypot(a.x - b.x, a.y - b.y);
        if (distance > 0 && pinch.distance > 0) {
          const { fx, fy } = fraction((a.x + b.x) / 2, (a.y + b.y) / 2);
          set(zoomWindow(w, pinch.distance / distance, fx, fy));
        }
        pinch = { distance };
      }
    };
    const onUp = (e: PointerEvent) => {
      pointers.delete(e.pointerId);
      if (pointers.size < 2) pinch = null;
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    element.addEventListener('pointerdown', onDown);
    element.addEventListener('pointermove', onMove);
    element.addEventListener('pointerup', onUp);
    element.addEventListener('pointercancel', onUp);
    return () => {
      element.removeEventListener('wheel', onWheel);
      element.removeEventListener('pointerdown', onDown);
      element.removeEventListener('pointermove', onMove);
      element.removeEventListener('pointerup', onUp);
      element.removeEventListener('pointercancel', onUp);
    };
  }, [element]);
}
