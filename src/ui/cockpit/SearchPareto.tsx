/**
 * The "Pareto front" region for the formula search, like PySR's table: one row per complexity (K of the pure EML
 * tree) with the readable formula, loss, R² and score; the search's choice (the exact law, or PySR's knee) is
 * preselected. A row is selected by click, Enter or Space, and ↑/↓ move between rows; the result card then shows
 * that formula, its verdict and its plot. Exportable as CSV.
 */
import { useId, useRef } from 'react';
import { useFit } from '../../store/fitStore.ts';
import { Katex } from '../Katex.tsx';
import { download } from './download.ts';
import { fmt, VERDICT_LABEL } from './searchAdvice.ts';
import type { SearchResult } from '../../store/searchSlice.ts';
import { SearchTreeFigure } from './SearchTreeFigure.tsx';
import { Term } from './Term.tsx';
import { useFrameValue } from './useFrameValue.ts';

const csvCell = (v: string | number) => {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The front as CSV: one line per row, with the EML tree. */
export function paretoCsv(result: SearchResult): string {
  const head = [
    'k',
    'depth',
    'formula',
    'loss_mse',
    'r2_train',
    'r2_validation',
    'rmse',
    'max_error_validation',
    'score',
    'verdict',
    'chosen',
    'eml_tree',
  ];
  const lines = [head.join(',')];
  result.report.pareto.forEach((r, i) => {
    lines.push(
      [
        r.k,
        r.depth,
        r.formula,
        r.train.rmse ** 2,
        r.train.r2,
        r.validation.r2,
        r.rmse,
        r.validation.maxError,
        result.scores[i] ?? NaN,
        r.verdict,
        i === result.bestIndex ? 'yes' : '',
        r.tree,
      ]
        .map(csvCell)
        .join(','),
    );
  });
  return lines.join('\n') + '\n';
}

export function SearchPareto() {
  const id = useId();
  // A frame after the result card (frameJobs.ts), so a result arriving is not one long task.
  const result = useFrameValue(
    useFit((s) => s.search.result),
    'cockpit:search-pareto',
  );
  const selected = useFit((s) => s.search.selected);
  const body = useRef<HTMLTableSectionElement>(null);
  const rows = result?.report.pareto ?? [];
  const focusRow = (i: number) => {
    const tr = body.current?.querySelectorAll('tr')[i];
    tr?.focus();
  };
  const onKey = (e: React.KeyboardEvent, i: number) => {
    const go = (j: number) => {
      e.preventDefault();
      const k = Math.max(0, Math.min(rows.length - 1, j));
      useFit.getState().selectFormula(k);
      focusRow(k);
    };
    if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(rows.length - 1);
    else if (e.key === 'Enter' || e.key === ' ') go(i);
  };
  return (
    <section className="panel cockpit-pareto" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Pareto front</h2>
      {!result ? (
        <p className="help">
          After a search: one formula per complexity, from the simplest to the most accurate, the search's choice
          preselected.
        </p>
      ) : (
        <>
          <p className="help" id={`${id}-d`}>
            One row per complexity K (nodes of the formula's pure EML tree). Loss: mean squared error on the training
            rows; R²: on the validation rows;{' '}
            <Term
              word="score"
              explain="PySR's score: how fast the loss falls per unit of complexity from the previous row, −Δln(loss)/ΔK; a large score marks a formula worth its size."
            />
            . Select a row to see it in the result card and its tree below (↑/↓ move, Enter selects).
          </p>
          <div className="table-scroll">
            <table
              className="pareto-table"
              role="grid"
              aria-labelledby={`${id}-h`}
              aria-describedby={`${id}-d`}
              data-testid="pareto-table"
            >
              <thead>
                <tr>
                  <th scope="col">K</th>
                  <th scope="col">formula</th>
                  <th scope="col">loss</th>
                  <th scope="col">R²</th>
                  <th scope="col">score</th>
                  <th scope="col">verdict</th>
                </tr>
              </thead>
              <tbody ref={body}>
                {rows.map((r, i) => (
                  <tr
                    key={`${r.k}:${i}`}
                    aria-selected={i === selected}
                    tabIndex={i === selected ? 0 : -1}
                    className={i === selected ? 'is-selected' : undefined}
                    onClick={() => useFit.getState().selectFormula(i)}
                    onKeyDown={(e) => onKey(e, i)}
                    data-testid="pareto-row"
                  >
                    <td>{r.k}</td>
                    <td className="pareto-formula">
                      <Katex tex={r.latex} html={result.html[i] || undefined} label={r.formula} />
                      {i === result.bestIndex && <span className="chosen"> ← chosen</span>}
                    </td>
                    <td>{fmt(r.train.rmse ** 2, 3)}</td>
                    <td>{fmt(r.validation.r2, 5)}</td>
                    <td>{fmt(result.scores[i] ?? NaN, 3)}</td>
                    <td>{VERDICT_LABEL[r.verdict]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="button" onClick={() => download('pareto.csv', paretoCsv(result), 'text/csv')}>
            Export Pareto front CSV
          </button>
          {rows[selected] && (
            <>
              <h3 className="search-tree-title">Tree of the selected row (K {rows[selected].k})</h3>
              <SearchTreeFigure text={rows[selected].tree} id={`${id}-tree`} />
            </>
          )}
        </>
      )}
    </section>
  );
}
