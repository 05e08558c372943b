/**
 * The Plot region: Re and Im of f(x) over the document's x range (y held at the slider's value), the reference
 * function dashed when the tree was compiled from ordinary math, markers where flags fire, and the x / y sliders.
 *
 * Drawn by React as SVG with d3-scale / d3-shape. Each stage is memoised on exactly what it depends on: the compiled
 * program on (tree, semantics), the samples on (program, range, y), the layout on the samples; moving the x cursor
 * recomputes none of them. The compute time of the last redraw is kept in `data-compute-ms` on the svg, for the
 * performance script. Colours and fonts are given inline (not by class), so the SVG export renders standalone.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { usePlayground } from '../../store/store.ts';
import { distinctAtMost, PLOT_MAX_DISTINCT, PLOT_MIN_SAMPLES, PLOT_WORK, useStagedTree } from '../budgets.ts';
import { PLOT_SAMPLES, samplePlot, valueAt, type PlotSamples } from '../../eml/evaluate/plotSampling.ts';
import { plotModelOf, traceAtSliders } from '../../store/views.ts';
import { DEFAULT_GEOMETRY, layoutPlot, type PlotLayout } from './plotData.ts';
import { SERIES } from '../theme/tokens.ts';
import { RANGE_LIMIT, tooNarrow } from './plotZoom.ts';
import { PlotZoomBar, usePlotRangeZoom } from './PlotZoomControls.tsx';
import { StatedOutsideBands, useStatedOutside, type StatedOutside } from './statedDomain.tsx';
import './plot.css';

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

/** Why a range bound is not acceptable, or null. */
export function rangeError(fromText: string, toText: string): { from: string | null; to: string | null } {
  const parse = (t: string) => (t.trim() === '' ? NaN : Number(t.trim()));
  const a = parse(fromText);
  const b = parse(toText);
  const check = (v: number, name: string) =>
    Number.isNaN(v)
      ? `${name} must be a number`
      : !(Math.abs(v) <= RANGE_LIMIT)
        ? `${name} must lie between −1e15 and 1e15`
        : null;
  const from = check(a, 'x from');
  const to = check(b, 'x to');
  if (from || to) return { from, to };
  if (!(a < b)) return { from: 'x from must be less than x to', to: null };
  if (tooNarrow(a, b)) return { from: 'the range is too narrow to plot', to: null };
  return { from: null, to: null };
}

export const formatNumber = (v: number, digits = 6): string => {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '−∞';
  if (v === 0) return Object.is(v, -0) ? '−0' : '0';
  const a = Math.abs(v);
  const s = a >= 1e-4 && a < 1e9 ? String(Number(v.toPrecision(digits))) : v.toExponential(digits - 1);
  return s.replace('-', '−');
};

/** A slider whose dragging is transient and whose release commits one undoable step. */
function Slider({
  name,
  value,
  min,
  max,
  onMove,
  onCommit,
}: {
  name: 'x' | 'y';
  value: number;
  min: number;
  max: number;
  onMove: (v: number) => void;
  onCommit: (start: number, end: number) => void;
}) {
  const id = useId();
  const start = useRef<number | null>(null);
  const latest = useRef(value);
  latest.current = value;
  const step = (max - min) / 1000;
  const commit = () => {
    if (start.current === null) return;
    const s = start.current;
    start.current = null;
    onCommit(s, latest.current);
  };
  return (
    <div className="plot-slider">
      <label htmlFor={id}>{name}</label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step > 0 ? step : 'any'}
        value={Math.min(max, Math.max(min, value))}
        aria-valuetext={formatNumber(value)}
        onChange={(e) => {
          const v = e.currentTarget.valueAsNumber;
          if (!Number.isFinite(v)) return;
          if (start.current === null) start.current = latest.current;
          latest.current = v;
          onMove(v);
        }}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
      />
      <output htmlFor={id}>{formatNumber(value)}</output>
    </div>
  );
}

function RangeField({
  label,
  value,
  error,
  errorId,
  onChange,
  onCommit,
}: {
  label: string;
  value: string;
  error: string | null;
  errorId: string;
  onChange: (v: string) => void;
  onCommit: () => void;
}) {
  const id = useId();
  return (
    <div className="number-field plot-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        spellCheck={false}
        autoComplete="off"
        value={value}
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onChange(e.currentTarget.value)}
        onBlur={onCommit}
        onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
          if (e.key === 'Enter') onCommit();
        }}
      />
    </div>
  );
}

