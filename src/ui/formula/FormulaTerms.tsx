import { memo, useMemo } from 'react';
import type { EmlNode } from '../../eml/ast.ts';
import { decompile } from '../../eml/decompiler/decompile.ts';
import { usePlayground } from '../../store/store.ts';
import { Katex } from '../Katex.tsx';
import type { Recognise } from '../tree/blocks.ts';
import { blockTerms } from './terms.ts';

const Term = memo(function Term({ path, node, name }: { path: string; node: EmlNode; name: string }) {
  const lit = usePlayground((s) => s.hoverPath !== null && s.hoverPath.startsWith(path));
  const tex = useMemo(() => decompile(node).latex, [node]);
  const { hover, select } = usePlayground.getState();
  return (
    <li>
      <button
        type="button"
        className={lit ? 'term is-lit' : 'term'}
        data-path={path}
        onMouseEnter={() => hover(path)}
        onMouseLeave={() => hover(null)}
        onFocus={() => hover(path)}
        onBlur={() => hover(null)}
        onClick={() => select(path)}
      >
        <span className="term-name">{name}</span>
        <Katex tex={tex} />
        <span className="visually-hidden"> (lights it in the tree)</span>
      </button>
    </li>
  );
});

/** The named blocks of the formula; hovering one lights its subtree in the Tree, and the other way round. */
export function FormulaTerms({ tree, recognise }: { tree: EmlNode; recognise: Recognise }) {
  const terms = useMemo(() => blockTerms(tree, recognise), [tree, recognise]);
  if (terms.length === 0) return null;
  return (
    <div className="terms">
      <h3 className="terms-h">Parts (hover to find them in the tree)</h3>
      <ul className="term-list">
        {terms.map((t) => (
          <Term key={t.path} {...t} />
        ))}
      </ul>
    </div>
  );
}
