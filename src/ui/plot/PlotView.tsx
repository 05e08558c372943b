/**
 * The Plot region: Re and Im of f(x) over the document's x range (y held at the slider's value), the reference
 * function dashed when the tree was compiled from ordinary math, markers where flags fire, and the x / y sliders.
 *
 * Drawn by React as SVG with d3-scale / d3-shape. Each stage is memoised on exactly what it depends on: the compiled
 * program on (tree, semantics), the samples on (program, range, y), the layout on the samples; moving the x cursor
 * recomputes none of them. The compute time of the last redraw is kept in `data-compute-ms` on the svg, for the
 * performance script. The SVG itself is PlotChart.tsx; the inputs are PlotFields.tsx.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { usePlayground } from '../../store/store.ts';
import { distinctAtMost, PLOT_MAX_DISTINCT, PLOT_MIN_SAMPLES, PLOT_WORK, useStagedTree } from '../budgets.ts';
import { PLOT_SAMPLES, samplePlot, valueAt } from '../../eml/evaluate/plotSampling.ts';
import { plotModelOf, traceAtSliders } from '../../store/views.ts';
import { DEFAULT_GEOMETRY, layoutPlot } from './plotData.ts';
import { PlotZoomBar, usePlotRangeZoom } from './PlotZoomControls.tsx';
import { useStatedOutside } from './statedDomain.tsx';
import { Chart } from './PlotChart.tsx';
import { RangeField, Slider } from './PlotFields.tsx';
import { displayNumber, rangeError } from './plotFormat.ts';
import './plot.css';

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
          f({displayNumber(x)}
          {model?.usesY ? `, ${displayNumber(y)}` : ''}) = {displayNumber(cursorValue.re, 10)}{' '}
          {cursorValue.im < 0 || Object.is(cursorValue.im, -0) ? '−' : '+'}{' '}
          {displayNumber(Math.abs(cursorValue.im), 10)} i
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
                At x = {displayNumber(computed.samples.firstDeparture.x)}, the first shaded sample:{' '}
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
