/**
 * The page's side of the shortest-form search worker: starts, cancels and pages one run at a time, and asks for
 * a function's ladder. The worker is started while the page is idle (starting one costs the page a 50–150 ms task,
 * which must not land inside a search) and kept: its table is what the page browses after a search.
 */
import type { RowFilter, FunctionRow } from '../eml/enumerate/rows.ts';
import type { EnumCommand, EnumEvent, EnumMessage, EnumStartSpec, LadderRung } from './enumerateProtocol.ts';
import { isEnumMessage } from './enumerateProtocol.ts';
import { printFunctional } from '../eml/syntax/print.ts';
import { decodeTree, type EncodedTree } from '../eml/treeCodec.ts';
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

/** A tree as the page shows it: decoded once on arrival (a damaged one throws, and the message is an error). */
const text = (t: EncodedTree): string => printFunctional(decodeTree(t));

/** The worker's message in the page's terms: trees decoded and printed as functional EML text. */
export function pageEvent(m: EnumMessage): EnumEvent {
  if (m.type === 'enum-done') return { ...m, found: m.found && { ...m.found, tree: text(m.found.tree) } };
  if (m.type === 'enum-rows') return { ...m, rows: m.rows.map((r) => ({ ...r, tree: text(r.tree) })) };
  if (m.type === 'enum-ladder' && m.ok)
    return {
      ...m,
      rungs: m.rungs.map(({ tree, ...r }): LadderRung => (tree === undefined ? r : { ...r, tree: text(tree) })),
    };
  return m;
}

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

  private receive(message: unknown): void {
    if (!isEnumMessage(message)) return;
    let data: EnumEvent;
    try {
      data = pageEvent(message);
    } catch (e) {
      // A damaged tree: the request or the run it belongs to ends with the reason, never with a wrong tree.
      const why = `unreadable message from the search worker: ${e instanceof Error ? e.message : String(e)}`;
      if (message.type === 'enum-ladder')
        data = { type: 'enum-ladder', request: message.request, ok: false, message: why };
      else if (message.type === 'enum-rows') data = { ...message, total: 0, rows: [] };
      else data = { type: 'enum-error', id: message.id, message: why };
    }
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
