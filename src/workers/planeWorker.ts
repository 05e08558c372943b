/**
 * The complex-plane view's worker (PlaneRequest in, PlaneReply out; planeProtocol.ts). What it does with each
 * request is planeRender.ts; this is only the worker's plumbing.
 */
import type { PlaneReply, PlaneRequest } from './planeProtocol.ts';
import { createPlaneHandler } from './planeRender.ts';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<PlaneRequest>) => void) | null;
  postMessage(m: PlaneReply, transfer?: Transferable[]): void;
};

const handle = createPlaneHandler((m, transfer) => scope.postMessage(m, transfer ?? []));
scope.onmessage = (e) => handle(e.data);
