/**
 * The fit plot of a search result: for one input, the data (training filled, validation hollow) with the selected
 * formula's curve, and the residuals below; for two or more inputs, predicted against actual (the diagonal is a
 * perfect fit) and the residuals against actual. All values come from the worker (protocol.ts SearchPlot).
 */
import type { SearchPlot as Plot } from '../../workers/protocol.ts';
import { finiteExtent, linearAxis, tickLabel, type Axis } from './axes.ts';

const W = 420;
const H = 200;
const HR = 110;
const M = { top: 10, right: 10, bottom: 28, left: 56 };

function Frame({
  x,
  y,
  h,
  xLabel,
  yLabel,
  children,
  label,
}: {
  x: Axis;
  y: Axis;
  h: number;
  xLabel: string;
  yLabel: string;
  children: React.ReactNode;
  label: string;
}) {
  return (
    <svg viewBox={`0 0 ${W} ${h}`} role="img" aria-label={label}>
      <g className="axis">
        {x.ticks.map((t, i) => (
          <text key={`x${i}`} x={x.map(t)} y={h - 8} textAnchor="middle">
            {tickLabel(t)}
          </text>
        ))}
        {y.ticks.map((t, i) => (
          <text key={`y${i}`} x={M.left - 6} y={y.map(t) + 4} textAnchor="end">
            {tickLabel(t)}
          </text>
        ))}
        <line x1={M.left} x2={W - M.right} y1={h - M.bottom} y2={h - M.bottom} />
        <line x1={M.left} x2={M.left} y1={M.top} y2={h - M.bottom} />
        <title>{`${yLabel} against ${xLabel}`}</title>
      </g>
      {children}
    </svg>
  );
}

/** One path of small circles per set (one DOM node for up to 2000 points). */
function dots(xs: ArrayLike<number>, ys: ArrayLike<number>, from: number, to: number, x: Axis, y: Axis, cls: string) {
  let d = '';
  for (let i = from; i < to; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
    d += `M${(x.map(xs[i]) - 2.5).toFixed(1)},${y.map(ys[i]).toFixed(1)}a2.5,2.5 0 1,0 5,0a2.5,2.5 0 1,0 -5,0`;
  }
  return <path className={cls} d={d} />;
}

export function SearchPlot({ plot, index, formula }: { plot: Plot; index: number; formula: string }) {
  const pred = plot.pred[index];
  if (!pred) return null;
  const n = plot.y.length;
  const one = plot.x.length === 1;
  const hx = one ? plot.x[0] : plot.y;
  const hy = one ? plot.y : pred;
  const res = Float64Array.from(plot.y, (v, i) => v - pred[i]);
  const xe = finiteExtent(hx) ?? [0, 1];
  const ye = finiteExtent(hy, plot.y) ?? [0, 1];
  const re = finiteExtent(res) ?? [-1, 1];
  const x = linearAxis(xe[0], xe[1], M.left, W - M.right);
  const y = linearAxis(ye[0], ye[1], H - M.bottom, M.top);
  const yr = linearAxis(Math.min(re[0], 0), Math.max(re[1], 0), HR - M.bottom, M.top, 3);
  let curve = '';
  const grid = one ? plot.grid : null;
  if (grid) {
    const gy = grid.pred[index];
    let pen = 'M';
    for (let i = 0; i < grid.x.length; i++) {
      if (!Number.isFinite(gy[i]) || gy[i] < ye[0] - (ye[1] - ye[0]) || gy[i] > ye[1] + (ye[1] - ye[0])) {
        pen = 'M';
        continue;
      }
      curve += `${pen}${x.map(grid.x[i]).toFixed(1)},${y.map(gy[i]).toFixed(1)}`;
      pen = 'L';
    }
  }
  const inName = plot.vars[0] ?? 'x';
  const xLabel = one ? inName : `actual ${plot.target}`;
  return (
    <figure className="scatter search-plot" data-testid="search-plot">
      <div className="plot-clip">
        <Frame
          x={x}
          y={y}
          h={H}
          xLabel={xLabel}
          yLabel={one ? plot.target : `predicted ${plot.target}`}
          label={
            one
              ? `Data and the curve of ${formula}, ${n} points`
              : `Predicted against actual ${plot.target} for ${formula}, ${n} points`
          }
        >
          {!one && (
            <line className="diagonal" x1={x.map(xe[0])} y1={y.map(xe[0])} x2={x.map(xe[1])} y2={y.map(xe[1])} />
          )}
          {dots(hx, hy, 0, plot.nTrain, x, y, 'dot-train')}
          {dots(hx, hy, plot.nTrain, n, x, y, 'dot-val')}
          {curve && <path className="fit-curve" d={curve} />}
        </Frame>
        <Frame
          x={x}
          y={yr}
          h={HR}
          xLabel={xLabel}
          yLabel="residual"
          label={`Residuals (data − formula) against ${xLabel}`}
        >
          <line className="zero" x1={M.left} x2={W - M.right} y1={yr.map(0)} y2={yr.map(0)} />
          {dots(hx, res, 0, plot.nTrain, x, yr, 'dot-train')}
          {dots(hx, res, plot.nTrain, n, x, yr, 'dot-val')}
        </Frame>
      </div>
      <figcaption className="help">
        {one
          ? `● training, ○ validation, line: the formula; below, the residuals (data − formula) against “${inName}”.`
          : `Predicted against actual (the diagonal is a perfect fit), ● training, ○ validation; below, the residuals against actual.`}
      </figcaption>
    </figure>
  );
}
