/**
 * Main-thread side of certifyWorker.ts: one shared worker, started at the first result (not earlier, so it does
 * not compete for a core with the training workers while they run).
 */
import type { Certificate } from '../../fit/certificate.ts';
import type { Dataset } from '../../fit/dataset.ts';

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (c: Certificate) => void; reject: (e: Error) => void }>();

function get(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./certifyWorker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<{ id: number; ok: boolean; certificate?: Certificate; error?: string }>) => {
    const p = pending.get(e.data.id);
    pending.delete(e.data.id);
    if (!p) return;
    if (e.data.ok && e.data.certificate) p.resolve(e.data.certificate);
    else p.reject(new Error(e.data.error ?? 'certificate failed'));
  };
  return worker;
}

export function certifyAsync(tree: string, train: Dataset, fresh: Dataset[]): Promise<Certificate> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    get().postMessage({ id, tree, train, fresh });
  });
}
