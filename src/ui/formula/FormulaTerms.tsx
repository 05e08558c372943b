import { memo, useMemo } from 'react';
import type { EmlNode } from '../../eml/ast.ts';
import { usePlayground } from '../../store/store.ts';
import { nodeReading } from '../../store/views.ts';
import { Katex } from '../Katex.tsx';
import type { Recognise } from '../../eml/decompiler/blocks.ts';
import { blockTerms } from '../../eml/decompiler/terms.ts';

/**
 * A part is decompiled in place (its button is small and many are shown), so only small parts get a formula; the
 * decompiler's time grows fast with K. Larger parts show their name alone, and a failure never takes the panel.
 */
const TERM_DECOMPILE_MAX_K = 60;
function termLatex(node: EmlNode): string | null {
  if (node.k > TERM_DECOMPILE_MAX_K) return null;
  return nodeReading(node)?.latex ?? null;
}

const Term = memo(function Term({ path, node, name }: { path: string; node: EmlNode; name: string }) {
  const lit = usePlayground((s) => s.hoverPath !== null && s.hoverPath.startsWith(path));
  const tex = useMemo(() => termLatex(node), [node]);
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
        {tex !== null ? <Katex tex={tex} /> : <span className="help"> (K {node.k})</span>}
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
