import { useMemo, useState } from 'react';
import { decompile } from '../eml/decompiler/decompile.ts';
import { formatNumber } from '../eml/format.ts';
import { metrics } from '../eml/metrics.ts';
import { printLatex } from '../eml/syntax/index.ts';
import { selectTree, usePlayground } from '../store/store.ts';
import { Katex } from './Katex.tsx';
import { FormulaTerms } from './formula/FormulaTerms.tsx';
import { blockLatex } from './formula/terms.ts';
import { createRecogniser } from './tree/blocks.ts';
import { useValue } from './useValue.ts';

/** Above this K the nested EML form is too long to typeset usefully; the tree view shows it instead. */
const MAX_TYPESET_K = 301;
const recognise = createRecogniser();

export function FormulaPanel() {
  const tree = usePlayground(selectTree);
  const reading = usePlayground((s) => s.derived.reading);
  const x = usePlayground((s) => s.doc.x);
  const y = usePlayground((s) => s.doc.y);
  const [showEml, setShowEml] = useState(true);
  const showBlocks = usePlayground((s) => s.showBlocksInFormula);
  const decompiled = useMemo(() => (tree ? decompile(tree) : null), [tree]);
  const m = useMemo(() => (tree ? metrics(tree) : null), [tree]);
  const { value, error } = useValue(tree);
  if (!tree || !decompiled || !m) {
    return (
      <section className="panel" aria-label="Formula">
        <h2>Formula</h2>
        <p>The applied expression does not read; fix it in the Expression box.</p>
      </section>
    );
  }
  const compiled = reading.ok && reading.kind === 'math' ? reading.compiled : null;
  const vars = m.variables.length > 0 ? `(${m.variables.join(', ')})` : '';
  return (
    <section className="panel" aria-label="Formula">
      <h2>Formula</h2>
      <div className="formula-main" data-testid="decompiled">
        <Katex tex={`f${vars} = ${decompiled.latex}`} display label={`f${vars} = ${decompiled.text}`} />
      </div>
      {decompiled.unexplained > 0 && <p className="help">{decompiled.unexplained} eml node(s) have no simpler reading and are shown as eml(·,·).</p>}
      <label className="check">
        <input type="checkbox" checked={showEml} onChange={(e) => setShowEml(e.currentTarget.checked)} />
        Show the EML form
      </label>
      {showEml && (
        <label className="check">
          <input type="checkbox" checked={showBlocks} onChange={(e) => usePlayground.getState().setShowBlocksInFormula(e.currentTarget.checked)} />
          Named blocks in the EML form
        </label>
      )}
      {showEml &&
        (tree.k <= MAX_TYPESET_K ? (
          <div className="formula-eml" data-testid="eml-form">
            <Katex tex={showBlocks ? blockLatex(tree, recognise) : printLatex(tree)} display />
          </div>
        ) : (
          <p className="help">The EML form has K = {tree.k}: too long to typeset. The Tree shows it with named blocks; Export has the text.</p>
        ))}
      <FormulaTerms tree={tree} recognise={recognise} />
      <dl className="value">
        <div>
          <dt>Re f({m.variables.length ? m.variables.map((v) => (v === 'x' ? formatNumber(x) : v === 'y' ? formatNumber(y) : v)).join(', ') : ''})</dt>
          <dd data-testid="value-re">{value ? formatNumber(value.re) : '—'}</dd>
        </div>
        <div>
          <dt>Im</dt>
          <dd data-testid="value-im">{value ? formatNumber(value.im) : '—'}</dd>
        </div>
      </dl>
      {error && (
        <p className="evaluation-error" role="status">
          {error}
        </p>
      )}
      <table className="metrics">
        <caption>Size</caption>
        <tbody>
          <tr><th scope="row">K (RPN length)</th><td data-testid="metric-k">{m.k}</td></tr>
          <tr><th scope="row">Depth</th><td data-testid="metric-depth">{m.depth}</td></tr>
          <tr><th scope="row">Leaves</th><td>{m.leaves}</td></tr>
          <tr><th scope="row">eml nodes</th><td>{m.emlNodes} ({m.distinctEmlNodes} distinct)</td></tr>
          <tr><th scope="row">Variables</th><td>{m.variables.join(', ') || 'none'}</td></tr>
          {compiled && (
            <tr>
              <th scope="row">Compiled K</th>
              <td data-testid="metric-compiled">
                {compiled.mode} {compiled.k}
                {compiled.paperK !== null && compiled.mode !== 'paper' ? ` · paper ${compiled.paperK}` : ''}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
