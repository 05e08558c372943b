/**
 * Reads large pasted or dropped tables off the main thread: parsing and mapping 100 000 rows takes most of a
 * second, which would freeze the page. The main-thread side (workers/clients/dataPipeline.ts) sends the pipeline's
 * inputs and cancels a stale read by terminating this worker.
 */
import { prepare } from '../fit/prepare.ts';
import type { DataReply, DataRequest } from './protocol.ts';

const scope = self as unknown as {
  postMessage(m: DataReply): void;
  onmessage: ((e: MessageEvent<DataRequest>) => void) | null;
};

scope.onmessage = (e) => {
  const { id, inputs } = e.data;
  try {
    scope.postMessage({ id, ok: true, prepared: prepare(inputs) });
  } catch (err) {
    scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
