/**
 * Size budgets of the playground's views. Every view's work grows with the tree; past a budget a view shows
 * what it can ("too large to show; here is what we can show") instead of freezing the page. The numbers come from
 * measurements in Node on this project's machine (see the hostile-playground e2e for the page-level check: no
 * main-thread task over 200 ms after a K 200 001 input).
 */
import { startTransition, useEffect, useState } from 'react';
import type { EmlNode } from '../eml/ast.ts';

/**
 * Above this K a view computes in a task of its own after the input's task (and React may slice between views),
 * so the heavy views of one input never add up in one long task.
 */
export const STAGE_ABOVE_K = 5_000;
/** Above this K the tree is drawn top levels first with a smaller node cap (layout cost grows with depth × nodes). */
export const BIG_TREE_K = 20_000;
export const BIG_TREE_MAX_NODES = 600;
/** Per-node values and flags (a trace of every distinct node) only below this many distinct nodes. */
export const TRACE_MAX_DISTINCT = 20_000;
/** The plot evaluates each distinct node at each sample: samples × distinct nodes stays under this. */
export const PLOT_WORK = 1_500_000;
export const PLOT_MIN_SAMPLES = 101;
export const PLOT_MAX_DISTINCT = Math.floor(PLOT_WORK / PLOT_MIN_SAMPLES);
/** Text exports print every node of the expanded tree (K characters and more): refused beyond this K. */
export const EXPORT_TEXT_MAX_K = 2_000_000;

/**
 * Distinct nodes (eml nodes and leaves), counted up to `cap`: what evaluation and tracing cost, since trees are
 * hash-consed. A result over `cap` means "over budget"; the walk stops there, so asking costs O(cap), not O(tree).
 */
export function distinctAtMost(tree: EmlNode, cap: number): number {
  const seen = new Set<number>();
  const stack: EmlNode[] = [tree];
  while (stack.length > 0 && seen.size <= cap) {
    const n = stack.pop()!;
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    if (n.kind === 'eml') stack.push(n.right, n.left);
  }
  return seen.size;
}

/**
 * The tree a view should draw now: small trees at once; a large one after the input's task has finished (one
 * task later, as a transition, so React can yield between views). `pending` says the view is about to show it.
 */
export function useStagedTree(tree: EmlNode | null): { tree: EmlNode | null; pending: boolean } {
  const staged = tree !== null && tree.k > STAGE_ABOVE_K;
  const [ready, setReady] = useState<EmlNode | null>(null);
  useEffect(() => {
    if (!staged) return;
    const t = setTimeout(() => startTransition(() => setReady(tree)), 0);
    return () => clearTimeout(t);
  }, [tree, staged]);
  if (!staged) return { tree, pending: false };
  return ready === tree ? { tree, pending: false } : { tree: null, pending: true };
}
