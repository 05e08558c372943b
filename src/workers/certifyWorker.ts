/**
 * Computes certificates off the main thread, and typesets their formula with KaTeX here too: the decompiler's
 * pattern library takes a few hundred milliseconds to build on first use and KaTeX about 10 ms a formula, both of
 * which would otherwise land on the page as long tasks when a result arrives. A warm-up request (no tree) builds
 * the library while the page is idle, before any training starts.
 */
import { certify } from '../fit/certificate.ts';
import { decompile } from '../eml/decompiler/decompile.ts';
import { ONE } from '../eml/ast.ts';
import { decodeTree } from '../eml/treeCodec.ts';
import { katexHtml } from '../eml/export/katexHtml.ts';
import type { CertifyReply, CertifyRequest } from './protocol.ts';

const scope = self as unknown as {
  postMessage(m: CertifyReply): void;
  onmessage: ((e: MessageEvent<CertifyRequest>) => void) | null;
};

scope.onmessage = (e) => {
  const req = e.data;
  try {
    if ('warmUp' in req) {
      decompile(ONE);
      katexHtml('\\ln x', false);
      return scope.postMessage({ id: req.id, ok: true, warm: true });
    }
    const certificate = certify(decodeTree(req.tree), req.train, req.fresh, req.semantics, req.constants);
    scope.postMessage({ id: req.id, ok: true, certificate, formulaHtml: katexHtml(certificate.formula.latex, false) });
  } catch (err) {
    scope.postMessage({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
