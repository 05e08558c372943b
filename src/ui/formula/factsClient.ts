/**
 * The compile result's slow facts (its measured domain, a dense scan of up to ~1 s, and the paper K, up to
 * ~250 ms) for the Formula panel, off the main thread. Both are lazy getters on the CompileResult; reading them
 * during render froze the page. The request carries the tree the page already compiled, encoded (treeCodec.ts),
 * with the math it was compiled from (compileFacts.ts FactsSource): decompileWorker.ts reads the facts off that
 * tree and compiles the text no second time. Same pattern as decompileClient.ts:
 * typed messages, a newer request replaces the one in flight (its worker is terminated, the scan cannot be
 * interrupted), a time limit, and a failure is an answer the panel shows.
 */
import { useEffect, useState } from 'react';
import type { InputOptions } from '../../eml/input.ts';
import { readCached, readKey } from '../../store/derive.ts';
import { usePlayground } from '../../store/store.ts';
import { factsSource, type FactsSource } from './compileFacts.ts';

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
      domain: { text: string } | { text: null; reason: string };
      paperK: number | null;
      modeK?: { robust: number | null; shortest: number | null };
      knownDefects: string[];
    }
  | { type: 'facts'; id: number; ok: false; error: string };

export type CompileFacts =
  | { status: 'pending' }
  | {
      status: 'ok';
      domain: { text: string } | { text: null; reason: string };
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

let shared: FactsClient | null = null;
const sharedClient = (): FactsClient =>
  (shared ??= createFactsClient(
    () =>
      new Worker(new URL('./decompileWorker.ts', import.meta.url), { type: 'module' }) as unknown as FactsWorkerLike,
  ));

/**
 * The measured domain and paper K of `text` read with `options` (the document's), from a worker; null input asks
 * for nothing. The tree is the store's derived reading of that text (read once per apply, store/derive.ts), sent
 * encoded. Without workers nothing is measured: the scan is too slow for a render.
 */
export function useCompileFacts(text: string | null, options: InputOptions): CompileFacts {
  const key = text === null ? null : readKey(text, options);
  const derived = usePlayground((s) => s.derived);
  const [state, setState] = useState<{ key: string | null; result: CompileFacts }>({
    key: null,
    result: { status: 'pending' },
  });
  const useWorker = typeof Worker !== 'undefined';
  const { kind, compileMode, clean } = options;
  useEffect(() => {
    if (text === null || key === null || !useWorker) return;
    // The document's own text is the derived one; any other text is read through the same cache (once).
    const reading = derived.key === key ? derived.reading : readCached(text, { kind, compileMode, clean });
    if (!reading.ok) {
      setState({ key, result: { status: 'failed', reason: `measuring failed: ${reading.error.message}` } });
      return;
    }
    return sharedClient().request(factsSource(reading), (result) => setState({ key, result }));
  }, [key, text, kind, compileMode, clean, useWorker, derived]);
  if (key === null) return { status: 'pending' };
  if (!useWorker) return { status: 'failed', reason: 'measured only in a worker, which this browser does not offer' };
  return state.key === key ? state.result : { status: 'pending' };
}
