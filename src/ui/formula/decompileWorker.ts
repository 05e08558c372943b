/**
 * The Formula panel's decompiler, off the main thread: the decompiler's time grows quickly with the tree (seconds
 * for a few thousand K on chains), and the typesetting of its LaTeX can take hundreds of ms, so both run here and
 * the page only inserts the markup. Messages: DecompileRequest in, DecompileReply out (decompileClient.ts).
 */
import { decompile } from '../../eml/decompiler/decompile.ts';
import { parseEml } from '../../eml/syntax/index.ts';
import { katexHtml } from '../katexHtml.ts';
import type { DecompileReply, DecompileRequest } from './decompileClient.ts';

const scope = self as unknown as { onmessage: ((e: MessageEvent<DecompileRequest>) => void) | null; postMessage(m: DecompileReply): void };

scope.onmessage = (e) => {
  const { id, text, prefix } = e.data;
  try {
    const d = decompile(parseEml(text).tree);
    scope.postMessage({ id, ok: true, text: d.text, latex: d.latex, unexplained: d.unexplained, html: katexHtml(`${prefix}${d.latex}`, true) });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    scope.postMessage({ id, ok: false, error: message.length > 300 ? `${message.slice(0, 300)}…` : message });
  }
};
