/**
 * The "Result" region for the formula search: the verdict (exact / exact law, noisy data / approximation) with its
 * evidence, the formula (typeset in the worker) and its pure EML tree's K and depth, training and validation
 * metrics, the precision inferred from the digits with an override that re-judges without searching again, plain
 * advice when the result is poor, the fit plot, and links out (playground, JSON).
 */
import { useId, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formulaJson } from '../../fit/search/fitTable.ts';
import { DEFAULT_DOCUMENT } from '../../store/document.ts';
import { useFit } from '../../store/fitStore.ts';
import { canRejudge } from '../../store/searchSlice.ts';
import { documentToHash } from '../../store/urlCodec.ts';
import { RegionBoundary } from '../ErrorBoundary.tsx';
import { FormulaLine } from '../FormulaLine.tsx';
import { Katex } from '../Katex.tsx';
import { ExportButtons } from './ExportButtons.tsx';
import { searchSpecNow } from './fitActions.ts';
import { advice, evidence, fmt, grouped, VERDICT_EXPLAIN, VERDICT_LABEL } from './searchAdvice.ts';
import { SearchPlot } from './SearchPlot.tsx';
import { Term } from './Term.tsx';
import { useFrameValue } from './useFrameValue.ts';
import { defaultSearchWorkers } from '../../workers/searchPool.ts';

const TREE_SHOWN = 2000;

/** The parts of the search state the card shows (not the live numbers, which change 10 times a second). */
const useCardState = () =>
  useFit(
    useShallow((s) => ({
      result: s.search.result,
      selected: s.search.selected,
      status: s.search.status,
      message: s.search.message,
      rejudging: s.search.rejudging,
    })),
  );

export function SearchResultCard() {
  const id = useId();
  const search = useCardState();
  const result = search.result;
  const r = result?.report.pareto[search.selected] ?? null;
  const busy = search.status === 'running' || search.status === 'finishing';
  return (
    <section className="panel cockpit-result" aria-labelledby={`${id}-h`} aria-live="polite">
      <h2 id={`${id}-h`}>Result</h2>
      {search.message && search.status !== 'error' && (
        <p className="notice" role="status" data-testid="search-notice">
          {search.message}
        </p>
      )}
      {!result || !r ? (
        <p className="help">
          {busy
            ? 'Searching… the result appears when the search ends (Stop keeps the best so far).'
            : 'Press Play to fit the data.'}
        </p>
      ) : (
        <RegionBoundary name="Result details" resetKey={`${search.selected}:${r.tree.length}`}>
          {busy && <p className="help">A new search is running; this is the previous result.</p>}
          <Details />
        </RegionBoundary>
      )}
    </section>
  );
}

