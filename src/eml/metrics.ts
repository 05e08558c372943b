/** Size measures of an EML tree, in the paper's terms (docs/constructions.md#size-k-and-depth). */
import { topoOrder, type EmlNode } from './ast.ts';

export interface Metrics {
  /** RPN length = leaves + eml nodes (for a pure EML tree, 2·leaves − 1). */
  k: number;
  /** eml levels on the longest root-to-leaf path; a leaf has depth 0. */
  depth: number;
  leaves: number;
  /** Internal (eml) nodes, counted in the tree, not the shared DAG. */
  emlNodes: number;
  /** Variables used, sorted. */
  variables: string[];
  /** Distinct subtrees (DAG nodes after hash-consing), leaves included. */
  distinctSubtrees: number;
  /** eml nodes in the shared DAG: what an evaluator that reuses common subtrees computes. */
  distinctEmlNodes: number;
}

export function metrics(root: EmlNode): Metrics {
  const order = topoOrder(root);
  const variables: string[] = [];
  let distinctEmlNodes = 0;
  for (const n of order) {
    if (n.kind === 'var') variables.push(n.name);
    else if (n.kind === 'eml') distinctEmlNodes++;
  }
  return {
    k: root.k,
    depth: root.depth,
    leaves: (root.k + 1) / 2,
    emlNodes: (root.k - 1) / 2,
    variables: variables.sort(),
    distinctSubtrees: order.length,
    distinctEmlNodes,
  };
}
