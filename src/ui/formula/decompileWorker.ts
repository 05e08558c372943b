/**
 * The Formula panel's worker. Decompiling: the decompiler's time grows quickly with the tree (seconds for a few
 * thousand K on chains), and the typesetting of its LaTeX can take hundreds of ms, so both run here and the page
 * only inserts the markup (DecompileRequest in, DecompileReply out; decompileClient.ts). Facts: the compile
 * result's measured domain and paper K, lazy and slow (a scan of up to ~1 s), read here off the tree the page
 * compiled, which arrives encoded (FactsRequest in, FactsReply out; factsClient.ts). Each client runs its own instance of this script.
 */
import { decompile } from '../../eml/decompiler/decompile.ts';
import { decodeTree } from '../../eml/treeCodec.ts';
import { katexHtml } from '../../eml/export/katexHtml.ts';
import type { DecompileReply, DecompileRequest } from './decompileClient.ts';
import { boundedMessage, compileFacts } from './compileFacts.ts';
import type { FactsReply, FactsRequest } from './factsClient.ts';

type Reply = DecompileReply | FactsReply;
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<DecompileRequest | FactsRequest>) => void) | null;
  postMessage(m: Reply): void;
};

scope.onmessage = (e) => {
  const m = e.data;
  if (m.type === 'facts') {
    // compileFacts never throws: every failure is an answer.
    scope.postMessage({ type: 'facts', id: m.id, ...compileFacts(m.source) });
    return;
  }
  const { id, tree, prefix } = m;
  try {
    const d = decompile(decodeTree(tree));
    scope.postMessage({
      id,
      ok: true,
      text: d.text,
      latex: d.latex,
      unexplained: d.unexplained,
      html: katexHtml(`${prefix}${d.latex}`, true),
    });
  } catch (err) {
    scope.postMessage({ id, ok: false, error: boundedMessage(err) });
  }
};
