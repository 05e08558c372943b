/**
 * Live loss chart on a canvas (d3 log scale, d3-shape lines drawn into the 2D context): best soft loss, hard
 * (τ → 0) loss, the best snapped tree's training and validation MSE (the same trees and numbers the result card
 * shows), and one faint line per restart. The y-axis (axes.ts lossDomain) ignores non-finite values and clips
 * spikes far above the bulk to its top edge, where a small triangle marks each clipped point. It redraws on
 * animation frames when the history changed (at most 30 times a second), and draws at most ~2 points per
 * horizontal pixel (the history keeps up to 1200 steps), so a frame stays a few milliseconds even with 16 restarts
 * on a busy 2-core machine. Colours are the design tokens (series colours that read on light and dark panels; the
 * text colours read from the page at each draw, so a dark scheme or presenter mode switched mid-run is followed).
 * An MSE of exactly 0 (an exact recovery) has no place on a log axis: it is drawn on the axis floor, with a ring
 * where each run of zeros begins, and the legend says "0 = exact".
 */
import { line } from 'd3-shape';
import { memo, useEffect, useRef, useState } from 'react';
import { SERIES, type SeriesName } from '../../fit/lossHistory.ts';
import { linearAxis, logAxis, lossDomain, tickLabel } from './axes.ts';
import { liveChannels } from './liveChannels.ts';
import { cancelFrameJob, postFrameJob } from './frameJobs.ts';
import { currentTheme, SERIES as SERIES_COLOURS } from '../theme/tokens.ts';

const W = 560;
const H = 270;
const M = { top: 14, right: 12, bottom: 40, left: 64 };
const FLOOR = 1e-32;
const JOB_CHART = 'cockpit:loss-chart';
export const CHART_DRAW_MARK = 'eml:loss-chart-draw';
const MAX_POINTS = 280;

const LABELS: Record<SeriesName, string> = {
  best: 'best soft loss',
  hard: 'hard loss (τ → 0)',
  snapped: 'best snapped tree (train)',
  validation: 'best snapped tree (validation)',
};
const COLOURS: Record<SeriesName, string> = {
  best: SERIES_COLOURS.best,
  hard: SERIES_COLOURS.hard,
  snapped: SERIES_COLOURS.snapped,
  validation: SERIES_COLOURS.validation,
};
/** Line dashes, so the lines differ by more than colour (validation dashed beside its training line). */
const DASHES: Record<SeriesName, number[]> = { best: [], hard: [6, 3], snapped: [], validation: [2, 3] };
const last = (a: number[]) => a[a.length - 1];
const fmt = (v: number | undefined) =>
  v === 0 ? '0 (exact)' : v !== undefined && Number.isFinite(v) ? v.toExponential(2) : 'n/a';

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

