import { useState } from 'react';
import { kWording } from '../eml/compiler/kWording.ts';
import type { EmlNode } from '../eml/ast.ts';
import type { CompileResult } from '../eml/compiler/compile.ts';
import { departureWithCause } from '../eml/compiler/departureCause.ts';
import type { MathNode } from '../eml/math/ast.ts';
import { formatNumber } from '../eml/format.ts';
import { printLatex } from '../eml/syntax/index.ts';
import { selectTree, usePlayground } from '../store/store.ts';
import { recognise, sizeOf, traceAtSliders } from '../store/views.ts';
import { distinctAtMost, TRACE_MAX_DISTINCT, useStagedTree } from './budgets.ts';
import { FormulaLine } from './FormulaLine.tsx';
import { Katex } from './Katex.tsx';
import { useDecompiled } from './formula/decompileClient.ts';
import { useCompileFacts } from './formula/factsClient.ts';
import { FormulaTerms } from './formula/FormulaTerms.tsx';
import { ReadingDomainRow } from './formula/ReadingDomainRow.tsx';
import { blockLatex } from '../eml/decompiler/terms.ts';

/** Above this K the nested EML form is too long to typeset usefully; the tree view shows it instead. */
const MAX_TYPESET_K = 301;

/**
 * The value at (x, y): its own component, so React can yield between it and the rest on a large tree. For a
 * compiled input, a value outside the tree's validity domain is flagged with the function's true value there
 * (compiler/departure.ts) and the first failing node named (compiler/departureCause.ts).
 */
function FormulaValue({
  tree,
  variables,
  math,
}: {
  tree: EmlNode;
  variables: readonly string[];
  math: MathNode | null;
}) {
  const x = usePlayground((s) => s.doc.x);
  const y = usePlayground((s) => s.doc.y);
  const semantics = usePlayground((s) => s.doc.semantics);
  const { value, error } = traceAtSliders(tree, x, y, semantics);
  const departure = value && math ? departureWithCause(tree, value, math, variables, x, y) : null;
  const truth = departure?.truth ?? null;
  return (
    <>
      <dl className="value">
        <div>
          <dt>
            Re f(
            {variables.length
              ? variables.map((v) => (v === 'x' ? formatNumber(x) : v === 'y' ? formatNumber(y) : v)).join(', ')
              : ''}
            )
          </dt>
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
      {truth && (
        <p className="evaluation-error" data-testid="value-departs">
          Outside the tree’s validity domain: the input’s value here is {formatNumber(truth.re)}
          {truth.im !== 0 ? ` + ${formatNumber(truth.im)}i` : ''} (see Valid for; the plot shades where this happens).{' '}
          <span data-testid="value-departs-cause">
            {departure?.cause
              ? `${departure.cause.message[0].toUpperCase()}${departure.cause.message.slice(1)}.`
              : 'No node is flagged: the error is rounding accumulated through the tree.'}
          </span>
        </p>
      )}
    </>
  );
}

function Decompiled({ tree, variables }: { tree: EmlNode; variables: readonly string[] }) {
  const vars = variables.length > 0 ? `(${variables.join(', ')})` : '';
  const d = useDecompiled(tree, `f${vars} = `);
  if (d.status === 'pending') {
    return (
      <p className="help" data-testid="decompiled" aria-busy="true">
        Reading the formula…
      </p>
    );
  }
  if (d.status === 'refused') {
    return (
      <p className="help" data-testid="decompiled">
        No ordinary-math reading: {d.reason}. K, depth and the value are below; the Tree and Export show the whole tree.
      </p>
    );
  }
  return (
    <>
      <FormulaLine label="Decompiled formula" testId="decompiled" block>
        <Katex
          tex={`f${vars} = ${d.latex}`}
          html={d.html ?? undefined}
          display
          label={`f${vars} = ${d.text.length > 2000 ? `${d.text.slice(0, 2000)}…` : d.text}`}
        />
      </FormulaLine>
      {d.unexplained > 0 && (
        <p className="help">{d.unexplained} eml node(s) have no simpler reading and are shown as eml(·,·).</p>
      )}
    </>
  );
}

/**
 * The compiled tree's paper K, measured validity domain (compiler/domains.ts) and inherited defects
 * (compiler/defects.ts: paper mode's i is −i in float64). All are lazy and slow (the domain is a scan of up to
 * ~1 s), so a worker reads them off the compiled tree, sent encoded (formula/factsClient.ts); the cells say
 * "measuring…" until it answers. aria-busy, not role=status: the panel has status lines of its own.
 */
