/**
 * The data pipeline's result for the current inputs, cached by inputs. Small tables are read at once on the page
 * (a few milliseconds); tables over SYNC_CHARS characters are read in a worker (workers/dataWorker.ts) while the
 * page answers with stage 'reading', and `onReady` tells the page when the result is in. A newer input cancels a
 * read still running by terminating its worker, so typing into a large table never queues up stale work.
 */
import { prepare, type DataInputs, type Prepared } from '../../fit/prepare.ts';
import type { DataReply, DataRequest } from '../protocol.ts';

/** About 10 000 short rows: read on the page below this, in the worker above. */
export const SYNC_CHARS = 200_000;

export interface WorkerLike {
  onmessage: ((e: MessageEvent<DataReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror?: ((e: MessageEvent) => void) | null;
  postMessage(m: DataRequest): void;
  terminate(): void;
}

export interface PipelineOptions {
  createWorker?: () => WorkerLike;
  /** A worker result arrived: the page should read `get` again. */
  onReady: () => void;
  /** A read taking longer than this is abandoned (the worker is stuck or gone); default 120 s. */
  timeLimitMs?: number;
}

/** 50 MB (the largest file accepted) reads in well under a minute even on a slow machine. */
const READ_TIME_LIMIT_MS = 120_000;

const KEYS: (keyof DataInputs)[] = ['text', 'header', 'mapping', 'validation', 'splitSeed', 'sampleRows', 'generator'];
const same = (a: DataInputs, b: DataInputs) => KEYS.every((k) => a[k] === b[k]);

function defaultWorker(): WorkerLike {
  return new Worker(new URL('../dataWorker.ts', import.meta.url), {
    type: 'module',
  }) as unknown as WorkerLike;
}

export class DataPipeline {
  private key: DataInputs | null = null;
  private value: Prepared | null = null;
  private worker: WorkerLike | null = null;
  private pendingId = 0;
  private nextId = 1;
  private timer: ReturnType<typeof setTimeout> | null = null;

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
    this.value = {
      ok: false,
      stage: 'reading',
      errors: [`Reading ${(inputs.text.length / 1e6).toFixed(1)} MB of data in the background…`],
      table: null,
    };
    try {
      this.spawn().postMessage({ id, inputs });
      this.timer = setTimeout(
        () =>
          this.failRead(
            id,
            `the reader did not finish within ${(this.opts.timeLimitMs ?? READ_TIME_LIMIT_MS) / 1000} s`,
          ),
        this.opts.timeLimitMs ?? READ_TIME_LIMIT_MS,
      );
    } catch (e) {
      this.pendingId = 0;
      this.value = {
        ok: false,
        stage: 'table',
        errors: [
          `The table could not be read: ${e instanceof Error ? e.message : String(e)}. Press “Read again” to retry.`,
        ],
        table: null,
      };
    }
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
      if (!r || r.id !== this.pendingId) return;
      this.pendingId = 0;
      this.clearTimer();
      this.value = r.ok
        ? r.prepared
        : { ok: false, stage: 'table', errors: [`The table could not be read: ${r.error}`], table: null };
      this.opts.onReady();
    };
    w.onerror = (e) => {
      e.preventDefault?.();
      this.failRead(this.pendingId, e.message || 'the reader stopped');
    };
    w.onmessageerror = () => this.failRead(this.pendingId, 'the reader’s answer could not be received');
    this.worker = w;
    return w;
  }

  /** The read `id` failed: end its worker and say so, with the way to retry (the text is untouched). */
  private failRead(id: number, why: string): void {
    if (!id || id !== this.pendingId) return;
    this.pendingId = 0;
    this.clearTimer();
    this.worker?.terminate();
    this.worker = null;
    this.value = {
      ok: false,
      stage: 'table',
      errors: [`The table could not be read: ${why}. Press “Read again” to retry, or try a smaller table.`],
      table: null,
    };
    this.opts.onReady();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** A read still running is for older inputs: stop it (a terminated worker drops its queue too). */
  private cancel(): void {
    this.clearTimer();
    if (this.pendingId && this.worker) {
      this.worker.terminate();
      this.worker = null;
    }
    this.pendingId = 0;
  }
}
