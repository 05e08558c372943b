/**
 * Main-thread side of workers/planeWorker.ts: a small pool of workers for the page (one per core as
 * navigator.hardwareConcurrency counts them, at most 8), started on the first render. While the float64 picture
 * draws the page itself waits for it, so every core gets a worker. A float64 picture is split into one band of rows per worker and put together
 * here; the departure mask is asked of the first worker. A render replaces the one in flight (the workers drop it
 * at their next band); `cancel()` stops it. A crashed worker fails the render in flight with a message, and the
 * next render starts a new pool.
 *
 * The tree goes as the page derived it: encoded once per tree (eml/treeCodec.ts) and sent, a copy with its buffer
 * transferred, only to a worker that does not hold it yet (planeProtocol.ts); panning and zooming send none.
 */
import type { EmlNode } from '../../eml/ast.ts';
import { encodeTree, type EncodedTree } from '../../eml/treeCodec.ts';
import type { PlaneRenderRequest, PlaneReply, PlaneRequest, PlaneSource } from '../planeProtocol.ts';

export interface PlaneRenderHandlers {
  progress?: (rowsDone: number, rows: number) => void;
  /** The whole picture; `ms` from the request to its last band; `workers` drew a band each. */
  raster?: (image: { width: number; height: number; rgba: Uint8ClampedArray; ms: number; workers: number }) => void;
  departure?: (mask: { cols: number; rows: number; cells: Uint8Array; count: number }) => void;
  done?: () => void;
  error?: (message: string) => void;
}

/** The page's tree and what it was compiled from; pass the same object while the tree is the same. */
export interface PlaneTree {
  tree: EmlNode;
  compiled: PlaneSource['compiled'];
}

/** What a render asks for: the request without its envelope, with the tree as the page holds it. */
export type PlaneRenderOptions = Omit<PlaneRenderRequest, 'type' | 'id' | 'band' | 'source'> & { source: PlaneTree };

export interface PlaneWorkerLike {
  onmessage: ((e: MessageEvent<PlaneReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  postMessage(m: PlaneRequest, transfer?: Transferable[]): void;
  terminate(): void;
}

interface Active {
  id: number;
  handlers: PlaneRenderHandlers;
  start: number;
  width: number;
  height: number;
  /** The workers this render uses, and how many of them have finished. */
  used: number;
  finished: number;
  bandsLeft: number;
  rowsDone: number[];
  rgba: Uint8ClampedArray | null;
}

/** A client over workers made by `spawn` (fake ones in tests), `size` of them. */
export function createPlaneClient(
  spawn: () => PlaneWorkerLike,
  size: () => number,
): (request: PlaneRenderOptions, handlers: PlaneRenderHandlers) => () => void {
  let pool: PlaneWorkerLike[] = [];
  /** The source id each worker of the pool holds (0: none). */
  let holds: number[] = [];
  let nextId = 1;
  let active: Active | null = null;
  let source: { of: PlaneTree; id: number; encoded: EncodedTree } | null = null;
  let nextSource = 1;

  function onReply(index: number, r: PlaneReply): void {
    const a = active;
    if (!a || r.id !== a.id) return;
    const h = a.handlers;
    if (r.type === 'progress') {
      a.rowsDone[index] = r.rowsDone;
      h.progress?.(
        a.rowsDone.reduce((x, y) => x + y, 0),
        a.height,
      );
    } else if (r.type === 'raster') {
      a.rgba ??= new Uint8ClampedArray(a.width * a.height * 4);
      a.rgba.set(new Uint8ClampedArray(r.rgba), r.from * a.width * 4);
      if (--a.bandsLeft === 0)
        h.raster?.({
          width: a.width,
          height: a.height,
          rgba: a.rgba,
          ms: performance.now() - a.start,
          workers: a.used,
        });
    } else if (r.type === 'departure') {
      h.departure?.({ cols: r.cols, rows: r.rows, cells: new Uint8Array(r.cells), count: r.count });
    } else if (r.type === 'error') {
      active = null;
      h.error?.(r.message);
    } else if (r.type === 'done' && ++a.finished === a.used) {
      active = null;
      h.done?.();
    }
  }

  function ensurePool(): PlaneWorkerLike[] {
    if (pool.length > 0) return pool;
    pool = Array.from({ length: size() }, (_, index) => {
      const w = spawn();
      w.onmessage = (e) => onReply(index, e.data);
      w.onerror = (e) => {
        e.preventDefault?.();
        const h = active?.handlers;
        active = null;
        for (const other of pool) other.terminate();
        pool = [];
        h?.error?.('the complex-plane worker stopped unexpectedly; change the view to try again');
      };
      return w;
    });
    holds = pool.map(() => 0);
    return pool;
  }

  return (request, handlers) => {
    const workers = ensurePool();
    // Workers this render does not use would otherwise finish the replaced render's bands first.
    const previous = active;
    if (previous) for (let i = 0; i < previous.used; i++) workers[i].postMessage({ type: 'cancel', id: previous.id });
    if (source?.of !== request.source) {
      source = { of: request.source, id: nextSource++, encoded: encodeTree(request.source.tree) };
    }
    const { id: sourceId, encoded } = source;
    const id = nextId++;
    const used = request.raster ? Math.min(workers.length, request.height) : 1;
    active = {
      id,
      handlers,
      start: performance.now(),
      width: request.width,
      height: request.height,
      used,
      finished: 0,
      bandsLeft: used,
      rowsDone: new Array<number>(used).fill(0),
      rgba: null,
    };
    for (let i = 0; i < used; i++) {
      const band = request.raster
        ? { from: Math.floor((i * request.height) / used), to: Math.floor(((i + 1) * request.height) / used) }
        : undefined;
      // Each worker gets its own copy of the encoding, transferred: the client keeps the original for the others.
      const nodes = holds[i] === sourceId ? null : encoded.nodes.slice();
      const message: PlaneRenderRequest = {
        type: 'render',
        id,
        ...request,
        source: {
          id: sourceId,
          sent: nodes ? { tree: { nodes, names: encoded.names }, compiled: request.source.compiled } : null,
        },
        band,
        departure: i === 0 ? request.departure : null,
      };
      workers[i].postMessage(message, nodes ? [nodes.buffer as ArrayBuffer] : []);
      holds[i] = sourceId;
    }
    return () => {
      if (active?.id !== id) return;
      active = null;
      for (let i = 0; i < used; i++) workers[i].postMessage({ type: 'cancel', id });
    };
  };
}

/** The pool's size: the browser's count of logical cores (2 when it gives none), at most 8. */
export const planePoolSize = (cores: number | undefined): number => Math.max(1, Math.min(8, cores || 2));
const poolSize = () => planePoolSize(navigator.hardwareConcurrency);
let shared: ReturnType<typeof createPlaneClient> | null = null;

/** Starts a render on the page's pool (replacing any in flight); returns its cancel. */
export function renderPlane(request: PlaneRenderOptions, handlers: PlaneRenderHandlers): () => void {
  if (typeof Worker === 'undefined') {
    handlers.error?.('this browser runs no Web Workers, so the float64 drawing is not available');
    return () => {};
  }
  shared ??= createPlaneClient(
    () => new Worker(new URL('../planeWorker.ts', import.meta.url), { type: 'module' }) as unknown as PlaneWorkerLike,
    poolSize,
  );
  return shared(request, handlers);
}
