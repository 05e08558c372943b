/**
 * Robust mode's choice: the smallest tree that is right (domains.ts) at every point of a dense real-line scan where
 * the paper tree is right, so the default is never narrower than paper mode on the real line. Candidates must be
 * right there with DOMAIN_MARGIN (10×) to spare: one whose error hovers near the tolerance (asinh at large negative
 * x) would otherwise pass the scan's points and fail between them.
 *
 * Candidates, smallest K first: the shortest construction (compact.ts), the robust constructions in their two
 * variants (compact.ts robustAdd: which operand of a sum is negated, since a − c needs exp c finite and which operand
 * stays below 709.78 depends on the input), and the paper tree itself, which always qualifies. Where the check
 * cannot run (paper mode refuses the input, e.g. abs; more than two variables; trees over MAX_SCANNED_K; a check
 * over the scan work budget, SCAN_WORK_BUDGET) the first
 * robust variant is returned: it has no short sums, the main source of breakage, but is unchecked
 * (`RobustChoice.checked` false).
 */
import type { EmlNode } from '../ast.ts';
import type { MathNode } from '../math/ast.ts';
import { DOMAIN_MARGIN, edgeBetween, pointChecker, referenceOn, rightOn, scanLines } from './domains.ts';
import { MAX_SCANNED_K, measurePoints, scanPoints, withScanBudget } from './scanGrid.ts';

/** Scan density of the compile-time check (points per decade on each side of 0). */
export const ROBUST_CHECK_DENSITY = 32;

export interface RobustChoice {
  tree: EmlNode;
  /** Which candidate won. */
  source: 'shortest' | 'robust' | 'paper';
  /** False where the comparison with paper mode could not be made (see above). */
  checked: boolean;
}

export interface RobustCandidates {
  shortest: EmlNode;
  robust: readonly EmlNode[];
  /** null when paper mode refuses the input or it is over the cheap paper budget. */
  paper: EmlNode | null;
}

export function chooseRobust(math: MathNode, variables: readonly string[], c: RobustCandidates): RobustChoice {
  const fallback: RobustChoice = { tree: c.robust[0], source: 'robust', checked: false };
  if (!c.paper || variables.length > 2 || c.paper.k > MAX_SCANNED_K) return fallback;
  // The comparison has a work budget (scanGrid.ts SCAN_WORK_BUDGET); past it the choice is honestly unchecked.
  return withScanBudget(
    () => chooseChecked(math, variables, c, c.paper!),
    () => fallback,
  );
}

function chooseChecked(
  math: MathNode,
  variables: readonly string[],
  c: RobustCandidates,
  paper: EmlNode,
): RobustChoice {
  const candidates: Array<{ tree: EmlNode; source: RobustChoice['source'] }> = [
    { tree: c.shortest, source: 'shortest' as const },
    ...c.robust.map((tree) => ({ tree, source: 'robust' as const })),
  ]
    .filter((x) => x.tree.k < paper.k && x.tree.k <= MAX_SCANNED_K)
    .sort((a, b) => a.tree.k - b.tree.k);
  const ts = variables.length === 0 ? [0] : robustCheckPoints();
  const lines = variables.length === 0 ? [{ line: '', at: () => ({}) }] : scanLines(variables);
  const checks = lines.map(({ at }) => {
    const ref = referenceOn(math, variables, ts, at);
    const paperRight = rightOn(paper, ref, ts, at);
    // Where paper mode's validity ends between two scan points, a candidate must reach that end too: thresholds of
    // different constructions can be close (x⁴ + x² + 1: paper right to 5.18, the short sum to 5.13). Found by
    // bisection, once, and only when a candidate passes the scan itself.
    let edges: { ts: number[]; ref: ReturnType<typeof referenceOn> } | null = null;
    const edgeCheck = () => {
      if (!edges) {
        const e = paperEdges(paper, math, variables, ts, at, paperRight);
        // Only the points where paper is right matter (the bisection keeps its right end).
        edges = { ts: e, ref: referenceOn(math, variables, e, at) };
      }
      return edges;
    };
    return { at, ref, paperRight, edgeCheck };
  });
  const passes = (tree: EmlNode) =>
    checks.every(({ at, ref, paperRight }) => {
      const right = rightOn(tree, ref, ts, at, DOMAIN_MARGIN);
      return paperRight.every((p, i) => p !== true || right[i] === true);
    }) &&
    checks.every(({ at, edgeCheck }) => {
      const e = edgeCheck();
      return rightOn(tree, e.ref, e.ts, at, DOMAIN_MARGIN).every((r) => r !== false);
    });
  const seen = new Set<number>();
  for (const cand of candidates) {
    if (seen.has(cand.tree.id)) continue;
    seen.add(cand.tree.id);
    if (passes(cand.tree)) return { tree: cand.tree, source: cand.source, checked: true };
  }
  return { tree: paper, source: 'paper', checked: true };
}

/**
 * The compile-time check's points: the log scan at ROBUST_CHECK_DENSITY plus the measurement's points below
 * SCAN_FLOOR and its linear grid (domains.ts measurePoints). Without them the check never looked under |x| = 1e−4,
 * and robust acot x (the quotient-log form, K 347) was chosen though it is +π/2 instead of −π/2 at about half the
 * points in −1e−14 < x < 0 where paper mode's K 787 tree is right: the sign of its log argument's imaginary part
 * (≈ 2|x| beside a real part ≈ −1) is below the rounding the EML chain adds, so the branch (±iπ) falls at random.
 */
function robustCheckPoints(): number[] {
  return [...new Set([...scanPoints(ROBUST_CHECK_DENSITY), ...measurePoints()])].sort((a, b) => a - b);
}

/** Bisection steps per edge here: the scan's ~7 % spacing narrowed to ~1e−8 relative. */
const ROBUST_EDGE_STEPS = 24;

/** The last point where paper mode is right before each place its validity ends between two scan points. */
function paperEdges(
  paper: EmlNode,
  math: MathNode,
  variables: readonly string[],
  ts: readonly number[],
  at: (t: number) => Record<string, number>,
  right: ReadonlyArray<boolean | null>,
): number[] {
  const out: number[] = [];
  let check: ((t: number) => boolean | null) | null = null;
  for (let i = 0; i + 1 < ts.length; i++) {
    const a = right[i];
    const b = right[i + 1];
    if (a === b || a === null || b === null) continue;
    check ??= pointChecker(paper, math, variables, at);
    out.push(edgeBetween(check, a ? ts[i] : ts[i + 1], a ? ts[i + 1] : ts[i], ROBUST_EDGE_STEPS));
  }
  return out;
}
