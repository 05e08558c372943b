/**
 * Main-thread side of workers/certifyWorker.ts: one shared worker. `warmCertifier()` starts it while the page is idle
 * (the cockpit calls it on mount), so its start-up and the decompiler's pattern library are paid before any
 * training competes for the cores, and not at the moment a result arrives.
 */
import type { Certificate } from '../../fit/certificate.ts';
import type { Dataset } from '../../fit/dataset.ts';
import type { Semantics } from '../../eml/evaluate/semantics.ts';
import { encodeTree, type EncodedTree } from '../../eml/treeCodec.ts';
import type { CertifyReply, CertifyRequest } from '../protocol.ts';
import { treeOf } from '../treeWire.ts';

export interface CertifiedFormula {
  certificate: Certificate;
  /** The decompiled formula typeset by KaTeX in the worker. */
  formulaHtml: string;
}

/** The certifier's worker as this client uses it (tests pass a scripted fake through `setCertifierFactory`). */
export interface CertifierLike {
  onmessage: ((e: MessageEvent<CertifyReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
  postMessage(m: CertifyRequest, transfer?: Transferable[]): void;
  terminate(): void;
}

/**
 * A certificate takes well under a second; the first one also builds the decompiler's library (a few seconds on a
 * slow machine). A request unanswered after this long means the worker is stuck or gone.
 */
export const CERTIFY_TIME_LIMIT_MS = 60_000;

let createWorker = (): CertifierLike =>
  new Worker(new URL('../certifyWorker.ts', import.meta.url), {
    type: 'module',
  }) as unknown as CertifierLike;
let worker: CertifierLike | null = null;
let nextId = 1;
const pending = new Map<
  number,
  { resolve: (c: CertifiedFormula | null) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }
>();

export function setCertifierFactory(f: () => CertifierLike): void {
  createWorker = f;
  fail('the certifier was replaced');
}

/** The worker died or stopped answering: every open request fails with `why`, and the next one starts a new worker. */
function fail(why: string): void {
  const w = worker;
  worker = null;
  w?.terminate();
  for (const [id, p] of pending) {
    clearTimeout(p.timer);
    pending.delete(id);
    p.reject(new Error(why));
  }
}

function get(): CertifierLike {
  if (worker) return worker;
  const w = createWorker();
  worker = w;
  w.onmessage = (e: MessageEvent<CertifyReply>) => {
    const r = e.data;
    const p = pending.get(r?.id);
    if (!p) return;
    pending.delete(r.id);
    clearTimeout(p.timer);
    if (!r.ok) p.reject(new Error(r.error));
    else p.resolve('warm' in r ? null : { certificate: r.certificate, formulaHtml: r.formulaHtml });
  };
  w.onerror = (e: ErrorEvent) => {
    e.preventDefault?.();
    if (worker === w) fail(`the certifier stopped (${e.message || 'worker error'})`);
  };
  w.onmessageerror = () => {
    if (worker === w) fail('the certifier sent a message that could not be read');
  };
  return w;
}

function request(req: Omit<CertifyRequest, 'id'>): Promise<CertifiedFormula | null> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(`the certifier did not answer within ${CERTIFY_TIME_LIMIT_MS / 1000} s`),
      CERTIFY_TIME_LIMIT_MS,
    );
    pending.set(id, { resolve, reject, timer });
    try {
      // The tree's encoding is made for this request, so its buffer moves; the data stays the caller's (cloned).
      get().postMessage(
        { ...req, id } as CertifyRequest,
        'tree' in req ? [(req.tree as EncodedTree).nodes.buffer as ArrayBuffer] : [],
      );
    } catch (e) {
      fail(`the certifier could not be started (${e instanceof Error ? e.message : String(e)})`);
    }
  });
}

/** Diagnostics (and the e2e test): end the certifier as if it had crashed. */
export function killCertifier(): boolean {
  if (!worker) return false;
  fail('the certifier was terminated');
  return true;
}

export function warmCertifier(): Promise<unknown> {
  return request({ warmUp: true });
}

/** Certifies the tree of `tree` (EML text): the node the page already holds (treeWire.ts), sent encoded. */
export async function certifyAsync(
  tree: string,
  train: Dataset,
  fresh: Dataset[],
  semantics: Semantics,
  constants?: Record<string, number>,
): Promise<CertifiedFormula> {
  const encoded = encodeTree(treeOf(tree));
  const r = await request({ tree: encoded, train, fresh, semantics, ...(constants ? { constants } : {}) });
  if (!r) throw new Error('the certifier answered without a certificate');
  return r;
}
