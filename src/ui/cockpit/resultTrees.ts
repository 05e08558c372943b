/**
 * Training trees reach the page decoded once on arrival (workers/treeWire.ts), each kept beside its EML text (the
 * form the store, the CLI, the JSON export and the autosave use). The controller's validation MSE, the result card
 * and the live tree read that node by its text; a tree restored from a save or a link is parsed once, then kept.
 */
import type { EmlNode } from '../../eml/ast.ts';
import { treeOf } from '../../workers/treeWire.ts';

/** The tree of `text` (received, or parsed on first use); throws parseEml's error when it does not parse. */
export const resultTree = (text: string): EmlNode => treeOf(text);

/** The parsed tree, or the parser's message when it does not parse. */
export function tryResultTree(text: string): { tree: EmlNode; error: null } | { tree: null; error: string } {
  try {
    return { tree: resultTree(text), error: null };
  } catch (e) {
    return { tree: null, error: e instanceof Error ? e.message : String(e) };
  }
}