function Details() {
  const search = useCardState();
  const result = search.result!;
  const index = search.selected;
  const r = result.report.pareto[index];
  const target = result.plot?.target ?? 'y';
  const isChoice = index === result.bestIndex;
  // A result arriving must not be one long task: its first layout alone takes 20–30 ms on a 2-core machine, and
  // more on a slower one. So the verdict and formula come first, the measures and controls a frame later (and
  // their plot a frame after those); later results and selections update in place.
  const later = useFrameValue(true, 'cockpit:search-details', false);
  return (
    <>
      <div
        className={`certificate ${r.verdict === 'approximation' ? 'is-approx' : 'is-exact'}`}
        data-testid="certificate"
      >
        <p className="verdict" data-testid="verdict">
          {r.verdict === 'approximation' ? '' : '✓ '}
          {VERDICT_LABEL[r.verdict]}
          {isChoice ? '' : ' (a row of the Pareto front; the search chose another)'}
        </p>
        <p className="help">{VERDICT_EXPLAIN[r.verdict]}</p>
        <ul data-testid="evidence">
          {evidence(r, result).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
      <FormulaLine label="Fitted formula" testId="formula">
        {target} = <Katex tex={r.latex} html={result.html[index] || undefined} label={r.formula} />
      </FormulaLine>
      <p>
        Formula: <code data-testid="formula-text">{r.formula}</code> · pure EML tree: K ={' '}
        <strong data-testid="formula-k">{r.k}</strong>, depth {r.depth}
      </p>
      <details className="formula-eml">
        <summary>EML tree (K {r.k})</summary>
        <code data-testid="search-tree">
          {r.tree.length > TREE_SHOWN
            ? `${r.tree.slice(0, TREE_SHOWN)}… (${grouped(r.tree.length)} characters; export it below)`
            : r.tree}
        </code>
      </details>
      {later && <Measures />}
    </>
  );
}

/** The result's measures, advice, precision, plot and actions: everything after the verdict and the formula. */
function Measures() {
  const search = useCardState();
  const result = search.result!;
  const index = search.selected;
  const r = result.report.pareto[index];
  const tips = advice(r, result);
  // Mounted a frame after the verdict (Details); the plot follows in a frame of its own.
  const plot = useFrameValue(result.plot, 'cockpit:search-plot', null);
  const playgroundHref = useMemo(() => {
    const xs = result.plot?.x[0];
    let lo = -4;
    let hi = 4;
    if (xs && xs.length) [lo, hi] = [Math.min(...xs), Math.max(...xs)];
    return documentToHash({
      ...DEFAULT_DOCUMENT,
      text: r.tree,
      inputKind: 'eml',
      xMin: Number.isFinite(lo) ? lo : -4,
      xMax: Number.isFinite(hi) && hi > lo ? hi : lo + 1,
      x: Number.isFinite(lo) ? (lo + hi) / 2 : 2,
    });
  }, [r.tree, result.plot]);
  const runJson = () =>
    JSON.stringify(
      {
        best: formulaJson(result.report.best),
        pareto: result.report.pareto.map(formulaJson),
        precision: { ...result.report.precision, noiseUsed: result.report.noise },
        seconds: result.seconds,
        evaluated: result.evaluated,
        stopped: result.stopped,
        seed: result.seed,
        budgetS: result.budgetS,
        workers: result.workers,
      },
      (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v),
      2,
    );
  return (
    <>
      <table className="metrics" data-testid="search-metrics">
        <caption>Fit of the formula (float64)</caption>
        <thead>
          <tr>
            <th scope="col">rows</th>
            <th scope="col">R²</th>
            <th scope="col">RMSE</th>
            <th scope="col">max error</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">training</th>
            <td>{fmt(r.train.r2, 6)}</td>
            <td>{fmt(r.train.rmse)}</td>
            <td>{fmt(r.train.maxError)}</td>
          </tr>
          <tr>
            <th scope="row">validation</th>
            <td data-testid="validation-r2">{fmt(r.validation.r2, 6)}</td>
            <td>{fmt(r.validation.rmse)}</td>
            <td>{fmt(r.validation.maxError)}</td>
          </tr>
        </tbody>
      </table>
      {tips.length > 0 && (
        <div className="advice" data-testid="search-advice">
          <p>
            <strong>Why this is only an approximation, and what to try:</strong>
          </p>
          <ul>
            {tips.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        </div>
      )}
      <PrecisionControl />
      {plot ? (
        <RegionBoundary name="Result plot" resetKey={index}>
          <SearchPlot plot={plot} index={index} formula={r.formula} />
        </RegionBoundary>
      ) : (
        <p className="help">The fit plot appears once the data have been re-measured…</p>
      )}
      {result.origin === 'link' && (
        <p className="help" data-testid="reproduce-note">
          Restored (from a link or your last session) and re-measured on its data. Play searches again with the same
          seed ({result.seed}) and budget ({result.budgetS} s)
          {result.workers === defaultSearchWorkers()
            ? ' on the same number of workers, so it reproduces this result when the search ends by finding a fit within the data’s precision (a search cut by its time budget also depends on the machine’s speed).'
            : `, but on ${defaultSearchWorkers()} worker${defaultSearchWorkers() === 1 ? '' : 's'} here instead of ${result.workers}: the enumeration is split into other shards, so the search order differs and the result may too.`}
        </p>
      )}
      <p className="help">
        {fmt(result.seconds, 3)} s, {grouped(result.evaluated)} candidates fitted on {result.workers} worker
        {result.workers === 1 ? '' : 's'}, seed {result.seed}, stopped: {result.stopped}.
      </p>
      <div className="controls" role="group" aria-label="Result actions">
        <a href={playgroundHref}>Open in playground</a>
        <ExportButtons
          exports={[
            { label: 'Export LaTeX', file: 'formula.tex', text: () => r.latex },
            { label: 'Export EML', file: 'tree.eml', text: () => r.tree },
            { label: 'Export result JSON', file: 'fit.json', text: runJson, type: 'application/json' },
          ]}
        />
      </div>
    </>
  );
}

/** The precision the verdicts were judged by, and a stated noise level that re-judges them (no new search). */
function PrecisionControl() {
  const id = useId();
  const search = useCardState();
  const result = search.result!;
  const p = result.report.precision;
  const [text, setText] = useState(result.noise !== null ? String(result.noise * 100) : '');
  const [digitsText, setDigitsText] = useState(result.digits ? String(result.digits) : '');
  const [problem, setProblem] = useState<string | null>(null);
  const possible = canRejudge(search);
  const apply = (noise: number | null, digits: number | null) => {
    const spec = searchSpecNow(noise);
    if (typeof spec === 'string') return setProblem(spec);
    setProblem(null);
    useFit.getState().setSettings({ noise, digits });
    void useFit.getState().rejudge({ ...spec, digits }, noise);
  };
  const submit = () => {
    const v = Number(text.replace('%', '').trim());
    const d = Number(digitsText.trim());
    if (text.trim() !== '' && digitsText.trim() !== '')
      return setProblem(
        'A noise level and significant digits both describe how exactly the output is known: give one of them (leave the other empty), or neither to judge by the digits as written.',
      );
    if (digitsText.trim() !== '') {
      if (!(Number.isInteger(d) && d >= 1 && d <= 17))
        return setProblem(
          `“${digitsText}” is not a number of significant digits: give a whole number from 1 to 17, or leave it empty to read them from the table.`,
        );
      return apply(null, d);
    }
    if (text.trim() === '') return apply(null, null);
    if (!(v > 0 && v <= 50))
      return setProblem(
        `“${text}” is not a noise level: give a percentage above 0 and at most 50 (e.g. 1 for 1 %), or leave it empty to judge by the digits.`,
      );
    apply(v / 100, null);
  };
  return (
    <div className="precision" data-testid="precision">
      <p>
        <Term
          word="Precision"
          explain="How exactly the data are known: the digits written (a value given as 1.23 is known to ±0.005), or a stated relative noise level. Verdicts are judged by it."
        />
        :{' '}
        {p.source === 'digits' && p.digitsStated
          ? `stated: the output values carry ${p.outputDigits} significant digits`
          : p.source === 'digits'
            ? `inferred from the digits as written, about ${p.outputDigits} significant digits in the output`
            : `stated noise level ${fmt((p.noise ?? 0) * 100, 3)} % of the output`}
        {result.report.noise !== null && p.source === 'digits'
          ? `; noise estimated from the data: ${fmt(result.report.noise * 100, 3)} %`
          : ''}
        .
      </p>
      <form
        className="field-row"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="field">
          Noise level (% of the output)
          <input
            type="text"
            inputMode="decimal"
            value={text}
            placeholder="from the digits"
            onChange={(e) => setText(e.target.value)}
            aria-describedby={`${id}-h`}
            disabled={!possible || search.rejudging}
          />
        </label>
        <label className="field">
          Significant digits of the output
          <input
            type="text"
            inputMode="numeric"
            value={digitsText}
            placeholder={`inferred: ${p.outputDigits}`}
            onChange={(e) => setDigitsText(e.target.value)}
            aria-describedby={`${id}-h`}
            disabled={!possible || search.rejudging}
          />
        </label>
        <button type="submit" disabled={!possible || search.rejudging}>
          {search.rejudging ? 'Judging…' : 'Judge again'}
        </button>
      </form>
      <p className="help" id={`${id}-h`}>
        {possible
          ? 'Judges the formulas found again with this noise level, or with the values carrying this many significant digits (both empty: by the digits as written), without searching again.'
          : 'Available after a search on this page (a restored result carries no candidates to judge again; press Play).'}
      </p>
      {problem && (
        <p className="parse-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
