/**
 * The "Recovery lab": N seeds × init strategies on one of the paper's targets (at its depth) or on the user's data
 * (at a chosen depth), run one batch after another in the training workers; the success table and a histogram of
 * snapped MSE sit beside the paper's published rates, quoted with their source.
 */
import { useEffect, useId } from 'react';
import { aggregate, mseHistogram, PUBLISHED_SOURCE, publishedFor } from '../../fit/lab.ts';
import { useFit } from '../../store/fitStore.ts';
import { RANDOM_INITS } from '../../training/settings.ts';
import { TARGET_NAMES } from '../../training/targets.ts';
import { LabController } from './labController.ts';

/** The lab's controller (labController.ts): state lives in the store's lab slice, not here. */
const lab = new LabController({ store: useFit });

export function RecoveryLab() {
  const id = useId();
  const { target, seeds, userDepth, inits, runs, busy, error } = useFit((s) => s.lab);
  const patchLab = useFit((s) => s.patchLab);
  // Leaving the cockpit ends a batch in flight (its workers are released), as closing the lab always did.
  useEffect(() => () => lab.cancel(), []);
  const setTarget = (t: string) => patchLab({ target: t });
  const setUserDepth = (d: number) => patchLab({ userDepth: d });
  const setSeeds = (n: number) => patchLab({ seeds: n });
  const setInits = (i: typeof inits) => patchLab({ inits: i });
  const run = () => lab.run();
  const cancel = () => lab.cancel();

  const rows = aggregate(runs);
  const bins = mseHistogram(runs);
  const maxBin = Math.max(1, ...bins.map((b) => b.count));
  const published = publishedFor(target);
  return (
    <section className="panel cockpit-lab" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Recovery lab</h2>
      <div className="field-row">
        <label className="field">
          Target
          <select value={target} onChange={(e) => setTarget(e.target.value)} disabled={!!busy}>
            {TARGET_NAMES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
            <option value="data">your data</option>
          </select>
        </label>
        {target === 'data' && (
          <label className="field">
            Lab depth
            <input
              type="number"
              min={1}
              max={6}
              value={userDepth}
              onChange={(e) => setUserDepth(Math.max(1, Math.min(6, Math.floor(Number(e.target.value)) || 1)))}
              disabled={!!busy}
            />
          </label>
        )}
        <label className="field">
          Seeds per strategy
          <input
            type="number"
            min={1}
            max={64}
            value={seeds}
            onChange={(e) => setSeeds(Math.max(1, Math.min(64, Math.floor(Number(e.target.value)) || 1)))}
            disabled={!!busy}
          />
        </label>
        <fieldset className="segmented">
          <legend>Init strategies</legend>
          {RANDOM_INITS.map((i) => (
            <label key={i} className="check">
              <input
                type="checkbox"
                checked={inits.includes(i)}
                disabled={!!busy}
                onChange={(e) => setInits(e.target.checked ? [...inits, i] : inits.filter((x) => x !== i))}
              />{' '}
              {i}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="controls">
        <button type="button" onClick={() => void run()} disabled={!!busy || inits.length === 0}>
          Run lab
        </button>
        <button type="button" onClick={cancel} disabled={!busy}>
          Cancel
        </button>
        <span className="help" role="status">
          {busy ?? (runs.length ? `${runs.length} runs done (protocol: ${useFit.getState().settings.mode}).` : '')}
        </span>
      </div>
      {error && (
        <p className="parse-error" role="alert">
          {error}
        </p>
      )}
      <div className="lab-grid">
        <table className="metrics">
          <caption>
            Our runs (fit = snapped MSE &lt; 1e−6; exact = certified &lt; 1e−20 on training and fresh points)
          </caption>
          <thead>
            <tr>
              <th scope="col">target</th>
              <th scope="col">depth</th>
              <th scope="col">init</th>
              <th scope="col">fit</th>
              <th scope="col">exact</th>
              <th scope="col">abandoned</th>
              <th scope="col">median steps</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.target}${r.depth}${r.init}`}>
                <td>{r.target}</td>
                <td>{r.depth}</td>
                <td>{r.init}</td>
                <td>
                  {r.fit}/{r.runs}
                </td>
                <td>
                  {r.exact}/{r.runs}
                </td>
                <td>{r.abandoned}</td>
                <td>{Number.isFinite(r.medianSteps) ? r.medianSteps : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="metrics">
          <caption>Published (paper's reference trainer). Source: {PUBLISHED_SOURCE}.</caption>
          <thead>
            <tr>
              <th scope="col">target</th>
              <th scope="col">init</th>
              <th scope="col">success</th>
              <th scope="col">note</th>
            </tr>
          </thead>
          <tbody>
            {published.length === 0 ? (
              <tr>
                <td colSpan={4}>No published rate for this target.</td>
              </tr>
            ) : (
              published.map((r) => (
                <tr key={r.init}>
                  <td>{r.target}</td>
                  <td>{r.init}</td>
                  <td>
                    {r.successes}/{r.runs}
                  </td>
                  <td>{r.note ?? ''}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {runs.length > 0 && (
        <svg
          className="histogram"
          viewBox="0 0 420 120"
          role="img"
          aria-label={`Histogram of snapped training MSE over ${runs.length} runs: ${bins
            .filter((b) => b.count)
            .map((b) => `${b.count} in 1e${b.lo}…1e${b.hi}`)
            .join(', ')}`}
        >
          {bins.map((b, i) => (
            <g key={b.lo}>
              <rect x={10 + i * 45} y={100 - (80 * b.count) / maxBin} width={38} height={(80 * b.count) / maxBin} />
              <text x={29 + i * 45} y={114} textAnchor="middle">
                1e{b.lo}
              </text>
              {b.count > 0 && (
                <text x={29 + i * 45} y={96 - (80 * b.count) / maxBin} textAnchor="middle">
                  {b.count}
                </text>
              )}
            </g>
          ))}
        </svg>
      )}
    </section>
  );
}
