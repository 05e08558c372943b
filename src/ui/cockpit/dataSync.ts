/**
 * The one writer of the fit store's `prepared`: it watches the data pipeline's inputs in the store and, when they
 * change, reads the data pipeline (workers/clients/dataPipeline.ts) — at once for small tables, in the data worker for large ones
 * (stage 'reading' until the worker's reply, which is written when it arrives). Nothing is computed during a
 * render: views read `prepared` from the store.
 */
import type { DataInputs } from '../../fit/prepare.ts';
import { dataInputsOf, useFit } from '../../store/fitStore.ts';
import { DataPipeline, type PipelineOptions } from '../../workers/clients/dataPipeline.ts';

const KEYS: (keyof DataInputs)[] = ['text', 'header', 'mapping', 'validation', 'splitSeed', 'sampleRows', 'generator'];

export interface DataSync {
  /** Read the table again (a new worker): after a read failed or was stopped. */
  retry(): void;
  disconnect(): void;
}

export function connectDataPipeline(store: typeof useFit, options: Omit<PipelineOptions, 'onReady'> = {}): DataSync {
  let inputs = dataInputsOf(store.getState());
  const pipeline: DataPipeline = new DataPipeline({
    ...options,
    onReady: () => store.setState({ prepared: pipeline.get(inputs) }),
  });
  const read = () => {
    const p = pipeline.get(inputs);
    if (store.getState().prepared !== p) store.setState({ prepared: p });
  };
  const unsubscribe = store.subscribe((s) => {
    const next = dataInputsOf(s);
    if (KEYS.every((k) => next[k] === inputs[k])) return;
    inputs = next;
    read();
  });
  read();
  return {
    retry: () => {
      pipeline.dispose();
      read();
    },
    disconnect: () => {
      unsubscribe();
      pipeline.dispose();
    },
  };
}

let connected: DataSync | null = null;

/** The cockpit's connection (made once, when the cockpit's modules load). */
export function cockpitDataSync(): DataSync {
  connected ??= connectDataPipeline(useFit);
  return connected;
}
