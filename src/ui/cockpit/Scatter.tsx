/**
 * Scatter of the first input against the output (training dots filled, validation hollow), optionally with a
 * fitted curve; at most ~2000 points are drawn so a 100 000-row table stays cheap to render.
 */
import { scaleLinear } from 'd3-scale';
import type { Dataset } from '../../fit/dataset.ts';
import type { Prepared } from '../../fit/prepare.ts';

const W = 420;
const H = 220;
const M = { top: 10, right: 10, bottom: 28, left: 52 };
const MAX_DRAWN = 2000;

export function Scatter({ prepared, curve, label }: { prepared: Extract<Prepared, { ok: true }>; curve?: { x: Float64Array; y: Float64Array } | null; label?: string }) {
  const { train, validation } = prepared.split;
  const all = prepared.dataset;
  const ext = (a: ArrayLike<number>) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < a.length; i++) {
      lo = Math.min(lo, a[i]);
      hi = Math.max(hi, a[i]);
    }
    return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
  };
  const x = scaleLinear().domain(ext(all.x[0])).nice().range([M.left, W - M.right]);
  const y = scaleLinear().domain(ext(all.y)).nice().range([H - M.bottom, M.top]);
  // One path of tiny circles per set instead of one element per point: hundreds of points stay one DOM node.
  const dots = (ds: Dataset, cls: string) => {
    const stride = Math.max(1, Math.ceil(ds.n / MAX_DRAWN));
    let d = '';
    for (let i = 0; i < ds.n; i += stride) d += `M${(x(ds.x[0][i]) - 2.5).toFixed(1)},${y(ds.y[i]).toFixed(1)}a2.5,2.5 0 1,0 5,0a2.5,2.5 0 1,0 -5,0`;
    return <path className={cls} d={d} />;
  };
  let path = '';
  if (curve) {
    const order = Array.from(curve.x.keys()).sort((a, b) => curve.x[a] - curve.x[b]);
    path = order.filter((i) => Number.isFinite(curve.y[i])).map((i, j) => `${j ? 'L' : 'M'}${x(curve.x[i]).toFixed(1)},${y(Math.max(y.domain()[0] - 1e3, Math.min(y.domain()[1] + 1e3, curve.y[i]))).toFixed(1)}`).join('');
  }
  const inName = prepared.table.columns[prepared.mapping.inputs[0]];
  const outName = prepared.table.columns[prepared.mapping.output];
  return (
    <figure className="scatter">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label ?? `Scatter plot of “${outName}” against “${inName}”: ${train.n} training and ${validation.n} validation points`}>
        <defs>
          <clipPath id="scatter-clip">
            <rect x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} />
          </clipPath>
        </defs>
        <g className="axis">
          {x.ticks(5).map((t) => (
            <text key={`x${t}`} x={x(t)} y={H - 8} textAnchor="middle">
              {t}
            </text>
          ))}
          {y.ticks(5).map((t) => (
            <text key={`y${t}`} x={M.left - 6} y={y(t) + 4} textAnchor="end">
              {t}
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
        ● training, ○ validation{curve ? ', line: the fitted formula' : ''}; horizontal axis “{inName}”{prepared.mapping.inputs.length > 1 ? ' (first input)' : ''}, vertical “{outName}”.
      </figcaption>
    </figure>
  );
}
