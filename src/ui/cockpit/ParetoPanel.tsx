/**
 * The "Pareto front" region: every distinct snapped tree of the run as K against validation MSE (log scale), the
 * front joined and its knee highlighted; clicking a point (or its row) shows that tree in the result card.
 */
import { useId } from 'react';
import { kneeIndex, LOSS_FLOOR, paretoFront } from '../../fit/pareto.ts';
import { useFit, type Candidate } from '../../store/fitStore.ts';
import { finiteExtent, linearAxis, logAxis } from './axes.ts';
import { useFrameValue } from './useFrameValue.ts';

const W = 420;
const H = 220;
const M = { top: 10, right: 12, bottom: 30, left: 58 };

const lossOf = (c: Candidate) => (Number.isNaN(c.mseVal) ? c.mseTrain : c.mseVal);

export function ParetoPanel() {
  const id = useId();
  const candidates = useFrameValue(
    useFit((s) => s.candidates),
    'cockpit:pareto',
  );
  const selected = useFit((s) => s.selected);
  const select = useFit((s) => s.select);
  const pts = candidates
    .filter((c) => Number.isFinite(lossOf(c)))
    .map((c) => ({ id: c.tree, k: c.k, loss: lossOf(c), c }));
  const front = paretoFront(pts);
  const knee = kneeIndex(front);
  const xa = linearAxis(0, Math.max(10, finiteExtent(pts.map((p) => p.k))?.[1] ?? 10) * 1.05, M.left, W - M.right, 6);
  const x = xa.map;
  const le = finiteExtent(pts.map((p) => Math.max(LOSS_FLOOR, p.loss))) ?? [1e-6, 1];
  const ya = logAxis(Math.min(1e-6, le[0]) / 3, Math.max(1, le[1]) * 3, H - M.bottom, M.top);
  const y = ya.map;
  const yv = (l: number) => y(Math.max(LOSS_FLOOR, l));
  return (
    <section className="panel cockpit-pareto" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Pareto front</h2>
      {pts.length === 0 ? (
        <p className="help">
          One point per distinct snapped tree appears here after a run (sweep depths to see the trade-off).
        </p>
      ) : (
        <>
          <svg
            viewBox={`0 0 ${W} ${H}`}
            role="img"
            aria-label={`Pareto front: ${front.length} of ${pts.length} trees; the knee is K = ${front[knee]?.k}`}
          >
            <g className="axis">
              <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} />
              <line x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} />
              {xa.ticks.map((t) => (
                <text key={t} x={x(t)} y={H - 12} textAnchor="middle">
                  {t}
                </text>
              ))}
              {ya.decades.map((t) => (
                <text key={t} x={M.left - 4} y={y(t) + 4} textAnchor="end">
                  1e{Math.round(Math.log10(t))}
                </text>
              ))}
              <text x={W / 2} y={H - 1} textAnchor="middle">
                K (tree size)
              </text>
            </g>
            <path className="pareto-line" d={front.map((p, i) => `${i ? 'L' : 'M'}${x(p.k)},${yv(p.loss)}`).join('')} />
            {pts.map((p) => (
              <circle
                key={p.id}
                cx={x(p.k)}
                cy={yv(p.loss)}
                r={p.id === selected ? 6 : 4}
                className={`pareto-pt${front.includes(p) ? ' on-front' : ''}${front[knee] === p ? ' knee' : ''}`}
                onClick={() => select(p.id)}
              >
                <title>{`K=${p.k}, loss ${p.loss.toExponential(2)}: ${p.id}`}</title>
              </circle>
            ))}
          </svg>
          <table className="metrics pareto-table">
            <caption>Front (validation MSE; training MSE where there is no validation). ★ = knee.</caption>
            <thead>
              <tr>
                <th scope="col">K</th>
                <th scope="col">depth</th>
                <th scope="col">loss</th>
                <th scope="col">tree</th>
              </tr>
            </thead>
            <tbody>
              {front.map((p, i) => (
                <tr key={p.id} className={p.id === selected ? 'is-selected' : undefined}>
                  <td>
                    {p.k}
                    {i === knee ? ' ★' : ''}
                  </td>
                  <td>{p.c.depth}</td>
                  <td>{p.loss.toExponential(2)}</td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => select(p.id)}
                      aria-pressed={p.id === selected}
                    >
                      Show {p.id.length > 40 ? p.id.slice(0, 40) + '…' : p.id}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
