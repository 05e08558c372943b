/**
 * Main-thread side of workers/certifyWorker.ts: one shared worker. `warmCertifier()` starts it while the page is idle
 * (the cockpit calls it on mount), so its start-up and the decompiler's pattern library are paid before any
 * training competes for the cores, and not at the moment a result arrives.
 */
import type { Certificate } from '../../fit/certificate.ts';
import type { Dataset } from '../../fit/dataset.ts';
import type { Semantics } from '../../eml/evaluate/semantics.ts';
import type { CertifyReply, CertifyRequest } from '../../workers/protocol.ts';

export interface CertifiedFormula {
  certificate: Certificate;
  /** The decompiled formula typeset by KaTeX in the worker. */
  formulaHtml: string;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (c: CertifiedFormula | null) => void; reject: (e: Error) => void }>();

function get(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('../../workers/certifyWorker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<CertifyReply>) => {
    const r = e.data;
    const p = pending.get(r.id);
    pending.delete(r.id);
    if (!p) return;
    if (!r.ok) p.reject(new Error(r.error));
    else p.resolve('warm' in r ? null : { certificate: r.certificate, formulaHtml: r.formulaHtml });
  };
  return worker;
}

function request(req: Omit<CertifyRequest, 'id'>): Promise<CertifiedFormula | null> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    get().postMessage({ ...req, id } as CertifyRequest);
  });
}

export function warmCertifier(): Promise<unknown> {
  return request({ warmUp: true });
}

export async function certifyAsync(tree: string, train: Dataset, fresh: Dataset[], semantics: Semantics): Promise<CertifiedFormula> {
  const r = await request({ tree, train, fresh, semantics });
  if (!r) throw new Error('the certifier answered without a certificate');
  return r;
}
