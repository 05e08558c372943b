import type { MapNode } from '../../eml/compiler/constructionGraphWire.ts';
import { usePlayground } from '../../store/store.ts';

/**
 * Loads a construction into the playground as an undoable step and shows it: a rule's tree over x, y as EML text,
 * a lowered function (sin, …) as its math f(x) in paper mode, whose lowering table it comes from.
 */
export function openInPlayground(node: MapNode): void {
  const s = usePlayground.getState();
  const { open } = node;
  s.load(
    open.inputKind === 'eml'
      ? { ...s.doc, text: open.text, inputKind: 'eml' }
      : { ...s.doc, text: open.text, inputKind: 'math', compileMode: open.compileMode },
  );
  location.hash = '';
}