/** Memoised: it has no props and redraws from its live channel (liveChannels.ts 'chart'), so the panel's status changes need not touch it. */
export const LossChart = memo(function LossChart() {
  const ref = useRef<HTMLCanvasElement>(null);
  const [summary, setSummary] = useState('no run yet');
  const [values, setValues] = useState<Record<SeriesName, number> | null>(null);
  const [clipped, setClipped] = useState(0);
  const [exactZero, setExactZero] = useState(false);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    canvas.width = W * dpr;
    canvas.height = H * dpr;
    ctx.scale(dpr, dpr);
    const h = liveChannels.history;
    let lastSummary = 0;
    let trailing: ReturnType<typeof setTimeout> | null = null;
    const draw = () => {
      const theme = currentTheme();
      const ink = cssVar('--text', theme.text);
      const muted = cssVar('--muted', theme.muted);
      const now = performance.now();
      // A User Timing mark per redraw: how the e2e test (a PerformanceObserver) checks the chart's update rate
      // without touching the DOM. Observers still receive a cleared mark; the timeline does not grow over a run.
      performance.mark(CHART_DRAW_MARK);
      performance.clearMarks(CHART_DRAW_MARK);
      ctx.clearRect(0, 0, W, H);
      const n = h.length;
      // axes.ts: non-finite values ignored, spikes clipped; bounded decades and an overflow-free mapping.
      const dom = lossDomain([...SERIES.map((k) => h.series[k]), ...h.restarts]);
      const top = dom.hi * 2;
      const xa = linearAxis(h.step[0] ?? 0, Math.max(h.step[n - 1] ?? 1, (h.step[0] ?? 0) + 1), M.left, W - M.right);
      const ya = logAxis(Math.max(FLOOR, dom.lo / 2), top, H - M.bottom, M.top);
      const x = xa.map;
      const y = ya.map;
      ctx.strokeStyle = muted;
      ctx.fillStyle = muted;
      ctx.lineWidth = 1;
      ctx.font = '11px system-ui, sans-serif';
      ctx.beginPath();
      ctx.moveTo(M.left, M.top);
      ctx.lineTo(M.left, H - M.bottom);
      ctx.lineTo(W - M.right, H - M.bottom);
      ctx.stroke();
      ctx.textAlign = 'right';
      for (const t of ya.decades) ctx.fillText(`1e${Math.round(Math.log10(t))}`, M.left - 4, y(t) + 4);
      ctx.textAlign = 'center';
      for (const t of xa.ticks) ctx.fillText(tickLabel(t), x(t), H - M.bottom + 14);
      // Axis titles.
      ctx.fillStyle = ink;
      ctx.font = '12px system-ui, sans-serif';
      ctx.fillText('training step', (M.left + W - M.right) / 2, H - 6);
      ctx.save();
      ctx.translate(14, (M.top + H - M.bottom) / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.fillText('MSE (log scale)', 0, 0);
      ctx.restore();
      ctx.font = '11px system-ui, sans-serif';
      const path = (ys: number[]) =>
        line<number>()
          // 0 maps to the axis floor (logAxis clamps to its domain): an exact fit stays visible.
          .defined((i) => ys[i] >= 0 && Number.isFinite(ys[i]))
          .x((i) => x(h.step[i]))
          .y((i) => y(ys[i]))
          .context(ctx);
      const stride = Math.max(1, Math.ceil(n / MAX_POINTS));
      const idx: number[] = [];
      for (let i = 0; i < n; i += stride) idx.push(i);
      if (n > 0 && idx[idx.length - 1] !== n - 1) idx.push(n - 1);
      ctx.globalAlpha = 0.18;
      ctx.strokeStyle = ink;
      for (const r of h.restarts) {
        ctx.beginPath();
        path(r)(idx);
        ctx.stroke();
      }
      ctx.globalAlpha = 1;
      ctx.lineWidth = 2;
      let clippedPoints = 0;
      let zeros = false;
      for (const k of SERIES) {
        ctx.strokeStyle = COLOURS[k];
        ctx.setLineDash(DASHES[k]);
        ctx.beginPath();
        path(h.series[k])(idx);
        ctx.stroke();
        // Points above the axis (spikes, ∞) sit on the top edge as small triangles: clipped, not lost.
        ctx.setLineDash([]);
        ctx.fillStyle = COLOURS[k];
        for (const i of idx) {
          const v = h.series[k][i];
          if (!(v > top)) continue;
          clippedPoints++;
          const px = x(h.step[i]);
          ctx.beginPath();
          ctx.moveTo(px, M.top - 6);
          ctx.lineTo(px - 4, M.top + 1);
          ctx.lineTo(px + 4, M.top + 1);
          ctx.closePath();
          ctx.fill();
        }
        // A ring on the floor where a run of exact zeros begins.
        ctx.strokeStyle = COLOURS[k];
        ctx.lineWidth = 2;
        const ys = h.series[k];
        for (let j = 0; j < idx.length; j++) {
          const i = idx[j];
          if (ys[i] !== 0 || (j > 0 && ys[idx[j - 1]] === 0)) continue;
          zeros = true;
          ctx.beginPath();
          ctx.arc(x(h.step[i]), y(0), 4, 0, 2 * Math.PI);
          ctx.stroke();
        }
      }
      if (n > 0 && now - lastSummary <= 1000) {
        // Throttled to once a second; a run that ends inside the second still gets its last values shown.
        trailing ??= setTimeout(
          () => {
            trailing = null;
            postFrameJob(JOB_CHART, draw);
          },
          1001 - (now - lastSummary),
        );
      } else if (n > 0) {
        lastSummary = now;
        const latest = Object.fromEntries(SERIES.map((k) => [k, h.series[k][n - 1]])) as Record<SeriesName, number>;
        setValues(latest);
        setSummary(
          `step ${last(h.step)}: ${SERIES.map((k) => `${LABELS[k]} ${fmt(latest[k])}`).join(', ')}` +
            (clippedPoints ? `; ${clippedPoints} point${clippedPoints === 1 ? '' : 's'} above the axis (clipped)` : ''),
        );
        setClipped(clippedPoints);
        setExactZero(zeros);
      } else if (n === 0) {
        setValues(null);
        setClipped(0);
        setExactZero(false);
      }
    };
    // Drawn in a frame of its own (frameJobs.ts), so a chart frame never also carries a DOM update; progress
    // arrives at most 30 times a second, and changes in between are drawn together.
    const unsubscribe = h.subscribe(() => postFrameJob(JOB_CHART, draw));
    draw();
    return () => {
      unsubscribe();
      if (trailing) clearTimeout(trailing);
      cancelFrameJob(JOB_CHART);
    };
  }, []);
  return (
    <figure className="loss-chart">
      <canvas
        ref={ref}
        style={{ width: '100%', maxWidth: W, aspectRatio: `${W} / ${H}` }}
        role="img"
        aria-label={`Loss chart (log scale) — ${summary}`}
      />
      <figcaption>
        <ul className="legend" aria-label="Loss chart legend">
          {SERIES.map((k) => (
            <li key={k}>
              <svg width="24" height="10" aria-hidden="true" style={{ verticalAlign: 'middle' }}>
                <line
                  x1="0"
                  y1="5"
                  x2="24"
                  y2="5"
                  stroke={COLOURS[k]}
                  strokeWidth="3"
                  strokeDasharray={DASHES[k].join(' ') || undefined}
                />
              </svg>{' '}
              {LABELS[k]}
              {values ? `: ${fmt(values[k])}` : ''}
            </li>
          ))}
          <li>
            <span className="swatch faint" aria-hidden="true" /> soft loss of each restart
          </li>
          {exactZero && (
            <li data-testid="loss-exact-note">
              <span aria-hidden="true">○</span> on the axis floor: 0 = exact (an MSE of 0 has no place on a log scale)
            </li>
          )}
          {clipped > 0 && (
            <li>
              <span aria-hidden="true">▲</span> {clipped} point{clipped === 1 ? '' : 's'} above the axis (clipped)
            </li>
          )}
        </ul>
      </figcaption>
    </figure>
  );
});
