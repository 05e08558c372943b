/**
 * Main-thread side of readWorker.ts. One request at a time: a newer draft replaces the one being read (the parser
 * cannot be interrupted, so the worker is terminated and a fresh one started), a reply for anything but the latest
 * request is ignored, and a worker that dies or does not answer in time ends the reading with a message (the box
 * offers to retry) instead of "Reading…" forever. The tree is rebuilt from its encoding in time slices, one task
 * each (DECODE_STEP, SLICE_MS), since building 200 000 hash-consed nodes at once is a long task of its own.
 */
import type { InputOptions, InputReading } from '../../eml/input.ts';
import type { Metrics } from '../../eml/metrics.ts';
import { treeDecoder } from '../../eml/treeCodec.ts';
import { compiledFrom, errorFromFields, type ReadMetrics, type ReadReply, type ReadRequest } from './readProtocol.ts';

export type OffThreadReading =
  /** `sizes`: the tree's metrics, measured in the worker (null for an error). */
  | {
      status: 'done';
      reading: InputReading;
      sizes: Metrics | null;
      metrics: ReadMetrics & { decodeMs: number; decodeTasks: number };
    }
  | { status: 'failed'; reason: string };

export interface WorkerLike {
  onmessage: ((e: MessageEvent<ReadReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  postMessage(m: ReadRequest): void;
  terminate(): void;
}

export interface ReaderOptions {
  spawn: () => WorkerLike;
  /** Runs `fn` in a later task (setTimeout 0 on the page; synchronous or scripted in tests). */
  later: (fn: () => void) => void;
  clock: () => number;
  timeLimitMs: number;
  /** Nodes per decoding step; steps go on within one task until `sliceMs` has passed. */
  decodeSlice: number;
  sliceMs: number;
  /** Reports a span of the page's own work (performance.measure on the page), for the e2e's timelines. */
  measured?: (name: string, start: number, end: number) => void;
}

/**
 * The tree is rebuilt in steps of DECODE_STEP nodes (about 1–15 ms here), as many per task as fit in SLICE_MS, so
 * the page answers input between tasks (fixed slices of 10 000 nodes took 10–157 ms on this shared machine).
 */
const DECODE_STEP = 1_000;
const SLICE_MS = 30;
/** A reading that has not answered by then is stopped: the parsers' own budgets end far sooner. */
const READ_TIME_LIMIT_MS = 60_000;

export interface Reader {
  /** Reads `text`; `done` is called once, unless the returned cancel (or a newer read) comes first. */
  read(text: string, options: InputOptions, done: (r: OffThreadReading) => void): () => void;
}

export function createReader(o: ReaderOptions): Reader {
  let worker: WorkerLike | null = null;
  let nextId = 1;
  /** The latest request; anything else that answers is stale. */
  let current: {
    id: number;
    text: string;
    done: (r: OffThreadReading) => void;
    timer: ReturnType<typeof setTimeout>;
  } | null = null;

  const stop = () => {
    worker?.terminate();
    worker = null;
  };
  const finish = (id: number, r: OffThreadReading) => {
    if (current?.id !== id) return;
    clearTimeout(current.timer);
    const { done } = current;
    current = null;
    done(r);
  };

  const receive = (reply: ReadReply) => {
    const req = current;
    if (!req || reply.id !== req.id) return; // a stale reply: a newer draft is being read
    clearTimeout(req.timer);
    if (!reply.ok) {
      finish(req.id, {
        status: 'done',
        reading: { ok: false, kind: reply.kind, error: errorFromFields(reply.error, req.text) },
        sizes: null,
        metrics: { ...reply.metrics, decodeMs: 0, decodeTasks: 0 },
      });
      return;
    }
    let decoder: ReturnType<typeof treeDecoder>;
    try {
      decoder = treeDecoder(reply.tree);
    } catch (e) {
      finish(req.id, {
        status: 'failed',
        reason: `the reading came back damaged (${e instanceof Error ? e.message : String(e)})`,
      });
      return;
    }
    let decodeMs = 0;
    let decodeTasks = 0;
    const slice = () => {
      if (current?.id !== req.id) return; // cancelled while rebuilding
      const t0 = o.clock();
      let root: ReturnType<typeof decoder.step>;
      try {
        // Sub-steps until the slice's time is used: a node's cost varies with the machine's load and the collector.
        do root = decoder.step(o.decodeSlice);
        while (root === null && o.clock() - t0 < o.sliceMs);
      } catch (e) {
        finish(req.id, {
          status: 'failed',
          reason: `the reading came back damaged (${e instanceof Error ? e.message : String(e)})`,
        });
        return;
      }
      const t1 = o.clock();
      decodeMs += t1 - t0;
      o.measured?.('eml-playground:rebuild-slice', t0, t1);
      decodeTasks++;
      if (root === null) {
        o.later(slice);
        return;
      }
      const reading: InputReading =
        reply.kind === 'eml'
          ? { ok: true, kind: 'eml', tree: root, syntax: reply.syntax }
          : { ok: true, kind: 'math', tree: root, compiled: compiledFrom(reply.compiled, root, req.text) };
      finish(req.id, {
        status: 'done',
        reading,
        sizes: reply.sizes,
        metrics: { ...reply.metrics, decodeMs, decodeTasks },
      });
    };
    o.later(slice);
  };

  const ensureWorker = (): WorkerLike => {
    if (worker) return worker;
    const w = o.spawn();
    w.onmessage = (e) => receive(e.data);
    w.onerror = (e) => {
      e.preventDefault?.();
      if (w !== worker) return;
      stop();
      // A script that failed to load gives an event without a message.
      const why = e.message ? ` (${e.message.slice(0, 200)})` : '';
      if (current) finish(current.id, { status: 'failed', reason: `the reading worker stopped unexpectedly${why}` });
    };
    worker = w;
    return w;
  };

  return {
    read(text, options, done) {
      // The parser cannot be interrupted: a reading still in flight goes with its worker.
      if (current) {
        clearTimeout(current.timer);
        current = null;
        stop();
      }
      const id = nextId++;
      const timer = setTimeout(() => {
        stop();
        finish(id, { status: 'failed', reason: `reading took over ${o.timeLimitMs / 1000} s and was stopped` });
      }, o.timeLimitMs);
      current = { id, text, done, timer };
      try {
        ensureWorker().postMessage({ id, text, options });
      } catch (e) {
        stop();
        finish(id, {
          status: 'failed',
          reason: `the reading worker could not start (${e instanceof Error ? e.message : String(e)})`,
        });
      }
      return () => {
        if (current?.id !== id) return;
        clearTimeout(current.timer);
        current = null;
        stop();
      };
    },
  };
}

let pageReader: Reader | null = null;

/** The page's reader (one worker for the Expression box), or null where this browser has no workers. */
export function pageReaderOrNull(): Reader | null {
  if (typeof Worker === 'undefined') return null;
  return (pageReader ??= createReader({
    spawn: () => new Worker(new URL('./readWorker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike,
    later: (fn) => setTimeout(fn, 0),
    clock: () => performance.now(),
    timeLimitMs: READ_TIME_LIMIT_MS,
    decodeSlice: DECODE_STEP,
    sliceMs: SLICE_MS,
    measured: (name, start, end) => performance.measure(name, { start, end }),
  }));
}
