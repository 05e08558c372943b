/**
 * The plot's SVG: axes, grid, the Re / Im curves and the dashed reference, flag marks, bands where the tree departs
 * from its function or leaves its stated domain, the cursor and the legend. Colours and fonts are inline (not by
 * class), so the SVG export renders standalone.
 */
import type { PlotSamples } from '../../eml/evaluate/plotSampling.ts';
import type { PlotLayout } from './plotData.ts';
import { SERIES } from '../theme/tokens.ts';
import { displayNumber } from './plotFormat.ts';
import { StatedOutsideBands, type StatedOutside } from './statedDomain.tsx';

export const PLOT_COLORS = {
  re: SERIES.re,
  im: SERIES.im,
  /** The reference is drawn on top in the text colour, so its dashes show over the curve in light and dark themes. */
  refRe: 'currentColor',
  refIm: 'currentColor',
  flag: SERIES.flag,
  grid: 'rgba(127, 127, 127, 0.25)',
  axis: 'rgba(127, 127, 127, 0.8)',
};

export function Chart({
  layout,
  samples,
  cursorX,
  cursorValue,
  titleId,
  descId,
  computeMs,
  svgRef,
  outside,
}: {
  outside: StatedOutside;
  layout: PlotLayout;
  samples: PlotSamples;
  cursorX: number;
  cursorValue: { re: number; im: number } | null;
  titleId: string;
  descId: string;
  computeMs: number;
  svgRef: (el: SVGSVGElement | null) => void;
}) {
  const { width, height, margin } = layout.geometry;
  const clipId = `${titleId}-clip`;
  const [d0, d1] = layout.yDomain;
  const left = margin.left;
  const right = width - margin.right;
  const top = margin.top;
  const bottom = height - margin.bottom;
  const font = { fontFamily: 'system-ui, sans-serif', fontSize: '11px', fill: 'currentColor' };
  const cursorPx = layout.x(cursorX);
  const cursorShown = cursorPx >= left - 0.5 && cursorPx <= right + 0.5;
  const dot = (v: number | undefined) =>
    v !== undefined && Number.isFinite(v) && v >= d0 && v <= d1 ? layout.y(v) : null;
  const legend: Array<{ label: string; color: string; dash?: string; band?: boolean; hatch?: boolean }> = [
    { label: 'Re f(x)', color: PLOT_COLORS.re },
    { label: 'Im f(x)', color: PLOT_COLORS.im },
  ];
  if (layout.paths.refRe) legend.push({ label: 'Re reference', color: PLOT_COLORS.refRe, dash: '6 4' });
  if (layout.paths.refIm) legend.push({ label: 'Im reference', color: PLOT_COLORS.refIm, dash: '1.5 3' });
  if (samples.flaggedCount > 0) legend.push({ label: 'flagged', color: PLOT_COLORS.flag, band: true });
  if (samples.departsCount > 0) legend.push({ label: 'departs from f', color: PLOT_COLORS.flag, band: true });
  const stated = outside.status === 'shown' && outside.bands.length > 0 ? outside.bands : null;
  if (stated) legend.push({ label: 'outside stated domain', color: '', band: true, hatch: true });
  const hatchId = `${titleId}-hatch`;
  let lx = left;
  const zeroShown = d0 < 0 && d1 > 0;
  return (
    <svg
      ref={svgRef}
      className="plot-svg"
      data-drawing="plot"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={titleId}
      aria-describedby={descId}
      data-compute-ms={computeMs.toFixed(2)}
      data-testid="plot-svg"
      style={{ color: 'var(--text)' }}
    >
      <title id={titleId}>Plot of the real and imaginary parts of f(x)</title>
      <desc id={descId}>{layout.summary}</desc>
      <defs>
        <clipPath id={clipId}>
          <rect x={left} y={top} width={right - left} height={bottom - top} />
        </clipPath>
      </defs>
      {stated && (
        <StatedOutsideBands
          bands={stated}
          x={layout.x}
          top={top}
          bottom={bottom}
          left={left}
          right={right}
          patternId={hatchId}
        />
      )}
      {/* Where the tree departs from the function it was compiled from: outside its validity domain here. */}
      <g className="plot-departs" data-testid="plot-departs" style={{ fill: PLOT_COLORS.flag, opacity: 0.12 }}>
        {layout.departBands.map((b) => (
          <rect
            key={b.x0}
            x={Math.max(left, b.x0)}
            y={top}
            width={Math.max(1, Math.min(right, b.x1) - Math.max(left, b.x0))}
            height={bottom - top}
          >
            <title>
              {`the tree departs from the function for x from ${displayNumber(b.from)} to ${displayNumber(b.to)}`}
            </title>
          </rect>
        ))}
      </g>
      <g className="plot-grid" style={{ stroke: PLOT_COLORS.grid, strokeWidth: 1 }}>
        {layout.yTicks.map((t) => (
          <line key={`gy${t.value}`} x1={left} x2={right} y1={t.pos} y2={t.pos} />
        ))}
        {layout.xTicks.map((t) => (
          <line key={`gx${t.value}`} x1={t.pos} x2={t.pos} y1={top} y2={bottom} />
        ))}
      </g>
      {zeroShown && (
        <line
          x1={left}
          x2={right}
          y1={layout.y(0)}
          y2={layout.y(0)}
          style={{ stroke: PLOT_COLORS.axis, strokeWidth: 1 }}
        />
      )}
      <g className="plot-axes" style={font}>
        <line x1={left} x2={right} y1={bottom} y2={bottom} style={{ stroke: PLOT_COLORS.axis, strokeWidth: 1 }} />
        <line x1={left} x2={left} y1={top} y2={bottom} style={{ stroke: PLOT_COLORS.axis, strokeWidth: 1 }} />
        {layout.xTicks.map((t) => (
          <g key={`tx${t.value}`} data-axis="x">
            <line x1={t.pos} x2={t.pos} y1={bottom} y2={bottom + 4} style={{ stroke: PLOT_COLORS.axis }} />
            <text x={t.pos} y={bottom + 15} style={{ ...font, textAnchor: 'middle' }}>
              {t.label.replace('-', '−')}
            </text>
          </g>
        ))}
        {layout.yTicks.map((t) => (
          <g key={`ty${t.value}`}>
            <line x1={left - 4} x2={left} y1={t.pos} y2={t.pos} style={{ stroke: PLOT_COLORS.axis }} />
            <text x={left - 6} y={t.pos + 3.5} style={{ ...font, textAnchor: 'end' }}>
              {t.label.replace('-', '−')}
            </text>
          </g>
        ))}
        <text x={right} y={height - 3} style={{ ...font, textAnchor: 'end' }}>
          x
        </text>
      </g>
      <g clipPath={`url(#${clipId})`} style={{ fill: 'none', strokeLinejoin: 'round', strokeLinecap: 'round' }}>
        {layout.paths.im && (
          <path d={layout.paths.im} data-series="im" style={{ stroke: PLOT_COLORS.im, strokeWidth: 2, fill: 'none' }} />
        )}
        {layout.paths.re && (
          <path d={layout.paths.re} data-series="re" style={{ stroke: PLOT_COLORS.re, strokeWidth: 2, fill: 'none' }} />
        )}
        {layout.paths.refRe && (
          <path
            d={layout.paths.refRe}
            data-series="ref-re"
            style={{ stroke: PLOT_COLORS.refRe, strokeWidth: 1.2, strokeDasharray: '6 4', fill: 'none', opacity: 0.85 }}
          />
        )}
        {layout.paths.refIm && (
          <path
            d={layout.paths.refIm}
            data-series="ref-im"
            style={{
              stroke: PLOT_COLORS.refIm,
              strokeWidth: 1.2,
              strokeDasharray: '1.5 3',
              fill: 'none',
              opacity: 0.85,
            }}
          />
        )}
      </g>
      <g className="plot-flags" style={{ fill: PLOT_COLORS.flag }}>
        {layout.flagBands.map((b) => (
          <rect
            key={b.x0}
            x={Math.max(left, (b.x0 + b.x1) / 2 - Math.max(3, b.x1 - b.x0) / 2)}
            y={bottom - 8}
            width={Math.min(right - left, Math.max(3, b.x1 - b.x0))}
            height={8}
          >
            <title>
              {b.from === b.to
                ? `flag at x = ${displayNumber(b.from)}`
                : `flags for x from ${displayNumber(b.from)} to ${displayNumber(b.to)}`}
            </title>
          </rect>
        ))}
      </g>
      {cursorShown && (
        <g className="plot-cursor">
          <line
            x1={cursorPx}
            x2={cursorPx}
            y1={top}
            y2={bottom}
            style={{ stroke: 'currentColor', strokeWidth: 1, strokeDasharray: '2 3', opacity: 0.7 }}
          />
          {dot(cursorValue?.re) !== null && (
            <circle cx={cursorPx} cy={dot(cursorValue?.re)!} r={3.5} style={{ fill: PLOT_COLORS.re }} />
          )}
          {dot(cursorValue?.im) !== null && (
            <circle cx={cursorPx} cy={dot(cursorValue?.im)!} r={3.5} style={{ fill: PLOT_COLORS.im }} />
          )}
        </g>
      )}
      <g className="plot-legend" style={font}>
        {legend.map((item) => {
          const x0 = lx;
          lx += 34 + item.label.length * 6.2;
          return (
            <g key={item.label} transform={`translate(${x0}, 10)`}>
              {item.band ? (
                <rect
                  x={0}
                  y={-3}
                  width={22}
                  height={6}
                  style={{ fill: item.hatch ? `url(#${hatchId})` : item.color }}
                />
              ) : (
                <line
                  x1={0}
                  x2={22}
                  y1={0}
                  y2={0}
                  style={{ stroke: item.color, strokeWidth: 2, strokeDasharray: item.dash ?? 'none' }}
                />
              )}
              <text x={27} y={4} style={font}>
                {item.label}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}
