/**
 * The page's side of the shortest-form search worker: starts, cancels and pages one run at a time, and asks for
 * a function's ladder. The worker is started while the page is idle (starting one costs the page a 50–150 ms task,
 * which must not land inside a search) and kept: its table is what the page browses after a search.
 */
import type { RowFilter, FunctionRow } from '../eml/enumerate/rows.ts';
import type { EnumCommand, EnumEvent, EnumStartSpec, LadderRung } from './enumerateProtocol.ts';
import { isEnumEvent } from './enumerateProtocol.ts';
import type { Leaves } from '../eml/enumerate/probes.ts';

export interface WorkerLike {
  postMessage(m: EnumCommand): void;
  terminate(): void;
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

const create = (): WorkerLike | null =>
  typeof Worker === 'undefined'
    ? null
    : (new Worker(new URL('./enumerateWorker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike);

const NO_WORKERS = 'the shortest-form search runs in a Web Worker, and this environment has none';

export type LadderAnswer =
  { ok: true; rungs: LadderRung[]; leaves: Leaves; target: string } | { ok: false; message: string };

export class EnumerateClient {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private current = -1;
  private listener: ((e: EnumEvent) => void) | null = null;
  private pending = new Map<number, (e: EnumEvent) => void>();

  constructor(private readonly factory: () => WorkerLike | null = create) {}

  /** Starts the worker now (call when the page is idle). */
  warm(): boolean {
    if (this.worker) return true;
    const w = this.factory();
    if (!w) return false;
    w.onmessage = (e) => this.receive(e.data);
    w.onerror = (e) => {
      e.preventDefault?.();
      this.listener?.({ type: 'enum-error', id: this.current, message: e.message || 'the search worker failed' });
      this.worker = null;
    };
    this.worker = w;
    return true;
  }

  private receive(data: unknown): void {
    if (!isEnumEvent(data)) return;
    if (data.type === 'enum-rows' || data.type === 'enum-ladder') {
      const done = this.pending.get(data.request);
      this.pending.delete(data.request);
      done?.(data);
      return;
    }
    if (data.id === this.current) this.listener?.(data);
  }

  /** Starts a run (ending the previous one); events of this run go to `onEvent`. Returns the run's id. */
  start(spec: EnumStartSpec, onEvent: (e: EnumEvent) => void): number {
    const id = this.nextId++;
    this.current = id;
    this.listener = onEvent;
    if (!this.warm()) {
      onEvent({ type: 'enum-error', id, message: NO_WORKERS });
      return id;
    }
    this.worker!.postMessage({ type: 'enum-start', id, spec });
    return id;
  }

  cancel(): void {
    if (this.worker && this.current >= 0) this.worker.postMessage({ type: 'enum-cancel', id: this.current });
  }

  rows(filter: RowFilter, offset: number, limit: number): Promise<{ total: number; rows: FunctionRow[] }> {
    if (!this.warm()) return Promise.resolve({ total: 0, rows: [] });
    const request = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(request, (e) => {
        if (e.type === 'enum-rows') resolve({ total: e.total, rows: e.rows });
      });
      this.worker!.postMessage({ type: 'enum-rows', id: this.current, request, filter, offset, limit });
    });
  }

  ladder(text: string, kind: 'eml' | 'math'): Promise<LadderAnswer> {
    if (!this.warm()) return Promise.resolve({ ok: false, message: NO_WORKERS });
    const request = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(request, (e) => {
        if (e.type !== 'enum-ladder') return;
        resolve(
          e.ok ? { ok: true, rungs: e.rungs, leaves: e.leaves, target: e.target } : { ok: false, message: e.message },
        );
      });
      this.worker!.postMessage({ type: 'enum-ladder', request, text, kind });
    });
  }
}

/** The page's one search client. */
export const enumerateClient = new EnumerateClient();
