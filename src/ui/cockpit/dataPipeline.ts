/**
 * The data pipeline's result for the current inputs, cached by inputs. Small tables are read at once on the page
 * (a few milliseconds); tables over SYNC_CHARS characters are read in a worker (workers/dataWorker.ts) while the
 * page answers with stage 'reading', and `onReady` tells the page when the result is in. A newer input cancels a
 * read still running by terminating its worker, so typing into a large table never queues up stale work.
 */
import { prepare, type DataInputs, type Prepared } from '../../fit/prepare.ts';
import type { DataReply, DataRequest } from '../../workers/protocol.ts';

/** About 10 000 short rows: read on the page below this, in the worker above. */
export const SYNC_CHARS = 200_000;

export interface WorkerLike {
  onmessage: ((e: MessageEvent<DataReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  postMessage(m: DataRequest): void;
  terminate(): void;
}

export interface PipelineOptions {
  createWorker?: () => WorkerLike;
  /** A worker result arrived: the page should read `get` again. */
  onReady: () => void;
}

const KEYS: (keyof DataInputs)[] = ['text', 'header', 'mapping', 'validation', 'splitSeed', 'sampleRows', 'generator'];
const same = (a: DataInputs, b: DataInputs) => KEYS.every((k) => a[k] === b[k]);

function defaultWorker(): WorkerLike {
  return new Worker(new URL('../../workers/dataWorker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
}

export class DataPipeline {
  private key: DataInputs | null = null;
  private value: Prepared | null = null;
  private worker: WorkerLike | null = null;
  private pendingId = 0;
  private nextId = 1;

  constructor(private readonly opts: PipelineOptions) {}

  get(inputs: DataInputs): Prepared {
    if (this.key && this.value && same(this.key, inputs)) return this.value;
    this.key = inputs;
    this.cancel();
    if (inputs.text.length <= SYNC_CHARS) {
      this.value = prepare(inputs);
      return this.value;
    }
    const id = this.nextId++;
    this.pendingId = id;
    this.value = { ok: false, stage: 'reading', errors: [`Reading ${(inputs.text.length / 1e6).toFixed(1)} MB of data in the background…`], table: null };
    this.spawn().postMessage({ id, inputs });
    return this.value;
  }

  /** True while a worker read is running. */
  get reading(): boolean {
    return this.pendingId !== 0;
  }

  dispose(): void {
    this.cancel();
    this.key = null;
    this.value = null;
  }

  private spawn(): WorkerLike {
    if (this.worker) return this.worker;
    const w = (this.opts.createWorker ?? defaultWorker)();
    w.onmessage = (e) => {
      const r = e.data;
      if (r.id !== this.pendingId) return;
      this.pendingId = 0;
      this.value = r.ok ? r.prepared : { ok: false, stage: 'table', errors: [`The table could not be read: ${r.error}`], table: null };
      this.opts.onReady();
    };
    w.onerror = (e) => {
      e.preventDefault?.();
      if (!this.pendingId) return;
      this.pendingId = 0;
      this.worker = null;
      this.value = { ok: false, stage: 'table', errors: [`The table could not be read: ${e.message || 'the reader stopped'}. Try a smaller table.`], table: null };
      this.opts.onReady();
    };
    this.worker = w;
    return w;
  }

  /** A read still running is for older inputs: stop it (a terminated worker drops its queue too). */
  private cancel(): void {
    if (this.pendingId && this.worker) {
      this.worker.terminate();
      this.worker = null;
    }
    this.pendingId = 0;
  }
}
