/**
 * The "Result" region: the chosen snapped tree, its size, the decompiled formula, fit metrics on training and
 * validation rows, and the exact-recovery certificate (or the label "approximation" with the failing check).
 * From here the tree opens in the playground, and the formula, tree, run and predictions can be exported.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { bindConstants, type Certificate } from '../../fit/certificate.ts';
import { certifyAsync, type CertifiedFormula } from '../../workers/clients/certifyClient.ts';
import { evaluateFit, predict, type FitMetrics } from '../../fit/metrics.ts';
import { printFunctional } from '../../eml/syntax/index.ts';
import type { EmlNode } from '../../eml/ast.ts';
import { tryResultTree } from './resultTrees.ts';
import { resultDataOf, runStateOf, useFit, type Candidate, type PreparedOk } from '../../store/fitStore.ts';
import { usePlayground } from '../../store/store.ts';
import { Katex } from '../Katex.tsx';
import { FormulaLine } from '../FormulaLine.tsx';
import { RegionBoundary } from '../ErrorBoundary.tsx';
import { excerpt } from '../../fit/table.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { Scatter } from './Scatter.tsx';
import { runHash } from './ShareLink.tsx';
import { cancelFrameJob, postFrameJob } from './frameJobs.ts';
import { useFrameValue } from './useFrameValue.ts';

const JOB_CERT = 'cockpit:certificate';
const JOB_DETAILS = 'cockpit:result-details';

const fmt = (v: number) =>
  Number.isFinite(v)
    ? v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)
      ? v.toExponential(3)
      : Number(v.toPrecision(6)).toString()
    : '—';

export function ResultCard() {
  const id = useId();
  const selected = useFit((s) => s.selected);
  const candidates = useFit((s) => s.candidates);
  const status = useFit((s) => s.status);
  // One frame later and in a frame of its own, so the result does not share a frame with the other views.
  const cand = useFrameValue(candidates.find((c) => c.tree === selected) ?? null, 'cockpit:result');
  // The store's prepared data is updated when a large table finishes reading, so a restored result appears then.
  const p = useFit(resultDataOf);
  return (
    <section className="panel cockpit-result" aria-labelledby={`${id}-h`} aria-live="polite">
      <h2 id={`${id}-h`}>Result</h2>
      {!cand || !p ? (
        <p className="help">
          {status === 'running' ? 'Training… the result appears when the run ends.' : 'Press Play to fit the data.'}
        </p>
      ) : (
        <RegionBoundary name="Result details" resetKey={cand.tree}>
          <SafeResultBody cand={cand} p={p} />
        </RegionBoundary>
      )}
    </section>
  );
}

/** Candidates are validated on restore, but a tree that still does not parse is reported here, not thrown. */
function SafeResultBody({ cand, p }: { cand: Candidate; p: PreparedOk }) {
  const parsed = useMemo(() => tryResultTree(cand.tree), [cand.tree]);
  if (!parsed.tree)
    return (
      <p className="parse-error" role="alert">
        This result's tree “{excerpt(cand.tree, 60)}” does not parse ({excerpt(parsed.error ?? '', 160)}); run the fit
        again.
      </p>
    );
  return <ResultBody cand={cand} p={p} tree={parsed.tree} />;
}

function ResultBody({ cand, p, tree }: { cand: Candidate; p: PreparedOk; tree: EmlNode }) {
  const semantics = useFit((s) => s.settings.checkSemantics);
  const [cert, setCert] = useState<{ key: string; c: CertifiedFormula | null; error?: string } | null>(null);
  /** Bumped by "Try again" after the certifier failed: a new request (and, after a crash, a new worker). */
  const [attempt, setAttempt] = useState(0);
  const key = `${semantics} ${cand.tree} ${attempt}`;
  useEffect(() => {
    let live = true;
    certifyAsync(cand.tree, p.split.train, p.fresh, semantics, cand.constants).then(
      (c) => live && postFrameJob(JOB_CERT, () => setCert({ key, c })),
      (e: Error) => live && postFrameJob(JOB_CERT, () => setCert({ key, c: null, error: e.message })),
    );
    return () => {
      live = false;
      cancelFrameJob(JOB_CERT);
    };
  }, [cand.tree, cand.constants, p, semantics, key, attempt]);
  // A tree's decimal constant leaves are evaluated as inputs bound to their values (fit/certificate.ts).
  const c = cand.constants;
  const train = useMemo(() => evaluateFit(tree, bindConstants(p.split.train, c), semantics), [tree, c, p, semantics]);
  const val = useMemo(
    () => (p.split.validation.n ? evaluateFit(tree, bindConstants(p.split.validation, c), semantics) : null),
    [tree, c, p, semantics],
  );
  const curve = useMemo(() => {
    const pr = predict(tree, bindConstants(p.dataset, c), semantics);
    return { x: p.dataset.x[0], y: pr.re };
  }, [tree, c, p, semantics]);
  if (cert?.key === key && cert.error) {
    return (
      <div className="parse-error" role="alert" data-testid="certificate-failed">
        <p>The certificate could not be computed: {excerpt(cert.error, 200)}.</p>
        <button type="button" onClick={() => setAttempt((a) => a + 1)}>
          Try again
        </button>
      </div>
    );
  }
  if (!cert || cert.key !== key || !cert.c) {
    return <p className="help">{`Verifying ${excerpt(cand.tree, 200)} in float64 (${semantics})…`}</p>;
  }
  return (
    <ResultDetails
      cand={cand}
      p={p}
      tree={tree}
      cert={cert.c.certificate}
      formulaHtml={cert.c.formulaHtml}
      train={train}
      val={val}
      curve={curve}
    />
  );
}