function Chart({
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
              {`the tree departs from the function for x from ${formatNumber(b.from)} to ${formatNumber(b.to)}`}
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
                ? `flag at x = ${formatNumber(b.from)}`
                : `flags for x from ${formatNumber(b.from)} to ${formatNumber(b.to)}`}
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

export function PlotView() {
  const reading = usePlayground((s) => s.derived.reading);
  // A large tree is sampled in a task of its own after the input's, and with fewer samples (see budgets.ts).
  const staged = useStagedTree(reading.ok ? reading.tree : null);
  const distinct = useMemo(() => (staged.tree ? distinctAtMost(staged.tree, PLOT_MAX_DISTINCT) : 0), [staged.tree]);
  const tooLarge = distinct > PLOT_MAX_DISTINCT;
  const samplesN = Math.min(PLOT_SAMPLES, Math.max(PLOT_MIN_SAMPLES, Math.floor(PLOT_WORK / Math.max(1, distinct))));
  const semantics = usePlayground((s) => s.doc.semantics);
  const xMin = usePlayground((s) => s.doc.xMin);
  const xMax = usePlayground((s) => s.doc.xMax);
  const x = usePlayground((s) => s.doc.x);
  const y = usePlayground((s) => s.doc.y);
  const uid = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const titleId = `plot-${uid}-title`;
  const descId = `plot-${uid}-desc`;
  const errorId = `plot-${uid}-range-error`;
  const zoom = usePlotRangeZoom();
  const outside = useStatedOutside(xMin, xMax);

  const model = !staged.tree || tooLarge ? null : plotModelOf(reading, semantics);
  const yUsed = model?.usesY ? y : 0;
  const computed = useMemo(() => {
    if (!model) return null;
    const t0 = performance.now();
    const range = { xMin, xMax, y: yUsed, n: samplesN };
    const samples = samplePlot(model, range);
    const layout = layoutPlot(samples, range, DEFAULT_GEOMETRY);
    return { samples, layout, ms: performance.now() - t0 };
  }, [model, xMin, xMax, yUsed, samplesN]);
  // The value at the sliders is the Formula's and the Tree's (one trace); the plot evaluates it itself only where
  // that has none: variables held at 0, or a finite-only violation the plot draws as a flagged value.
  const shared = model && model.heldAtZero.length === 0 ? traceAtSliders(model.tree, x, y, semantics).value : null;
  const cursorValue = !model ? null : (shared ?? valueAt(model, x, yUsed));

  // Range drafts: what is typed, validated live, applied on Enter or leaving the field.
  const [fromText, setFromText] = useState(String(xMin));
  const [toText, setToText] = useState(String(xMax));
  useEffect(() => setFromText(String(xMin)), [xMin]);
  useEffect(() => setToText(String(xMax)), [xMax]);
  const errors = rangeError(fromText, toText);
  const message = errors.from ?? errors.to;
  const commitRange = () => {
    if (message) return;
    const a = Number(fromText.trim());
    const b = Number(toText.trim());
    if (a !== xMin || b !== xMax) usePlayground.getState().update({ xMin: a, xMax: b });
  };
  const move = (name: 'x' | 'y') => (v: number) => usePlayground.getState().update({ [name]: v }, { transient: true });
  const commitSlider = (name: 'x' | 'y') => (start: number, end: number) => {
    const { update } = usePlayground.getState();
    if (start === end) return;
    // Put the start value back transiently, so the history records start → end as one step.
    update({ [name]: start }, { transient: true });
    update({ [name]: end });
  };
  const yMin = Math.min(xMin, y);
  const yMax = Math.max(xMax, y);

  return (
    <section className="panel plot-panel" aria-label="Plot">
      <div className="plot-header">
        <h2>Plot</h2>
        <div className="plot-range" role="group" aria-label="Plot range">
          <RangeField
            label="x from"
            value={fromText}
            error={errors.from}
            errorId={errorId}
            onChange={setFromText}
            onCommit={commitRange}
          />
          <RangeField
            label="x to"
            value={toText}
            error={errors.to}
            errorId={errorId}
            onChange={setToText}
            onCommit={commitRange}
          />
        </div>
      </div>
      <p id={errorId} className="plot-range-error" aria-live="polite">
        {message ?? ''}
      </p>
      {computed && model ? (
        <>
          {/* Focusable for the keys; the wheel, a drag and a two-finger pinch zoom and pan x (usePlotZoom). */}
          <div
            className="plot-zoom-area"
            role="group"
            aria-label="Plot view: + and − zoom, arrow keys pan, 0 resets"
            tabIndex={0}
            onKeyDown={zoom.onKeyDown}
          >
            <Chart
              layout={computed.layout}
              samples={computed.samples}
              cursorX={x}
              cursorValue={cursorValue}
              titleId={titleId}
              descId={descId}
              computeMs={computed.ms}
              svgRef={zoom.svgRef}
              outside={outside}
            />
          </div>
          <PlotZoomBar zoom={zoom} />
        </>
      ) : (
        <p className="plot-empty" role="status">
          {!reading.ok
            ? 'No curve: the expression does not read.'
            : staged.pending
              ? `Plotting a large tree (K ${reading.tree.k})…`
              : tooLarge
                ? `Too large to plot: over ${PLOT_MAX_DISTINCT} distinct nodes, the plot's budget. The value at x is in the Formula panel; Export has the tree.`
                : 'No curve.'}
        </p>
      )}
      <div className="plot-sliders">
        <Slider
          name="x"
          value={x}
          min={Math.min(xMin, xMax)}
          max={Math.max(xMin, xMax)}
          onMove={move('x')}
          onCommit={commitSlider('x')}
        />
        {model?.usesY && (
          <Slider name="y" value={y} min={yMin} max={yMax} onMove={move('y')} onCommit={commitSlider('y')} />
        )}
      </div>
      {cursorValue && (
        <p className="plot-readout" data-testid="plot-readout">
          f({formatNumber(x)}
          {model?.usesY ? `, ${formatNumber(y)}` : ''}) = {formatNumber(cursorValue.re, 10)}{' '}
          {cursorValue.im < 0 || Object.is(cursorValue.im, -0) ? '−' : '+'} {formatNumber(Math.abs(cursorValue.im), 10)}{' '}
          i
        </p>
      )}
      <ul className="plot-notes help">
        {computed?.layout.clipped && (
          <li>
            The y-axis is clipped to the 2nd–98th percentile of the values ({computed.layout.clipped.outside} values run
            off the plot), so a pole or an overflow does not flatten the rest.
          </li>
        )}
        {computed && computed.samples.departsCount > 0 && (
          <li data-testid="plot-departs-note">
            Shaded: {computed.samples.departsCount} of {computed.samples.n} samples where the tree’s value departs from
            the function it was compiled from (relative error over 1e−10: outside its validity domain in float64).
            {computed.samples.firstDeparture && (
              <span data-testid="plot-departs-cause">
                {' '}
                At x = {formatNumber(computed.samples.firstDeparture.x)}, the first shaded sample:{' '}
                {computed.samples.firstDeparture.cause?.message ??
                  'no node is flagged (rounding accumulated through the tree)'}
                .
              </span>
            )}
          </li>
        )}
        {computed && outside.status === 'shown' && outside.bands.length > 0 && (
          <li data-testid="plot-outside-note">
            Hatched: x outside the tree’s stated validity domain (the Formula panel’s “{outside.text}”).
          </li>
        )}
        {computed && computed.samples.flaggedCount > 0 && (
          <li>
            Red marks on the x-axis: {computed.samples.flaggedCount} of {computed.samples.n} samples where a flag fires
            {model?.closedViolation
              ? ' (a non-finite value; a constant part of this tree passes through ln 0, so every point would break the finite-only rules)'
              : ' (a non-finite value, or a node that breaks the finite-only rules)'}
            .
          </li>
        )}
        {model && model.heldAtZero.length > 0 && (
          <li>Variables other than x and y ({model.heldAtZero.join(', ')}) are held at 0.</li>
        )}
        {model?.reference && (
          <li>Dashed: the ordinary-math function the tree was compiled from, evaluated at the same points.</li>
        )}
        {computed?.samples.referenceError && (
          <li>The reference function could not be evaluated: {computed.samples.referenceError}</li>
        )}
      </ul>
    </section>
  );
}
