/**
 * The formula search's settings and live progress, shown in the Training region when the method is "find
 * formula". The numbers come from the fit store's search slice (≤ 10 updates a second).
 */
import { useId } from 'react';
import { BUDGET_RANGE, type FitSettings } from '../../fit/fitSettings.ts';
import { useFit } from '../../store/fitStore.ts';
import { grouped } from './searchAdvice.ts';
import { Term } from './Term.tsx';

const fmt = (v: number) =>
  Number.isFinite(v)
    ? v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)
      ? v.toExponential(2)
      : Number(v.toPrecision(3)).toString()
    : '—';

export function SearchSettings({ disabled }: { disabled: boolean }) {
  const id = useId();
  const settings = useFit((s) => s.settings);
  const set = (patch: Partial<FitSettings>) => useFit.getState().setSettings(patch);
  return (
    <fieldset className="settings" disabled={disabled}>
      <legend>Search settings</legend>
      <div className="field-row">
        <label className="field">
          Time budget (s)
          <input
            type="number"
            min={BUDGET_RANGE.min}
            max={BUDGET_RANGE.max}
            step={1}
            value={settings.budgetS}
            onChange={(e) =>
              set({
                budgetS: Math.max(
                  BUDGET_RANGE.min,
                  Math.min(BUDGET_RANGE.max, Number(e.target.value) || BUDGET_RANGE.min),
                ),
              })
            }
            aria-describedby={`${id}-budget`}
          />
        </label>
        <label className="field">
          Seed
          <input
            type="number"
            min={0}
            step={1}
            value={settings.seed}
            onChange={(e) => set({ seed: Math.max(0, Math.floor(Number(e.target.value)) || 0) })}
            aria-describedby={`${id}-seed`}
          />
        </label>
      </div>
      <p className="help" id={`${id}-budget`}>
        The search tries formulas built from +, −, ×, ÷, powers, exp, ln and √ with fitted constants, smallest first, on
        every core but one, until the budget ends or a formula fits within the data's precision; three quarters of the
        budget searches, the rest{' '}
        <Term
          word="snaps"
          explain="Snapping replaces each fitted constant by the simplest closed form (an integer, p/q, e, π, their products and powers) that keeps the fit within the data's precision."
        />{' '}
        the constants and judges the formulas.
      </p>
      <p className="help" id={`${id}-seed`}>
        The same seed and data give the same search order; the worker count (cores − 1) decides how the enumeration is
        split into{' '}
        <Term
          word="shards"
          explain="Each worker fits only the formulas whose hash falls in its share of the enumeration, and mutates its own hall of fame with its own seed."
        />
        , and a search cut by its time budget depends on the machine's speed.
      </p>
    </fieldset>
  );
}

export function SearchProgress() {
  const search = useFit((s) => s.search);
  const live = search.live;
  const ended = search.status === 'done' || search.status === 'error';
  const phase = ended
    ? search.status === 'done'
      ? `ended (${search.result?.stopped ?? '—'})`
      : 'failed'
    : live
      ? live.phase === 'enumerate'
        ? `enumerating size ${live.level}`
        : live.phase === 'evolve'
          ? 'evolving the best formulas'
          : live.phase === 'gradient'
            ? 'training the generalised gradient model'
            : 'finishing: snapping constants, EML trees, verdicts'
      : '—';
  return (
    <div className="progress" aria-live="off">
      <dl className="progress-list">
        <div>
          <dt>Status</dt>
          <dd data-testid="search-status">{search.status}</dd>
        </div>
        <div>
          <dt>Phase</dt>
          <dd data-testid="search-phase">{phase}</dd>
        </div>
        <div>
          <dt>Elapsed</dt>
          <dd>
            {search.status === 'done' && search.result
              ? `${search.result.seconds.toFixed(1)} s`
              : live
                ? `${(live.elapsedMs / 1000).toFixed(1)} s`
                : '—'}
          </dd>
        </div>
        <div>
          <dt>Candidates fitted</dt>
          <dd data-testid="search-evaluated">{live ? grouped(live.evaluated) : '—'}</dd>
        </div>
        <div>
          <dt>Best MSE so far</dt>
          <dd>{live ? fmt(live.bestMse) : '—'}</dd>
        </div>
        <div>
          <dt>Workers</dt>
          <dd>{live ? live.workers : '—'}</dd>
        </div>
      </dl>
      {live?.best && (
        <p className="help">
          Best structure so far:{' '}
          <code data-testid="search-best">{live.best.length > 200 ? `${live.best.slice(0, 200)}…` : live.best}</code>{' '}
          (v0, v1… are the inputs, c a fitted constant)
        </p>
      )}
      {search.status === 'error' && search.message && (
        <p className="parse-error" role="alert" data-testid="search-error">
          {search.message}
        </p>
      )}
    </div>
  );
}
