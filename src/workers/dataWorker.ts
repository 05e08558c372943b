/**
 * Reads large pasted or dropped tables off the main thread: parsing and mapping 100 000 rows takes most of a
 * second, which would freeze the page. The main-thread side (ui/cockpit/dataPipeline.ts) sends the pipeline's
 * inputs and cancels a stale read by terminating this worker.
 */
import { prepare, type DataInputs, type Prepared } from '../fit/prepare.ts';

export type DataRequest = { id: number; inputs: DataInputs };
export type DataReply = { id: number; ok: true; prepared: Prepared } | { id: number; ok: false; error: string };

const scope = self as unknown as { postMessage(m: DataReply): void; onmessage: ((e: MessageEvent<DataRequest>) => void) | null };

scope.onmessage = (e) => {
  const { id, inputs } = e.data;
  try {
    scope.postMessage({ id, ok: true, prepared: prepare(inputs) });
  } catch (err) {
    scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
