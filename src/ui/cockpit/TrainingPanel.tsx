/**
 * The "Training" region: settings (paper defaults shown), TF-Playground-style controls with keyboard shortcuts
 * (space = play/pause, → = step, unless focus is in a form control), progress, the live loss chart and tree.
 */
import { DocRefText } from '../docs/DocRefText.tsx';
import { useEffect, useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { depthsOf, INIT_CHOICES, methodFor, trainSettingsFor, type FitSettings } from '../../fit/fitSettings.ts';
import { SEMANTICS, SEMANTICS_INFO, type Semantics } from '../../eml/evaluate/semantics.ts';
import { useFit, type LiveInfo } from '../../store/fitStore.ts';
import { ENGINE_KINDS, ENGINE_LABELS, MODEL_KINDS, MODEL_TABLE, type ModelKind } from '../../training/settings.ts';

import { RegionBoundary } from '../ErrorBoundary.tsx';
import { controller } from './controller.ts';
import { LiveTreeView } from './LiveTreeView.tsx';
import { LossChart } from './LossChart.tsx';
import { fitActions } from './fitActions.ts';
import { SearchProgress, SearchSettings } from './SearchControls.tsx';
import { Term } from './Term.tsx';

/** What the Phase row says for each phase of a restart (restartState.ts). */
const PHASE_LABELS: Record<LiveInfo['phase'], string> = {
  search: 'search',
  hardening: 'hardening',
  anneal: 'annealing (discrete search)',
  snap: 'snapping',
  done: 'snapped',
};

const isFormControl = (t: EventTarget | null) =>
  t instanceof HTMLElement &&
  (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'SUMMARY'].includes(t.tagName));

