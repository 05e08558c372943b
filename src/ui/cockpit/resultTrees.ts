/**
 * Training trees arrive from the workers as EML[·,·] text (RunResult.tree, the snapshot's tree), the form the
 * CLI, the JSON export and the autosave also use. On the page each distinct tree is parsed once, here: the
 * controller's validation MSE, the result card and the live tree read the same parsed tree. Parsing is cheap for
 * one tree (≤ 511 nodes at depth 8), but a run delivers the same trees again and again (snapshots, 'run'
 * events, the final results, the selection), and hash-consed nodes make the cached tree safe to share.
 */
import type { EmlNode } from '../../eml/ast.ts';
import { parseEml } from '../../eml/syntax/index.ts';

/** Enough for every distinct tree of a long sweep; the oldest is dropped beyond it. */
const MAX_TREES = 512;
const cache = new Map<string, EmlNode>();

/** The parsed tree of `text` (parsed on first use); throws parseEml's error when it does not parse. */
export function resultTree(text: string): EmlNode {
  const hit = cache.get(text);
  if (hit) return hit;
  const tree = parseEml(text).tree;
  if (cache.size >= MAX_TREES) cache.delete(cache.keys().next().value!);
  cache.set(text, tree);
  return tree;
}

/** The parsed tree, or the parser's message when it does not parse. */
export function tryResultTree(text: string): { tree: EmlNode; error: null } | { tree: null; error: string } {
  try {
    return { tree: resultTree(text), error: null };
  } catch (e) {
    return { tree: null, error: e instanceof Error ? e.message : String(e) };
  }
}