function CompileFactsRows({ compiled }: { compiled: CompileResult }) {
  const text = usePlayground((s) => s.doc.text);
  const kind = usePlayground((s) => s.doc.inputKind);
  const compileMode = usePlayground((s) => s.doc.compileMode);
  const clean = usePlayground((s) => s.doc.clean);
  const facts = useCompileFacts(text, { kind, compileMode, clean });
  const busy = facts.status === 'pending';
  // Every K says its form (issue 15): "K 93, in the robust form · 193 as the paper compiles it · 93 in the shortest form".
  const mode = compiled.mode;
  const sizes =
    facts.status === 'ok'
      ? { paper: facts.paperK, robust: facts.modeK?.robust ?? null, shortest: facts.modeK?.shortest ?? null }
      : null;
  const kText = kWording(compiled.k, [mode], sizes) + (busy ? ' · other modes measuring…' : '');
  const domain = busy
    ? 'measuring…'
    : facts.status === 'failed'
      ? `not measured (${facts.reason})`
      : (facts.domain.text ?? `not measured (${facts.domain.reason})`);
  return (
    <>
      <tr>
        <th scope="row">Compiled K</th>
        <td data-testid="metric-compiled" aria-busy={busy && compiled.mode !== 'paper' ? 'true' : undefined}>
          {kText}
        </td>
      </tr>
      <tr>
        <th scope="row">Valid for</th>
        <td data-testid="metric-domain" aria-busy={busy ? 'true' : undefined}>
          {domain}
        </td>
      </tr>
      {facts.status === 'ok' && facts.knownDefects.length > 0 && (
        <tr>
          <th scope="row">Known defect</th>
          <td data-testid="metric-defects">{facts.knownDefects.join('; ')}</td>
        </tr>
      )}
    </>
  );
}

/**
 * A tree over the evaluation budget: what is free to show (K and depth are cached on every node; a pure EML tree
 * has (K + 1)/2 leaves and (K − 1)/2 eml nodes), without walking it for the value, variables or a formula.
 */
function LargeFormula({ tree }: { tree: EmlNode }) {
  return (
    <section className="panel" aria-label="Formula">
      <h2>Formula</h2>
      <p className="help" data-testid="decompiled">
        Too large to show: over {TRACE_MAX_DISTINCT} distinct nodes, so no formula, value or variable list is computed
        here. Here is what we can show; the Tree draws its top levels and Export writes it out.
      </p>
      <table className="metrics">
        <caption>Size</caption>
        <tbody>
          <tr>
            <th scope="row">K (RPN length)</th>
            <td data-testid="metric-k">{tree.k}</td>
          </tr>
          <tr>
            <th scope="row">Depth</th>
            <td data-testid="metric-depth">{tree.depth}</td>
          </tr>
          <tr>
            <th scope="row">Leaves</th>
            <td>{(tree.k + 1) / 2}</td>
          </tr>
          <tr>
            <th scope="row">eml nodes</th>
            <td>{(tree.k - 1) / 2}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

export function FormulaPanel() {
  const applied = usePlayground(selectTree);
  const reading = usePlayground((s) => s.derived.reading);
  const [showEml, setShowEml] = useState(true);
  const showBlocks = usePlayground((s) => s.showBlocksInFormula);
  const { tree, pending } = useStagedTree(applied);
  if (!applied) {
    return (
      <section className="panel" aria-label="Formula">
        <h2>Formula</h2>
        <p>The applied expression does not read; fix it in the Expression box.</p>
      </section>
    );
  }
  if (pending || !tree) {
    // K and depth are cached on every node: free to show while the rest waits for its own task.
    return (
      <section className="panel" aria-label="Formula">
        <h2>Formula</h2>
        <p role="status">
          A large tree (K = {applied.k}, depth {applied.depth}): computing its formula, value and sizes…
        </p>
      </section>
    );
  }
  if (distinctAtMost(tree, TRACE_MAX_DISTINCT) > TRACE_MAX_DISTINCT) return <LargeFormula tree={tree} />;
  const m = sizeOf(tree);
  const compiled = reading.ok && reading.kind === 'math' ? reading.compiled : null;
  return (
    <section className="panel" aria-label="Formula">
      <h2>Formula</h2>
      <Decompiled tree={tree} variables={m.variables} />
      <label className="check">
        <input type="checkbox" checked={showEml} onChange={(e) => setShowEml(e.currentTarget.checked)} />
        Show the EML form
      </label>
      {showEml && (
        <label className="check">
          <input
            type="checkbox"
            checked={showBlocks}
            onChange={(e) => usePlayground.getState().setShowBlocksInFormula(e.currentTarget.checked)}
          />
          Named blocks in the EML form
        </label>
      )}
      {showEml &&
        (tree.k <= MAX_TYPESET_K ? (
          <div className="formula-eml" data-testid="eml-form">
            <Katex tex={showBlocks ? blockLatex(tree, recognise) : printLatex(tree)} display />
          </div>
        ) : (
          <p className="help">
            The EML form has K = {tree.k}: too long to typeset. The Tree shows it with named blocks; Export has the
            text.
          </p>
        ))}
      <FormulaTerms tree={tree} recognise={recognise} />
      <FormulaValue tree={tree} variables={m.variables} math={compiled?.math ?? null} />
      <table className="metrics">
        <caption>Size</caption>
        <tbody>
          <tr>
            <th scope="row">K (RPN length)</th>
            <td data-testid="metric-k">{m.k}</td>
          </tr>
          <tr>
            <th scope="row">Depth</th>
            <td data-testid="metric-depth">{m.depth}</td>
          </tr>
          <tr>
            <th scope="row">Leaves</th>
            <td>{m.leaves}</td>
          </tr>
          <tr>
            <th scope="row">eml nodes</th>
            <td>
              {m.emlNodes} ({m.distinctEmlNodes} distinct)
            </td>
          </tr>
          <tr>
            <th scope="row">Variables</th>
            <td>
              {m.variables.length > 20
                ? `${m.variables.slice(0, 20).join(', ')}, … (${m.variables.length})`
                : m.variables.join(', ') || 'none'}
            </td>
          </tr>
          {compiled ? <CompileFactsRows compiled={compiled} /> : <ReadingDomainRow />}
        </tbody>
      </table>
    </section>
  );
}