export function TrainingPanel() {
  const id = useId();
  const settings = useFit((s) => s.settings);
  const { status, message, resumable } = useFit(
    useShallow((s) => ({ status: s.status, message: s.message, resumable: s.resumable })),
  );
  const set = (patch: Partial<FitSettings>) => useFit.getState().setSettings(patch);
  const source = useFit((s) => s.source);
  const searchStatus = useFit((s) => s.search.status);
  const method = methodFor(settings, source);
  const searching = searchStatus === 'running' || searchStatus === 'finishing';
  const busy = method === 'search' ? searching : status === 'running' || status === 'paused' || status === 'starting';
  const paper = trainSettingsFor({ ...settings, searchIters: null, hardeningIters: null }, depthsOf(settings)[0]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || isFormControl(e.target)) return;
      if (e.key === ' ') {
        e.preventDefault();
        fitActions.play();
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        fitActions.step();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => () => controller.dispose(), []);

  const intOrNull = (v: string) => (v.trim() === '' ? null : Math.max(1, Math.floor(Number(v)) || 1));
  return (
    <section className="panel cockpit-training" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Training</h2>
      <div className="field-row">
        <label className="field">
          Protocol
          <select
            value={method === 'search' ? 'search' : settings.mode}
            disabled={busy}
            aria-describedby={`${id}-method`}
            onChange={(e) =>
              e.target.value === 'search'
                ? set({ method: 'search' })
                : set({ method: 'gradient', mode: e.target.value as FitSettings['mode'] })
            }
          >
            <option value="search">find formula (structural search)</option>
            <option value="improved">train an EML tree: improved (snap search, adaptive restarts)</option>
            <option value="paper">train an EML tree: paper (reference schedule)</option>
          </select>
        </label>
        <p className="help" id={`${id}-method`}>
          {method === 'search'
            ? 'Finds a readable formula with fitted constants, one per complexity, and ends with its pure EML tree; judged by the precision of your data.'
            : settings.model === 'general'
              ? 'A full binary tree of eml nodes of the chosen depth, trained by gradient descent and then snapped to a pure EML tree, with the general model chosen below.'
              : 'The paper’s parametrisation: a full binary tree of eml nodes of the chosen depth whose every input is a soft choice among 1, the inputs and the child, trained by gradient descent and then snapped to a pure EML tree.'}
        </p>
      </div>
      {method !== 'search' && (
        <div className="field-row">
          <label className="field">
            Model
            <select
              value={settings.model}
              disabled={busy}
              aria-describedby={`${id}-model`}
              onChange={(e) => set({ model: e.target.value as ModelKind })}
            >
              {MODEL_KINDS.map((m) => (
                <option key={m} value={m}>
                  {MODEL_TABLE[m].label}
                </option>
              ))}
            </select>
          </label>
          <p className="help" id={`${id}-model`}>
            {MODEL_TABLE[settings.model].explain}
            {settings.model === 'general' &&
              ' The live tree cannot show its soft choices (another layout): the result card shows the snapped tree; τ and the loss are charted as usual.'}
          </p>
        </div>
      )}
      {method === 'search' ? (
        <SearchSettings disabled={busy} />
      ) : (
        <fieldset className="settings" disabled={busy}>
          <legend>Settings</legend>
          <div className="field-row">
            <label className="field">
              Depth
              <select
                value={String(settings.depth)}
                onChange={(e) => set({ depth: e.target.value === 'sweep' ? 'sweep' : Number(e.target.value) })}
              >
                {[1, 2, 3, 4, 5, 6].map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
                <option value="sweep">sweep depths 1…6</option>
              </select>
            </label>
            <label className="field">
              Init strategy
              <select value={settings.init} onChange={(e) => set({ init: e.target.value as FitSettings['init'] })}>
                {INIT_CHOICES.map((i) => (
                  <option key={i} value={i}>
                    {i === 'all' ? 'all four (cycled)' : i}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              Restarts
              <input
                type="number"
                min={1}
                max={64}
                step={1}
                value={settings.restarts}
                onChange={(e) => set({ restarts: Math.max(1, Math.min(64, Math.floor(Number(e.target.value)) || 1)) })}
              />
            </label>
            <label className="field">
              Engine
              <select
                value={settings.engine}
                onChange={(e) => set({ engine: e.target.value as FitSettings['engine'] })}
              >
                {ENGINE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {ENGINE_LABELS[k]}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              Seed
              <input
                type="number"
                min={0}
                step={1}
                value={settings.seed}
                onChange={(e) => set({ seed: Math.max(0, Math.floor(Number(e.target.value)) || 0) })}
              />
            </label>
          </div>
          <div className="field-row">
            <label className="field">
              Search steps
              <input
                type="number"
                min={1}
                step={100}
                placeholder={String(paper.searchIters)}
                value={settings.searchIters ?? ''}
                onChange={(e) => set({ searchIters: intOrNull(e.target.value) })}
              />
            </label>
            <label className="field">
              Hardening steps
              <input
                type="number"
                min={1}
                step={100}
                placeholder={String(paper.hardeningIters)}
                value={settings.hardeningIters ?? ''}
                onChange={(e) => set({ hardeningIters: intOrNull(e.target.value) })}
              />
            </label>
          </div>
          <div className="field-row">
            <label className="field">
              Final check semantics
              <select
                value={settings.checkSemantics}
                onChange={(e) => set({ checkSemantics: e.target.value as Semantics })}
                aria-describedby={`${id}-sem`}
              >
                {SEMANTICS.map((m) => (
                  <option key={m} value={m}>
                    {SEMANTICS_INFO[m].label}
                  </option>
                ))}
              </select>
            </label>
            <p className="help" id={`${id}-sem`}>
              {SEMANTICS_INFO[settings.checkSemantics].description} Training always runs in complex float64; only the
              certificate uses this. Source: {SEMANTICS_INFO[settings.checkSemantics].source}.
            </p>
          </div>
          <p className="help">
            Paper schedule for depth {depthsOf(settings)[0]}: Adam, search {paper.searchIters} steps at{' '}
            <Term
              word="τ"
              explain="The softmax temperature of each input's choice: large τ blends the options, small τ commits to one."
            />{' '}
            = {paper.tauSearch} (patience {paper.patience}),{' '}
            <Term
              word="hardening"
              explain="The second phase: τ is lowered step by step so every soft choice becomes a single input."
            />{' '}
            {paper.hardeningIters} steps annealing τ to {paper.tauHard}, then{' '}
            <Term
              word="snap"
              explain="Each choice is replaced by its most likely input, giving a pure EML tree whose loss is then checked."
            />{' '}
            (<DocRefText text="docs/fitting.md#hyper-parameters" />
            ).{' '}
            <Term
              word="Init strategies"
              explain="How the soft tree's choices start before training: uniform, biased to 1, to the inputs, or to the children; “all four” cycles them over the restarts."
            />
            .
          </p>
        </fieldset>
      )}
      {method === 'gradient' && (
        <label className="field lr-field">
          Learning rate (applies live)
          <input
            type="number"
            min={0.0001}
            max={1}
            step={0.001}
            value={settings.lr}
            onChange={(e) => controller.setLr(Number(e.target.value))}
          />
        </label>
      )}
      <div className="controls" role="group" aria-label="Training controls">
        <button
          type="button"
          className="primary"
          onClick={() => fitActions.play()}
          aria-keyshortcuts="Space"
          aria-disabled={method === 'search' && searching}
        >
          {method === 'search'
            ? 'Play'
            : status === 'running' || status === 'starting'
              ? 'Pause'
              : status === 'paused'
                ? 'Resume'
                : 'Play'}
        </button>
        <button
          type="button"
          onClick={() => fitActions.step()}
          aria-keyshortcuts="ArrowRight"
          disabled={method === 'search'}
        >
          Step
        </button>
        <button
          type="button"
          onClick={() => fitActions.stop()}
          disabled={!busy}
          title={method === 'search' ? 'End the search now and keep the best formulas found so far' : undefined}
        >
          Stop
        </button>
        <button type="button" onClick={() => fitActions.reset()}>
          Reset
        </button>
        <span className="help">
          {method === 'search' ? 'Space: play · Stop keeps the best so far' : 'Space: play/pause · →: step'}
        </span>
      </div>
      {method === 'search' ? (
        <RegionBoundary name="Search progress">
          <SearchProgress />
        </RegionBoundary>
      ) : (
        <>
          {status === 'error' && message && (
            <div className="parse-error" role="alert" data-testid="run-error">
              <p>{message}</p>
              {resumable && (
                <button type="button" onClick={() => controller.resumeRun()}>
                  Resume from checkpoint
                </button>
              )}
            </div>
          )}
          <RegionBoundary name="Progress">
            <Progress />
          </RegionBoundary>
          <RegionBoundary name="Loss chart">
            <LossChart />
          </RegionBoundary>
          <RegionBoundary name="Live tree">
            <LiveTreeView />
          </RegionBoundary>
        </>
      )}
    </section>
  );
}

const fmt = (v: number, d = 3) =>
  Number.isFinite(v)
    ? Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0)
      ? v.toExponential(2)
      : Number(v.toPrecision(d)).toString()
    : '—';

function Progress() {
  const live = useFit((s) => s.live);
  const status = useFit((s) => s.status);
  const message = useFit((s) => s.message);
  return (
    <div className="progress" aria-live="off">
      <dl className="progress-list">
        <div>
          <dt>Status</dt>
          <dd data-testid="run-status">{status}</dd>
        </div>
        <div>
          <dt>Phase</dt>
          <dd>{live ? PHASE_LABELS[live.phase] : '—'}</dd>
        </div>
        <div>
          <dt>Depth</dt>
          <dd>{live?.depth ?? '—'}</dd>
        </div>
        <div>
          <dt>Step</dt>
          <dd>{live?.step ?? 0}</dd>
        </div>
        <div>
          <dt>τ</dt>
          <dd>{live ? fmt(live.tau) : '—'}</dd>
        </div>
        <div>
          <dt>Elapsed</dt>
          <dd>{live ? `${(live.elapsedMs / 1000).toFixed(1)} s` : '—'}</dd>
        </div>
        <div>
          <dt>Engine</dt>
          <dd>
            {live ? `${live.engine} (${live.backend}), ${live.workers} worker${live.workers === 1 ? '' : 's'}` : '—'}
          </dd>
        </div>
        <div>
          <dt>Steps/s</dt>
          <dd>{live ? Math.round(live.stepsPerSecond) : '—'}</dd>
        </div>
      </dl>
      {status !== 'error' && message && <p className="help">{message}</p>}
    </div>
  );
}
