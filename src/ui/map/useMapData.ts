/**
 * The map of constructions and its K per mode for the Map screen, from the map worker (workers/clients/mapClient.ts):
 * the graph arrives first, then each node's K per mode as the worker compiles it. Leaving the screen (unmount)
 * cancels the work; what arrived is kept for the page, so the next visit starts from it.
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
    return mapClient().open({
      graph: (g) => {
        graph = g;
        setData({ status: 'filling', graph: g, sizes: new Map(), done: 0, total: g.nodes.length });
      },
      sizes: (sizes, done, total) => {
        if (graph) setData({ status: 'filling', graph, sizes, done, total });
      },
      done: () => setData((d) => (d.status === 'filling' ? { ...d, status: 'done' } : d)),
      error: (message) => setData({ status: 'failed', reason: `building the map failed: ${message}` }),
    });
  }, []);
  return data;
}
