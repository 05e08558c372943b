/**
 * Where and how much validity-domain scans look (domains.ts, robust.ts): the scanned range, the scan and measurement
 * points, and the work budget a scan is abandoned over.
 */
/** Largest |x| scanned: e^710 overflows float64, so no compiled tree has a finite exp of anything larger. */
export const SCAN_LIMIT = 710;
/**
 * Smallest |x| scanned besides 0 (log-spaced from here to SCAN_LIMIT). Below it, odd functions built from exp
 * differences (sin x = (e^{ix} − e^{−ix})/2i, sinh, tan, atan) lose relative accuracy like 1e−16/|x| in every mode
 * (1e−10 at |x| = 1e−6): near 0 they are absolutely, not relatively, accurate.
 */
export const SCAN_FLOOR = 1e-4;
/** Trees larger than this are not scanned (a 700-point scan of a K 10⁶ tree would take seconds). */
export const MAX_SCANNED_K = 200_000;

/**
 * Work budget of one scan (a domain measurement, or robust mode's whole comparison with paper mode), in node
 * evaluations: distinct tree nodes × points, plus math nodes × points for the reference. K alone does not bound the
 * work: a sum of 30 sines has K 18 000 but ten thousand distinct nodes and hundreds of bisected edges (5 s before
 * this budget). Measured 0.3–0.8 µs a unit (the reference evaluation dominates), so the budget is about 1 s at
 * worst, in line with the paper work budget (paper.ts); sin nested 8 deep needs 0.6 M, a 40-term polynomial 1.6 M.
 * Over it, the scan is abandoned: no domain (null), or a robust choice reported as unchecked.
 */
export const SCAN_WORK_BUDGET = 2_500_000;
/**
 * A domain measurement's budget: its points (measurePoints) reach the subnormals and are about twice scanPoints,
 * so it has that much more than SCAN_WORK_BUDGET (about 1.5 s at worst).
 */
export const MEASURE_WORK_BUDGET = 4_000_000;

/** Thrown when a scan crosses SCAN_WORK_BUDGET; caught by the scan's owner (withScanBudget). */
class ScanBudgetExceeded extends Error {}
let scanLeft = Infinity;
/** Charges `units` to the scan under way (none: free); over its budget, abandons it. */
export function chargeScan(units: number): void {
  scanLeft -= units;
  if (scanLeft < 0) throw new ScanBudgetExceeded('scan work budget exceeded');
}
/** Runs `f` with a fresh scan budget; `over()` is its result if the budget runs out. Nested calls share the outer one. */
export function withScanBudget<T>(f: () => T, over: () => T, units = SCAN_WORK_BUDGET): T {
  if (scanLeft !== Infinity) return f();
  scanLeft = units;
  try {
    return f();
  } catch (e) {
    if (e instanceof ScanBudgetExceeded) return over();
    throw e;
  } finally {
    scanLeft = Infinity;
  }
}

/** Log-spaced points on ±[SCAN_FLOOR, SCAN_LIMIT] and 0, `perDecade` per decade, sorted ascending. */
export function scanPoints(perDecade = 24, offset = 0): number[] {
  const decades = Math.log10(SCAN_LIMIT / SCAN_FLOOR);
  const n = Math.ceil(decades * perDecade);
  const pos: number[] = [];
  for (let i = 0; i <= n; i++) pos.push(Math.min(SCAN_LIMIT, SCAN_FLOOR * 10 ** ((i + offset) * (decades / n))));
  return [...pos.map((p) => -p).reverse(), 0, ...pos];
}

/**
 * The measurement's points: scanPoints() plus, below SCAN_FLOOR, one point every TINY_STEP decades down to the
 * subnormals and a linear grid on [−1, 1]. Without them a run from −SCAN_FLOOR to SCAN_FLOOR was stated across 0
 * unseen, yet EML's ln x = e − ln(exp(e − ln x)) overflows for x < e^{−707.06} ≈ 1.1e−307 (sqrt(x) there gives 0,
 * not 1e−154), and 1/x² or 10x − 1/x break at their own small thresholds.
 */
export function measurePoints(): number[] {
  const tiny: number[] = [];
  for (let k = -Math.log10(SCAN_FLOOR) + 0.5; k < 323.5; k += TINY_STEP) tiny.push(10 ** -k);
  tiny.push(5e-324, 2.2250738585072014e-308); // the smallest subnormal and the smallest normal double
  const linear: number[] = [];
  for (let i = 1; i <= LINEAR_STEPS; i++) linear.push(i / LINEAR_STEPS);
  const pos = [...tiny, ...linear];
  return [...new Set([...scanPoints(), ...pos, ...pos.map((p) => -p)])].sort((a, b) => a - b);
}
/** Decades between two measured points below SCAN_FLOOR (the thresholds there are monotone in |x|: edge-bisected). */
const TINY_STEP = 2;
/** Linear points on (0, 1] (and their negatives), between the log-spaced ones. */
const LINEAR_STEPS = 16;
