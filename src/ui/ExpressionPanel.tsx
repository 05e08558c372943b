import { useId } from 'react';
import { SEMANTICS, SEMANTICS_INFO, isSemantics } from '../eml/evaluate/semantics.ts';
import { usePlayground } from '../store/playgroundStore.ts';
import { ParseErrorView } from './ParseErrorView.tsx';
import { useAnalysis } from './useAnalysis.ts';

function NumberField({ label, value, onChange }: { label: string; value: number; onChange: (v: number) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        step="any"
        defaultValue={value}
        onChange={(e) => {
          const v = e.currentTarget.valueAsNumber;
          if (!Number.isNaN(v)) onChange(v);
        }}
      />
    </div>
  );
}

export function ExpressionPanel() {
  const expression = usePlayground((s) => s.expression);
  const semantics = usePlayground((s) => s.semantics);
  const { setExpression, setX, setY, setSemantics, x, y } = usePlayground.getState();
  const result = useAnalysis();
  const exprId = useId();
  const semId = useId();
  const errorId = useId();
  return (
    <section className="panel" aria-labelledby={`${exprId}-h`}>
      <h2 id={`${exprId}-h`}>Expression</h2>
      <label htmlFor={exprId} className="visually-hidden">
        Expression
      </label>
      <textarea
        id={exprId}
        className="expression-input"
        value={expression}
        spellCheck={false}
        rows={3}
        aria-invalid={!result.ok}
        aria-describedby={!result.ok ? errorId : undefined}
        onChange={(e) => setExpression(e.currentTarget.value)}
      />
      <p className="help">
        Type EML as <code>eml(1, x)</code>, the paper’s <code>EML[1, x]</code>, or RPN <code>1 x E</code>.
      </p>
      {!result.ok && <ParseErrorView id={errorId} source={expression} error={result.error} />}
      <div className="field-row">
        <NumberField label="x" value={x} onChange={setX} />
        <NumberField label="y" value={y} onChange={setY} />
        <div className="field">
          <label htmlFor={semId}>Semantics</label>
          <select id={semId} value={semantics} onChange={(e) => isSemantics(e.currentTarget.value) && setSemantics(e.currentTarget.value)}>
            {SEMANTICS.map((s) => (
              <option key={s} value={s} title={SEMANTICS_INFO[s].description}>
                {SEMANTICS_INFO[s].label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="help">{SEMANTICS_INFO[semantics].description}</p>
    </section>
  );
}
