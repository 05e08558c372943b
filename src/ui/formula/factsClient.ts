/**
 * The compile result's slow facts (its measured domain, a dense scan of up to ~1 s, and the paper K, up to
 * ~250 ms) for the Formula panel, off the main thread. Both are lazy getters on the CompileResult; reading them
 * during render froze the page. The request carries the tree the page already compiled, encoded (treeCodec.ts),
 * with the math it was compiled from (compileFacts.ts FactsSource): decompileWorker.ts reads the facts off that
 * tree and compiles the text no second time. Same pattern as decompileClient.ts:
 * typed messages, a newer request replaces the one in flight (its worker is terminated, the scan cannot be
 * interrupted), a time limit, and a failure is an answer the panel shows.
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { InputOptions } from '../../eml/input.ts';
import { readCached, readKey } from '../../store/derive.ts';
import { usePlayground } from '../../store/store.ts';
import { factsSource, type FactsDomain, type FactsSource } from './compileFacts.ts';

export interface FactsRequest {
  type: 'facts';
  id: number;
  source: FactsSource;
}

export type FactsReply =
  | {
      type: 'facts';
      id: number;
      ok: true;
      domain: FactsDomain;
      paperK: number | null;
      modeK?: { robust: number | null; shortest: number | null };
      knownDefects: string[];
    }
  | { type: 'facts'; id: number; ok: false; error: string };

export type CompileFacts =
  | { status: 'pending' }
  | {
      status: 'ok';
      domain: FactsDomain;
      paperK: number | null;
      /** K compiled robustly and in the shortest form (compileFacts.ts), when the worker measured them. */
      modeK?: { robust: number | null; shortest: number | null };
      /** "what it computes: why" per inherited defect (compiler/defects.ts). */
      knownDefects: string[];
    }
  | { status: 'failed'; reason: string };

/** The domain scan is budgeted at ~1 s and paper lowering at ~250 ms; recompiling adds a little. Ten times that. */
const FACTS_TIME_LIMIT_MS = 15_000;