function ResultDetails({
  cand,
  p,
  tree,
  cert,
  formulaHtml,
  train,
  val,
  curve,
}: {
  cand: Candidate;
  p: PreparedOk;
  tree: EmlNode;
  cert: Certificate;
  formulaHtml: string;
  train: FitMetrics;
  val: FitMetrics | null;
  curve: { x: Float64Array; y: Float64Array };
}) {
  // The verdict and formula first; the metrics, plot and actions in the next frame of their own.
  const [restShown, setRestShown] = useState<string | null>(null);
  useEffect(() => {
    postFrameJob(JOB_DETAILS, () => setRestShown(cand.tree));
    return () => cancelFrameJob(JOB_DETAILS);
  }, [cand.tree]);
  const openInPlayground = () => {
    const doc = usePlayground.getState().doc;
    usePlayground.getState().load({ ...doc, text: printFunctional(tree), inputKind: 'eml' });
    location.hash = '#';
  };
  const runJson = () => {
    const s = useFit.getState();
    return JSON.stringify(
      {
        tree: cand.tree,
        ...(cand.constants ? { constants: cand.constants } : {}),
        k: cand.k,
        depth: cand.depth,
        formula: cert.formula,
        certificate: cert,
        metrics: { train, validation: val },
        settings: s.settings,
        split: { validation: s.validation, seed: s.splitSeed },
        mapping: p.mapping,
        candidates: s.candidates,
        link: runHash(runStateOf(s, p.mapping)) ?? 'none: the table is too large for a link',
      },
      (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v),
      2,
    );
  };
  const predictionsCsv = () => {
    const ds = p.dataset;
    const pr = predict(tree, bindConstants(ds, cand.constants), cert.semantics);
    const valRows = new Set(p.split.validation.rows);
    const head = [...ds.vars, 'target', 'prediction', 'residual', 'split'];
    const lines = [head.join(',')];
    for (let i = 0; i < ds.n; i++)
      lines.push(
        [
          ...ds.x.map((c) => c[i]),
          ds.y[i],
          pr.re[i],
          pr.re[i] - ds.y[i],
          valRows.has(ds.rows[i]) ? 'validation' : 'train',
        ].join(','),
      );
    return lines.join('\n');
  };
  const row = (label: string, m: FitMetrics | null) => (
    <tr>
      <th scope="row">{label}</th>
      <td>{m ? fmt(m.rmse) : '—'}</td>
      <td>{m ? fmt(m.r2) : '—'}</td>
      <td>{m ? fmt(m.maxError) : '—'}</td>
      <td>{m ? m.n : 0}</td>
    </tr>
  );
  return (
    <>
      <div className={`certificate ${cert.exact ? 'is-exact' : 'is-approx'}`} data-testid="certificate">
        <p className="verdict">{cert.exact ? '✓ Exact recovery (certified)' : 'Approximation'}</p>
        <ul>
          {cert.checks.map((c) => (
            <li key={c.label}>
              <span aria-hidden="true">{c.pass ? '✓' : '✗'}</span> <strong>{c.label}</strong> (
              {c.pass ? 'passed' : 'failed'}): {c.detail}
            </li>
          ))}
        </ul>
      </div>
      <FormulaLine label="Recovered formula" testId="formula">
        f = <Katex tex={cert.formula.latex} html={formulaHtml} label={cert.formula.text} display={false} />
      </FormulaLine>
      <p>
        Decompiled: <code data-testid="formula-text">{cert.formula.text}</code> · K = <strong>{cand.k}</strong> · depth{' '}
        {cand.depth} · init {cand.init}
      </p>
      <p className="formula-eml">
        EML tree: <code>{cand.tree}</code>
      </p>
      {cand.constants && (
        <p className="formula-constants" data-testid="result-constants">
          Fitted constants (decimal leaves, not snapped to a closed form):{' '}
          {Object.entries(cand.constants).map(([name, v], i) => (
            <span key={name}>
              {i > 0 && ', '}
              <code>{name}</code> = {v}
            </span>
          ))}
        </p>
      )}
      {restShown === cand.tree && (
        <>
          <table className="metrics">
            <caption>Fit of the snapped tree (float64, {cert.semantics})</caption>
            <thead>
              <tr>
                <th scope="col">rows</th>
                <th scope="col">RMSE</th>
                <th scope="col">R²</th>
                <th scope="col">max error</th>
                <th scope="col">points</th>
              </tr>
            </thead>
            <tbody>
              {row('training', train)}
              {row('validation', val)}
            </tbody>
          </table>
          <RegionBoundary name="Result plot" resetKey={cand.tree}>
            <Scatter
              prepared={p}
              curve={curve}
              label={`Data and the fitted formula ${excerpt(cert.formula.text, 200)}`}
            />
          </RegionBoundary>
          <div className="controls" role="group" aria-label="Result actions">
            <button type="button" onClick={openInPlayground}>
              Open in playground
            </button>
            <ExportButtons
              exports={[
                { label: 'Export LaTeX', file: 'formula.tex', text: () => cert.formula.latex },
                { label: 'Export EML', file: 'tree.eml', text: () => cand.tree },
                { label: 'Export run JSON', file: 'run.json', text: runJson, type: 'application/json' },
                { label: 'Export predictions CSV', file: 'predictions.csv', text: predictionsCsv, type: 'text/csv' },
              ]}
            />
          </div>
        </>
      )}
    </>
  );
}
