import { formatNumber } from '../eml/format.ts';
import { useAnalysis } from './useAnalysis.ts';

export function ResultPanel() {
  const result = useAnalysis();
  if (!result.ok) {
    return (
      <section className="panel" aria-label="Result">
        <h2>Result</h2>
        <p>Fix the expression to see its value.</p>
      </section>
    );
  }
  const { value, metrics: m, evaluationError, syntax } = result.analysis;
  return (
    <section className="panel" aria-label="Result">
      <h2>Result</h2>
      {value && (
        <dl className="value">
          <div>
            <dt>Re</dt>
            <dd data-testid="value-re">{formatNumber(value.re)}</dd>
          </div>
          <div>
            <dt>Im</dt>
            <dd data-testid="value-im">{formatNumber(value.im)}</dd>
          </div>
        </dl>
      )}
      {evaluationError && (
        <p className="evaluation-error" role="status">
          {evaluationError}
        </p>
      )}
      <table className="metrics">
        <caption>Metrics (read as {syntax})</caption>
        <tbody>
          <tr><th scope="row">K (RPN length)</th><td data-testid="metric-k">{m.k}</td></tr>
          <tr><th scope="row">Depth</th><td data-testid="metric-depth">{m.depth}</td></tr>
          <tr><th scope="row">Leaves</th><td>{m.leaves}</td></tr>
          <tr><th scope="row">eml nodes</th><td>{m.emlNodes}</td></tr>
          <tr><th scope="row">Variables</th><td>{m.variables.join(', ') || 'none'}</td></tr>
          <tr><th scope="row">Distinct subtrees</th><td>{m.distinctSubtrees}</td></tr>
        </tbody>
      </table>
    </section>
  );
}
