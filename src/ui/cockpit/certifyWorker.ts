/**
 * Computes certificates off the main thread, and typesets their formula with KaTeX here too: the decompiler's
 * pattern library takes a few hundred milliseconds to build on first use and KaTeX about 10 ms a formula, both of
 * which would otherwise land on the page as long tasks when a result arrives. A warm-up request (no tree) builds
 * the library while the page is idle, before any training starts.
 */
import { certify, type Certificate } from '../../fit/certificate.ts';
import type { Dataset } from '../../fit/dataset.ts';
import { decompile } from '../../eml/decompiler/decompile.ts';
import { ONE } from '../../eml/ast.ts';
import { parseEml } from '../../eml/syntax/index.ts';
import { katexHtml } from '../katexHtml.ts';
import type { Semantics } from '../../eml/evaluate/semantics.ts';

export type CertifyRequest = { id: number; tree: string; train: Dataset; fresh: Dataset[]; semantics?: Semantics } | { id: number; warmUp: true };
export type CertifyReply = { id: number; ok: true; certificate: Certificate; formulaHtml: string } | { id: number; ok: false; error: string } | { id: number; ok: true; warm: true };

const scope = self as unknown as { postMessage(m: CertifyReply): void; onmessage: ((e: MessageEvent<CertifyRequest>) => void) | null };

scope.onmessage = (e) => {
  const req = e.data;
  try {
    if ('warmUp' in req) {
      decompile(ONE);
      katexHtml('\\ln x', false);
      return scope.postMessage({ id: req.id, ok: true, warm: true });
    }
    const certificate = certify(parseEml(req.tree).tree, req.train, req.fresh, req.semantics);
    scope.postMessage({ id: req.id, ok: true, certificate, formulaHtml: katexHtml(certificate.formula.latex, false) });
  } catch (err) {
    scope.postMessage({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
