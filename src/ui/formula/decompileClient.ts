/**
 * Main-thread side of decompileWorker.ts, and the hook the Formula panel uses. One worker; a newer tree replaces
 * the request in flight (the decompiler cannot be interrupted, so the worker is terminated and restarted), and a
 * request unanswered within the time limit ends with a message instead of a spinner forever.
 */
import { useEffect, useState } from 'react';
import type { EmlNode } from '../../eml/ast.ts';
import { decompile } from '../../eml/decompiler/decompile.ts';
import { encodeTree, type EncodedTree } from '../../eml/treeCodec.ts';

export interface DecompileRequest {
  /** The worker also answers factsClient.ts's requests (each client has its own instance of it). */
  type: 'decompile';
  id: number;
  /** The tree, encoded (trees are hash-consed per thread; treeCodec.ts is the form they travel in). */
  tree: EncodedTree;
  /** TeX put before the formula in the typeset markup ("f(x) = "). */
  prefix: string;
}

export type DecompileReply =
  | { id: number; ok: true; text: string; latex: string; unexplained: number; html: string | null }
  | { id: number; ok: false; error: string };

export type Decompiled =
  | { status: 'pending' }
  | { status: 'ok'; text: string; latex: string; unexplained: number; html: string | null }
  | { status: 'refused'; reason: string };

/** Largest K sent to the decompiler: its text alone is ~8 characters per K, and the reading is unreadable beyond. */
const DECOMPILE_MAX_K = 20_000;
/** Without workers (tests, old browsers) the decompiler runs in place, only for trees this small. */
const INLINE_MAX_K = 2_000;
const DECOMPILE_TIME_LIMIT_MS = 10_000;

interface WorkerLike {
  onmessage: ((e: MessageEvent<DecompileReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  postMessage(m: DecompileRequest, transfer?: Transferable[]): void;
  terminate(): void;
}

let worker: WorkerLike | null = null;
let nextId = 1;
let inFlight: { id: number; done: (r: Decompiled) => void; timer: ReturnType<typeof setTimeout> } | null = null;

const spawn = (): WorkerLike =>
  new Worker(new URL('./decompileWorker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;

function settle(id: number, result: Decompiled): void {
  if (!inFlight || inFlight.id !== id) return;
  clearTimeout(inFlight.timer);
  const { done } = inFlight;
  inFlight = null;
  done(result);
}

function restart(): void {
  worker?.terminate();
  worker = null;
}

function request(tree: EncodedTree, prefix: string, done: (r: Decompiled) => void): () => void {
  if (!worker) {
    worker = spawn();
    worker.onmessage = (e) => {
      const r = e.data;
      settle(
        r.id,
        r.ok
          ? { status: 'ok', text: r.text, latex: r.latex, unexplained: r.unexplained, html: r.html }
          : { status: 'refused', reason: `the decompiler failed: ${r.error}` },
      );
    };
    worker.onerror = (e) => {
      e.preventDefault?.();
      const id = inFlight?.id;
      restart();
      if (id !== undefined) settle(id, { status: 'refused', reason: 'the decompiler stopped unexpectedly' });
    };
  }
  const id = nextId++;
  const timer = setTimeout(() => {
    restart();
    settle(id, {
      status: 'refused',
      reason: `decompiling took over ${DECOMPILE_TIME_LIMIT_MS / 1000} s and was stopped`,
    });
  }, DECOMPILE_TIME_LIMIT_MS);
  inFlight = { id, done, timer };
  worker.postMessage({ type: 'decompile', id, tree, prefix }, [tree.nodes.buffer as ArrayBuffer]);
  return () => {
    // The view no longer wants this answer (a newer tree, an unmount). The decompiler cannot be interrupted, so a
    // request still running goes with its worker rather than delay the next one.
    if (inFlight?.id === id) {
      clearTimeout(inFlight.timer);
      inFlight = null;
      restart();
    }
  };
}

function inline(tree: EmlNode): Decompiled {
  if (tree.k > INLINE_MAX_K)
    return {
      status: 'refused',
      reason: `K = ${tree.k}: decompiled only in a worker, which this browser does not offer`,
    };
  try {
    const d = decompile(tree);
    return { status: 'ok', text: d.text, latex: d.latex, unexplained: d.unexplained, html: null };
  } catch (e) {
    return {
      status: 'refused',
      reason: `the decompiler failed: ${e instanceof Error ? e.message.slice(0, 300) : String(e)}`,
    };
  }
}

/** The decompiled reading of `tree`, computed off the main thread; `prefix` is typeset before it. */
export function useDecompiled(tree: EmlNode | null, prefix: string): Decompiled {
  const [state, setState] = useState<{ tree: EmlNode | null; prefix: string; result: Decompiled }>({
    tree: null,
    prefix,
    result: { status: 'pending' },
  });
  const tooLarge = tree !== null && tree.k > DECOMPILE_MAX_K;
  const useWorker = typeof Worker !== 'undefined';
  useEffect(() => {
    if (!tree || tooLarge) return;
    if (!useWorker) {
      setState({ tree, prefix, result: inline(tree) });
      return;
    }
    return request(encodeTree(tree), prefix, (result) => setState({ tree, prefix, result }));
  }, [tree, prefix, tooLarge, useWorker]);
  if (!tree) return { status: 'pending' };
  if (tooLarge)
    return {
      status: 'refused',
      reason: `K = ${tree.k} is over the ${DECOMPILE_MAX_K} the decompiler is given on this page`,
    };
  return state.tree === tree && state.prefix === prefix ? state.result : { status: 'pending' };
}
