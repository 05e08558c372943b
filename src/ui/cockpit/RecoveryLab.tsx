/**
 * The "Recovery lab": N seeds × init strategies on one of the paper's targets (at its depth), on random targets (a
 * fresh tree per seed, of a chosen depth and shape), on a tree the user writes, or on the user's data (at a chosen
 * depth), run one batch after another in the training workers; the success table and a histogram of snapped MSE sit
 * beside the paper's published rates, quoted with their source. The controller reads the target text, so a bad
 * tree is a message here.
 */
import { useEffect, useId } from 'react';
import { aggregate, mseHistogram, PUBLISHED_SOURCE, publishedFor } from '../../fit/lab.ts';
import { useFit } from '../../store/fitStore.ts';
import { MAX_TARGET_DEPTH, TARGET_SHAPES, type TargetShape } from '../../training/randomTarget.ts';
import { RANDOM_INITS } from '../../training/settings.ts';
import { TARGET_NAMES } from '../../training/targets.ts';
import { LabController } from './labController.ts';

/** The lab's controller (labController.ts): state lives in the store's lab slice, not here. */
const lab = new LabController({ store: useFit });

export function RecoveryLab() {
  const id = useId();
  const { target, seeds, userDepth, randomShape, treeText, inits, runs, busy, error } = useFit((s) => s.lab);
  const patchLab = useFit((s) => s.patchLab);
  // Leaving the cockpit ends a batch in flight (its workers are released), as closing the lab always did.
  useEffect(() => () => lab.cancel(), []);
  const setTarget = (t: string) => patchLab({ target: t });
  const setUserDepth = (d: number) => patchLab({ userDepth: d });
  const maxDepth = target === 'random' ? MAX_TARGET_DEPTH : 6;
  const drawn = runs.filter((r) => r.tree !== undefined);
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
            <option value="random">random targets of depth d</option>
            <option value="tree">a target tree you write</option>
            <option value="data">your data</option>
          </select>
        </label>
        {(target === 'data' || target === 'random') && (
          <label className="field">
            {target === 'random' ? 'Depth d of the random targets' : 'Lab depth'}
            <input
              type="number"
              min={1}
              max={maxDepth}
              value={Math.min(userDepth, maxDepth)}
              onChange={(e) => setUserDepth(Math.max(1, Math.min(maxDepth, Math.floor(Number(e.target.value)) || 1)))}
              disabled={!!busy}
            />
          </label>
        )}
        {target === 'random' && (
          <label className="field">
            Shape of the random targets
            <select
              value={randomShape}
              onChange={(e) => patchLab({ randomShape: e.target.value as TargetShape })}
              disabled={!!busy}
            >
              {TARGET_SHAPES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
        {target === 'tree' && (
          <label className="field">
            Target tree (EML over x and y)
            <input
              type="text"
              spellCheck={false}
              value={treeText}
              onChange={(e) => patchLab({ treeText: e.target.value })}
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
      {target === 'random' && (
        <p className="help">
          A fresh valid tree per seed (seeded from the run's seed + seed index), x and y at depth d only: chain = every
          eml node has a leaf child; bushy = both root children reach depth d − 1, with at least min(2^(d−1), 3d) eml
          nodes; any = no shape constraint.
        </p>
      )}
      {drawn.length > 0 && (
        <details>
          <summary>Random targets drawn ({drawn.length} runs)</summary>
          <ul className="lab-trees">
            {drawn.map((r, i) => (
              <li key={i}>
                {r.init}: <code>{r.tree}</code> — {r.exact ? 'exact' : r.fit ? 'fit' : 'not recovered'}
              </li>
            ))}
          </ul>
        </details>
      )}
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
