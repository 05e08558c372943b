/**
 * Scatter of the first input against the output (training dots filled, validation hollow), optionally with a
 * fitted curve; at most ~2000 points are drawn so a 100 000-row table stays cheap to render.
 */
import type { Dataset } from '../../fit/dataset.ts';
import type { Prepared } from '../../fit/prepare.ts';
import { excerpt } from '../../fit/table.ts';
import { finiteExtent, linearAxis, tickLabel } from './axes.ts';

const W = 420;
const H = 220;
const M = { top: 10, right: 10, bottom: 28, left: 52 };
const MAX_DRAWN = 2000;

export function Scatter({
  prepared,
  curve,
  label,
}: {
  prepared: Extract<Prepared, { ok: true }>;
  curve?: { x: Float64Array; y: Float64Array } | null;
  label?: string;
}) {
  const { train, validation } = prepared.split;
  const all = prepared.dataset;
  // Any finite values plot (subnormal, ±1e308, all equal): axes.ts never lets d3's tick arithmetic throw.
  const xe = finiteExtent(all.x[0]) ?? [0, 1];
  const ye = finiteExtent(all.y) ?? [0, 1];
  const x = linearAxis(xe[0], xe[1], M.left, W - M.right);
  const y = linearAxis(ye[0], ye[1], H - M.bottom, M.top);
  // One path of tiny circles per set instead of one element per point: hundreds of points stay one DOM node.
  const dots = (ds: Dataset, cls: string) => {
    const stride = Math.max(1, Math.ceil(ds.n / MAX_DRAWN));
    let d = '';
    for (let i = 0; i < ds.n; i += stride)
      d += `M${(x.map(ds.x[0][i]) - 2.5).toFixed(1)},${y.map(ds.y[i]).toFixed(1)}a2.5,2.5 0 1,0 5,0a2.5,2.5 0 1,0 -5,0`;
    return <path className={cls} d={d} />;
  };
  let path = '';
  if (curve) {
    const order = Array.from(curve.x.keys()).sort((a, b) => curve.x[a] - curve.x[b]);
    path = order
      .filter((i) => Number.isFinite(curve.y[i]) && Number.isFinite(curve.x[i]))
      .map((i, j) => `${j ? 'L' : 'M'}${x.map(curve.x[i]).toFixed(1)},${y.map(curve.y[i]).toFixed(1)}`)
      .join('');
  }
  const inName = excerpt(prepared.table.columns[prepared.mapping.inputs[0]] ?? '', 40);
  const outName = excerpt(prepared.table.columns[prepared.mapping.output] ?? '', 40);
  return (
    <figure className="scatter">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={
          label ??
          `Scatter plot of “${outName}” against “${inName}”: ${train.n} training and ${validation.n} validation points`
        }
      >
        <defs>
          <clipPath id="scatter-clip">
            <rect x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} />
          </clipPath>
        </defs>
        <g className="axis">
          {x.ticks.map((t, i) => (
            <text key={`x${i}`} x={x.map(t)} y={H - 8} textAnchor="middle">
              {tickLabel(t)}
            </text>
          ))}
          {y.ticks.map((t, i) => (
            <text key={`y${i}`} x={M.left - 6} y={y.map(t) + 4} textAnchor="end">
              {tickLabel(t)}
            </text>
          ))}
          <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} />
          <line x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} />
        </g>
        <g>{dots(train, 'dot-train')}</g>
        <g>{dots(validation, 'dot-val')}</g>
        {path && <path className="fit-curve" d={path} clipPath="url(#scatter-clip)" />}
      </svg>
      <figcaption className="help">
        ● training, ○ validation{curve ? ', line: the fitted formula' : ''}; horizontal axis “{inName}”
        {prepared.mapping.inputs.length > 1 ? ' (first input)' : ''}, vertical “{outName}”.
      </figcaption>
    </figure>
  );
}
