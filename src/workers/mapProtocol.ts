/**
 * Messages between the Map screen (workers/clients/mapClient.ts) and workers/mapWorker.ts. One request builds the
 * map of constructions and then the K per mode of each node not yet known, one message per node (the progress),
 * then 'done'. Cancelling is the client terminating the worker: the sizes are independent compilations, and those
 * already received stay valid.
 */
import type { MapGraph } from '../eml/compiler/constructionGraphWire.ts';
import type { KByMode } from '../eml/compiler/kWording.ts';

export interface MapRequest {
  type: 'map';
  id: number;
  /** Ids whose K per mode the page already has (kept from an earlier visit): not compiled again. */
  known: string[];
}

export type MapReply =
  | { type: 'graph'; id: number; graph: MapGraph }
  | {
      type: 'sizes';
      id: number;
      node: string;
      kByMode: KByMode;
      /** Nodes whose K per mode is known, this one included, of `total`. */
      done: number;
      total: number;
    }
  | { type: 'done'; id: number }
  | { type: 'error'; id: number; message: string };
