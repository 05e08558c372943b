/**
 * Computes certificates off the main thread: the decompiler's pattern library takes a few hundred milliseconds to
 * build on first use, which would be a long task on the page. The worker builds it at start-up (warm-up request).
 */
import { certify } from '../../fit/certificate.ts';
import type { Dataset } from '../../fit/dataset.ts';
import { parseEml } from '../../eml/syntax/index.ts';

export type CertifyRequest = { id: number; tree: string; train: Dataset; fresh: Dataset[] };

const scope = self as unknown as { postMessage(m: unknown): void; onmessage: ((e: MessageEvent) => void) | null };

scope.onmessage = (e: MessageEvent<CertifyRequest>) => {
  const { id, tree, train, fresh } = e.data;
  try {
    scope.postMessage({ id, ok: true, certificate: certify(parseEml(tree).tree, train, fresh) });
  } catch (err) {
    scope.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
