/**
 * The Plot's second shading (issue 12): where x lies outside the whole tree's stated validity domain, the one the
 * Formula panel states (compiler/treeDomain.ts, measured by the facts worker). The departures band
 * (PlotView.tsx) is what the plot's own samples show; this one is what the domain claims, so a reader sees both
 * the claim and the evidence. The facts come from the one facts request of the document (formula/factsClient.ts),
 * shared with the Formula panel; nothing here measures anything, it only places the stated intervals' gaps.
 */
import type { ScaleLinear } from 'd3-scale';
import { usePlayground } from '../../store/store.ts';
import { useCompileFacts } from '../formula/factsClient.ts';

/** Where x is outside the stated domain on [xMin, xMax], or why nothing is shaded. */
export type StatedOutside =
  | { status: 'shown'; bands: Array<{ from: number; to: number }>; text: string }
  | { status: 'none'; why: 'pending' | 'not measured' | 'not a function of x alone' };

/** The gaps of `intervals` (closed, any order) inside [a, b]. */
export function gapsIn(intervals: ReadonlyArray<{ lo: number; hi: number }>, a: number, b: number) {
  const sorted = [...intervals].sort((p, q) => p.lo - q.lo);
  const gaps: Array<{ from: number; to: number }> = [];
  let at = a;
  for (const iv of sorted) {
    if (iv.hi < at) continue;
    if (iv.lo > b) break;
    if (iv.lo > at) gaps.push({ from: at, to: iv.lo });
    at = Math.max(at, iv.hi);
  }
  if (at < b) gaps.push({ from: at, to: b });
  return gaps;
}

/** The stated domain's gaps on the plot's range, for a tree of x alone (the plot's axis is x). */
export function useStatedOutside(xMin: number, xMax: number): StatedOutside {
  const text = usePlayground((s) => s.doc.text);
  const kind = usePlayground((s) => s.doc.inputKind);
  const compileMode = usePlayground((s) => s.doc.compileMode);
  const clean = usePlayground((s) => s.doc.clean);
  const facts = useCompileFacts(text, { kind, compileMode, clean });
  if (facts.status === 'pending') return { status: 'none', why: 'pending' };
  if (facts.status === 'failed' || facts.domain.text === null || !facts.domain.lines)
    return { status: 'none', why: 'not measured' };
  const { lines } = facts.domain;
  if (lines.length !== 1 || lines[0].line !== 'x = t') return { status: 'none', why: 'not a function of x alone' };
  return { status: 'shown', bands: gapsIn(lines[0].intervals, xMin, xMax), text: facts.domain.text };
}

/** Drawn hatched, under the departures' flat tint, so the two shadings stay apart where they overlap. */
export const STATED_COLOR = 'rgba(127, 127, 127, 0.55)';

export function StatedOutsideBands({
  bands,
  x,
  top,
  bottom,
  left,
  right,
  patternId,
}: {
  bands: Array<{ from: number; to: number }>;
  x: ScaleLinear<number, number>;
  top: number;
  bottom: number;
  left: number;
  right: number;
  patternId: string;
}) {
  return (
    <g className="plot-outside-domain" data-testid="plot-outside-domain">
      <defs>
        <pattern id={patternId} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line x1={0} y1={0} x2={0} y2={6} style={{ stroke: STATED_COLOR, strokeWidth: 2 }} />
        </pattern>
      </defs>
      {bands.map((b) => {
        const x0 = Math.max(left, Math.min(x(b.from), x(b.to)));
        const x1 = Math.min(right, Math.max(x(b.from), x(b.to)));
        return (
          <rect
            key={b.from}
            x={x0}
            y={top}
            width={Math.max(1, x1 - x0)}
            height={bottom - top}
            fill={`url(#${patternId})`}
          >
            <title>{`outside the stated validity domain for x from ${round(b.from)} to ${round(b.to)}`}</title>
          </rect>
        );
      })}
    </g>
  );
}

const round = (v: number): string => String(Number(v.toPrecision(6))).replace('-', '−');
