/**
 * Main-thread side of workers/mapWorker.ts. `open` asks for the map of constructions and its K per mode; the graph
 * and every node's K are kept for the page's life, so a second visit shows what the first computed at once and asks
 * the worker only for what is missing (nothing, once complete). The returned function cancels: leaving the screen
 * terminates the worker (a size in the middle of compiling is simply not wanted). A crashed worker is an error.
 */
import type { MapGraph } from '../../eml/compiler/constructionGraphWire.ts';
import type { KByMode } from '../../eml/compiler/kWording.ts';
import type { MapReply, MapRequest } from '../mapProtocol.ts';

export interface MapHandlers {
  graph(graph: MapGraph): void;
  /** The K per mode known so far (a new map each time), and how many of the graph's nodes that is. */
  sizes(sizes: ReadonlyMap<string, KByMode>, done: number, total: number): void;
  done(): void;
  error(message: string): void;
}

export interface MapWorkerLike {
  onmessage: ((e: MessageEvent<MapReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  postMessage(m: MapRequest): void;
  terminate(): void;
}

export interface MapClient {
  open(handlers: MapHandlers): () => void;
}

/** A client over workers made by `spawn` (a fake one in tests): one worker per open, gone when done or cancelled. */
export function createMapClient(spawn: () => MapWorkerLike): MapClient {
  let graph: MapGraph | null = null;
  const known = new Map<string, KByMode>();
  let nextId = 1;

  return {
    open(h) {
      if (graph) {
        h.graph(graph);
        h.sizes(new Map(known), known.size, graph.nodes.length);
        if (known.size === graph.nodes.length) {
          h.done();
          return () => undefined;
        }
      }
      const id = nextId++;
      let worker: MapWorkerLike | null = spawn();
      const stop = () => {
        worker?.terminate();
        worker = null;
      };
      worker.onmessage = (e) => {
        const r = e.data;
        if (r.id !== id || !worker) return;
        if (r.type === 'graph') {
          const first = graph === null;
          graph = r.graph;
          if (first) h.graph(r.graph);
        } else if (r.type === 'sizes') {
          known.set(r.node, r.kByMode);
          h.sizes(new Map(known), r.done, r.total);
        } else if (r.type === 'done') {
          stop();
          h.done();
        } else {
          stop();
          h.error(r.message);
        }
      };
      worker.onerror = (e) => {
        e.preventDefault?.();
        if (!worker) return;
        stop();
        h.error('the map worker stopped unexpectedly');
      };
      worker.postMessage({ type: 'map', id, known: [...known.keys()] });
      return stop;
    },
  };
}

let shared: MapClient | null = null;

/** The page's client, over module workers of mapWorker.ts. */
export const mapClient = (): MapClient =>
  (shared ??= createMapClient(
    () => new Worker(new URL('../mapWorker.ts', import.meta.url), { type: 'module' }) as unknown as MapWorkerLike,
  ));
