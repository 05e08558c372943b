/**
 * The map of constructions and its K per mode for the Map screen, from the map worker (workers/clients/mapClient.ts):
 * the graph arrives first, then each node's K per mode as the worker compiles it. Leaving the screen (unmount)
 * cancels the work; what arrived is kept for the page, so the next visit starts from it. Sizes arriving within one
 * frame are applied once (the latest), so the map re-renders at most once a frame however fast the worker posts.
 */
import { useEffect, useState } from 'react';
import type { MapGraph } from '../../eml/compiler/constructionGraphWire.ts';
import type { KByMode } from '../../eml/compiler/kWording.ts';
import { mapClient } from '../../workers/clients/mapClient.ts';

export type MapData =
  | { status: 'loading' }
  | { status: 'failed'; reason: string }
  | {
      status: 'filling' | 'done';
      graph: MapGraph;
      sizes: ReadonlyMap<string, KByMode>;
      /** Nodes whose K per mode is known, of all. */
      done: number;
      total: number;
    };

export function useMapData(): MapData {
  const [data, setData] = useState<MapData>({ status: 'loading' });
  useEffect(() => {
    if (typeof Worker === 'undefined') {
      setData({ status: 'failed', reason: 'the map is built in a worker, which this browser does not offer' });
      return;
    }
    let graph: MapGraph | null = null;
    let pending: MapData | null = null;
    let frame = 0;
    const flush = () => {
      frame = 0;
      if (pending) setData(pending);
      pending = null;
    };
    const cancel = mapClient().open({
      graph: (g) => {
        graph = g;
        setData({ status: 'filling', graph: g, sizes: new Map(), done: 0, total: g.nodes.length });
      },
      sizes: (sizes, done, total) => {
        if (!graph) return;
        pending = { status: 'filling', graph, sizes, done, total };
        frame ||= requestAnimationFrame(flush);
      },
      done: () => {
        cancelAnimationFrame(frame);
        flush();
        setData((d) => (d.status === 'filling' ? { ...d, status: 'done' } : d));
      },
      error: (message) => {
        cancelAnimationFrame(frame);
        pending = null;
        setData({ status: 'failed', reason: `building the map failed: ${message}` });
      },
    });
    return () => {
      cancel();
      cancelAnimationFrame(frame);
    };
  }, []);
  return data;
}