export interface FactsWorkerLike {
  onmessage: ((e: MessageEvent<FactsReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  postMessage(m: FactsRequest, transfer?: Transferable[]): void;
  terminate(): void;
}

export interface FactsClient {
  /** Asks for the facts of `source`; `done` is called once, unless the returned cancel runs first. */
  request(source: FactsSource, done: (r: CompileFacts) => void): () => void;
}

/** A client over workers made by `spawn` (a fake one in tests); one worker at a time, restarted after a fault. */
export function createFactsClient(spawn: () => FactsWorkerLike, timeLimitMs = FACTS_TIME_LIMIT_MS): FactsClient {
  let worker: FactsWorkerLike | null = null;
  let nextId = 1;
  let inFlight: { id: number; done: (r: CompileFacts) => void; timer: ReturnType<typeof setTimeout> } | null = null;

  const settle = (id: number, result: CompileFacts): void => {
    if (!inFlight || inFlight.id !== id) return;
    clearTimeout(inFlight.timer);
    const { done } = inFlight;
    inFlight = null;
    done(result);
  };
  const restart = (): void => {
    worker?.terminate();
    worker = null;
  };
  const ensureWorker = (): FactsWorkerLike => {
    if (worker) return worker;
    const w = spawn();
    w.onmessage = (e) => {
      const r = e.data;
      if (r.type !== 'facts') return;
      settle(
        r.id,
        r.ok
          ? { status: 'ok', domain: r.domain, paperK: r.paperK, modeK: r.modeK, knownDefects: r.knownDefects }
          : { status: 'failed', reason: `measuring failed: ${r.error}` },
      );
    };
    w.onerror = (e) => {
      e.preventDefault?.();
      const id = inFlight?.id;
      restart();
      if (id !== undefined) settle(id, { status: 'failed', reason: 'the measuring worker stopped unexpectedly' });
    };
    worker = w;
    return w;
  };

  return {
    request(source, done) {
      // A request still running belongs to an older text: its answer is no longer wanted, so its worker goes.
      if (inFlight) {
        clearTimeout(inFlight.timer);
        inFlight = null;
        restart();
      }
      const w = ensureWorker();
      const id = nextId++;
      const timer = setTimeout(() => {
        restart();
        settle(id, { status: 'failed', reason: `measuring took over ${timeLimitMs / 1000} s and was stopped` });
      }, timeLimitMs);
      inFlight = { id, done, timer };
      // The encoding is made for this request (factsSource), so its buffer moves instead of being copied.
      w.postMessage({ type: 'facts', id, source }, [source.tree.nodes.buffer as ArrayBuffer]);
      return () => {
        if (inFlight?.id === id) {
          clearTimeout(inFlight.timer);
          inFlight = null;
          restart();
        }
      };
    },
  };
}

/**
 * The one home of the facts (issue 12): the Formula panel and the Plot both read the facts of the document's
 * reading, and the client serves one request at a time (a newer one ends the older), so each view asking for
 * itself would cancel the other's. The hub asks once per key (store/derive.ts readKey: text and options) and every
 * view of that key reads the same answer; a new key ends the old request. An answer is kept when its views unmount
 * (React's StrictMode unmounts and remounts each effect once: that must not ask twice).
 */
export interface FactsHub {
  /** Subscribes `listener` to the facts of `key`, asking `client` for them with `source()` unless already asked. */
  watch(key: string, source: () => FactsSource | CompileFacts, listener: () => void): () => void;
  /** The facts of `key` so far: pending until asked and answered. The same object until it changes. */
  read(key: string): CompileFacts;
}

const PENDING: CompileFacts = { status: 'pending' };

/** Runs `run` later, in a task of its own (never before it returns); returns what stops it from running. */
export type Defer = (run: () => void) => () => void;

/**
 * Encoding the tree for a request takes ~45 ms at K 200 001 (treeCodec.ts). Asked from the views' effects it ran in
 * the same task as React's commit of the new tree's views (a ~110 ms tree layout), and the two together passed the
 * 200 ms budget of issue 18; in a task of its own each stays well under it.
 */
const nextTask: Defer = (run) => {
  const timer = setTimeout(run, 0);
  return () => clearTimeout(timer);
};

export function createFactsHub(client: () => FactsClient, defer: Defer = nextTask): FactsHub {
  let current: { key: string; result: CompileFacts; cancel: (() => void) | null; listeners: Set<() => void> } | null =
    null;
  const settle = (key: string, result: CompileFacts): void => {
    if (current?.key !== key) return;
    current.result = result;
    current.cancel = null;
    for (const l of [...current.listeners]) l();
  };
  return {
    watch(key, source, listener) {
      if (current?.key !== key) {
        current?.cancel?.();
        const listeners = current?.listeners ?? new Set<() => void>();
        const asked = { key, result: PENDING, cancel: null as (() => void) | null, listeners };
        current = asked;
        asked.cancel = defer(() => {
          asked.cancel = null;
          const s = source();
          if ('status' in s) settle(key, s);
          else asked.cancel = client().request(s, (r) => settle(key, r));
        });
        // Views of the old key re-read: they now see pending until their own key is asked for.
        for (const l of [...listeners]) l();
      }
      const mine = current;
      mine.listeners.add(listener);
      return () => {
        mine.listeners.delete(listener);
      };
    },
    read: (key) => (current?.key === key ? current.result : PENDING),
  };
}

let shared: FactsClient | null = null;
const sharedClient = (): FactsClient =>
  (shared ??= createFactsClient(
    () =>
      new Worker(new URL('./decompileWorker.ts', import.meta.url), { type: 'module' }) as unknown as FactsWorkerLike,
  ));

const hub = createFactsHub(sharedClient);

/**
 * The measured domain and paper K of `text` read with `options` (the document's), from a worker; null input asks
 * for nothing. The tree is the store's derived reading of that text (read once per apply, store/derive.ts), sent
 * encoded. Every view asking for the same key shares one request (the hub above). Without workers nothing is
 * measured: the scan is too slow for a render.
 */
export function useCompileFacts(text: string | null, options: InputOptions): CompileFacts {
  const key = text === null ? null : readKey(text, options);
  const useWorker = typeof Worker !== 'undefined';
  const { kind, compileMode, clean } = options;
  const subscribe = useCallback(
    (listener: () => void) => {
      if (text === null || key === null || !useWorker) return () => {};
      return hub.watch(
        key,
        () => {
          // The document's own text is the derived one; any other text is read through the same cache (once).
          const derived = usePlayground.getState().derived;
          const reading = derived.key === key ? derived.reading : readCached(text, { kind, compileMode, clean });
          return reading.ok
            ? factsSource(reading)
            : { status: 'failed', reason: `measuring failed: ${reading.error.message}` };
        },
        listener,
      );
    },
    [key, text, kind, compileMode, clean, useWorker],
  );
  const result = useSyncExternalStore(subscribe, () => (key === null ? PENDING : hub.read(key)));
  if (key === null) return PENDING;
  if (!useWorker) return { status: 'failed', reason: 'measured only in a worker, which this browser does not offer' };
  return result;
}
