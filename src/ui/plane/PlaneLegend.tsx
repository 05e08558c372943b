/**
 * The complex-plane view's legend (what hue and lightness mean, the overlays' marks, and the precision of the
 * renderer that drew the picture) and the details of the hovered or keyboard-selected point.
 */
import { LEGEND, OVERLAY_COLOURS } from '../../eml/plane/colour.ts';
import type { PlaneProbe } from '../../eml/plane/probe.ts';
import { SEMANTICS_INFO, type Semantics } from '../../eml/evaluate/semantics.ts';
import { displayNumber } from '../plot/plotFormat.ts';

const rgb = (c: readonly number[]) => `rgb(${c.join(', ')})`;
/** Hue wheel stops: arg 0 red, 2π/3 green, −2π/3 blue (the colouring's formula). */
const HUE_GRADIENT =
  'linear-gradient(to right, rgb(0,20,230), rgb(230,0,230), rgb(230,20,20), rgb(230,230,0), rgb(20,230,20), rgb(0,230,230), rgb(0,20,230))';

/**
 * Both renderers draw the complex principal branch whatever the document's semantics (the others have no picture
 * of their own off the real axis): when another one is chosen, the legend says what the plane shows instead.
 */
export function semanticsNote(semantics: Semantics): string | null {
  const chosen = `The document’s semantics is “${SEMANTICS_INFO[semantics].label}”, but this plane draws the complex principal branch (as “${SEMANTICS_INFO.complex.label}”)`;
  switch (semantics) {
    case 'complex':
      return null;
    case 'real-extended':
      return `${chosen}: in real, extended every point off the real axis, and every ln of a negative number, is NaN instead.`;
    case 'finite':
      return `${chosen}, infinities included: finite only refuses any point where a node is infinite or NaN, also the −∞ of ln 0 inside closed subtrees, which the checkerboard does not mark.`;
  }
}

export function PlaneLegend({ renderer, semantics }: { renderer: 'gpu' | 'cpu'; semantics: Semantics }) {
  const note = semanticsNote(semantics);
  return (
    <div className="plane-legend">
      {note && (
        <p className="plane-semantics" data-semantics={semantics}>
          {note}
        </p>
      )}
      <div className="plane-legend-row">
        <span className="plane-swatch plane-hue" style={{ background: HUE_GRADIENT }} aria-hidden="true" />
        <span>{LEGEND.hue} (the strip runs −π … π)</span>
      </div>
      <div className="plane-legend-row">
        <span
          className="plane-swatch"
          style={{ background: 'linear-gradient(to right, rgb(26,26,26), rgb(128,128,128), rgb(230,230,230))' }}
          aria-hidden="true"
        />
        <span>{LEGEND.lightness}</span>
      </div>
      <div className="plane-legend-row">
        <span className="plane-swatch plane-mark" style={{ background: rgb(OVERLAY_COLOURS.cut) }} aria-hidden="true" />
        <span>branch cut crossed</span>
        <span
          className="plane-swatch plane-mark"
          style={{
            background: `repeating-conic-gradient(${rgb(OVERLAY_COLOURS.failLight)} 0 25%, ${rgb(OVERLAY_COLOURS.failDark)} 0 50%) 0 0 / 8px 8px`,
          }}
          aria-hidden="true"
        />
        <span>ln 0 / overflow / NaN</span>
        <span className="plane-swatch plane-mark plane-departs-swatch" aria-hidden="true" />
        <span>departs from f</span>
      </div>
      <p className="plane-precision" data-renderer={renderer}>
        {renderer === 'gpu' ? LEGEND.gpu : LEGEND.cpu}
      </p>
    </div>
  );
}

const complex = (z: { re: number; im: number }) =>
  `${displayNumber(z.re)} ${z.im < 0 || Object.is(z.im, -0) ? '−' : '+'} ${displayNumber(Math.abs(z.im))}i`;

export function PlaneDetails({ probe }: { probe: PlaneProbe | null }) {
  if (!probe)
    return (
      <p className="plane-details" aria-live="polite">
        Point at the plane, or focus it and use the arrow keys, to see a point’s value and its first failing node.
      </p>
    );
  const where = (path: string) => (path === '' ? 'the root' : `path ${path}`);
  return (
    <dl className="plane-details" aria-live="polite" data-testid="plane-details">
      <dt>x</dt>
      <dd data-field="z">{complex(probe.z)}</dd>
      <dt>f(x)</dt>
      <dd data-field="value">{complex(probe.value)}</dd>
      <dt>First failing node</dt>
      <dd data-field="fail">
        {probe.fail
          ? `n${probe.fail.step} at ${where(probe.fail.path)} (K ${probe.fail.node.k}): ${probe.fail.reason}`
          : 'none'}
      </dd>
      <dt>Branch cut</dt>
      <dd data-field="cut">
        {probe.cut
          ? `n${probe.cut.step} at ${where(probe.cut.path)} (K ${probe.cut.node.k}): its ln argument crosses the negative real axis here`
          : 'none here'}
      </dd>
      <dt>Departs from f</dt>
      <dd data-field="departs">{probe.departs ? `yes: f(x) = ${complex(probe.departs)}` : 'no'}</dd>
    </dl>
  );
}
