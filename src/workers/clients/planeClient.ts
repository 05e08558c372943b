/**
 * Main-thread side of workers/planeWorker.ts: one worker for the page, started on the first render. A render
 * replaces the one in flight (the worker drops it at its next band); `cancel()` stops it. A crashed worker fails the
 * render in flight with a message, and the next render starts a new one.
 */
import type { PlaneRenderRequest, PlaneReply } from '../planeProtocol.ts';

export interface PlaneRenderHandlers {
  progress?: (rowsDone: number, rows: number) => void;
  raster?: (image: { width: number; height: number; rgba: Uint8ClampedArray; ms: number }) => void;
  departure?: (mask: { cols: number; rows: number; cells: Uint8Array; count: number }) => void;
  done?: () => void;
  error?: (message: string) => void;
}

interface WorkerLike {
  onmessage: ((e: MessageEvent<PlaneReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  postMessage(m: unknown): void;
  terminate(): void;
}

let worker: WorkerLike | null = null;
let nextId = 1;
let active: { id: number; handlers: PlaneRenderHandlers } | null = null;

function ensureWorker(): WorkerLike {
  if (worker) return worker;
  const w = new Worker(new URL('../planeWorker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
  w.onmessage = (e) => {
    const r = e.data;
    if (!active || r.id !== active.id) return;
    const h = active.handlers;
    if (r.type === 'progress') h.progress?.(r.rowsDone, r.rows);
    else if (r.type === 'raster')
      h.raster?.({ width: r.width, height: r.height, rgba: new Uint8ClampedArray(r.rgba), ms: r.ms });
    else if (r.type === 'departure')
      h.departure?.({ cols: r.cols, rows: r.rows, cells: new Uint8Array(r.cells), count: r.count });
    else if (r.type === 'error') {
      active = null;
      h.error?.(r.message);
    } else if (r.type === 'done') {
      active = null;
      h.done?.();
    }
  };
  w.onerror = (e) => {
    e.preventDefault?.();
    const h = active?.handlers;
    active = null;
    worker?.terminate();
    worker = null;
    h?.error?.('the complex-plane worker stopped unexpectedly; change the view to try again');
  };
  return (worker = w);
}

/** Starts a render (replacing any in flight); returns its cancel. */
export function renderPlane(
  request: Omit<PlaneRenderRequest, 'type' | 'id'>,
  handlers: PlaneRenderHandlers,
): () => void {
  if (typeof Worker === 'undefined') {
    handlers.error?.('this browser runs no Web Workers, so the float64 drawing is not available');
    return () => {};
  }
  const w = ensureWorker();
  const id = nextId++;
  active = { id, handlers };
  w.postMessage({ type: 'render', id, ...request } satisfies PlaneRenderRequest);
  return () => {
    if (active?.id !== id) return;
    active = null;
    w.postMessage({ type: 'cancel', id });
  };
}
