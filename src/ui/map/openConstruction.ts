import type { ConstructionNode } from '../../eml/compiler/constructionGraph.ts';
import { printFunctional } from '../../eml/syntax/index.ts';
import { usePlayground } from '../../store/store.ts';

/** Loads a construction's tree (its operands are the variables x, y) as an undoable step and shows the playground. */
export function openInPlayground(node: ConstructionNode): void {
  const s = usePlayground.getState();
  s.load({ ...s.doc, text: printFunctional(node.tree), inputKind: 'eml' });
  location.hash = '';
}
