/**
 * The Pareto front of size against error (PySR's "equations" table, for EML trees): one candidate per distinct
 * snapped tree, kept when no other tree is both no larger and strictly better (or equal and smaller). The knee is
 * the front point farthest from the chord joining the front's ends in (K, log10 loss) scaled to the unit square:
 * the point after which extra size stops buying orders of magnitude.
 */
export interface Candidate {
  id: string;
  k: number;
  loss: number;
}

/** Losses below this are treated as this (an exact tree's 0 would be −∞ on a log axis). */
export const LOSS_FLOOR = 1e-32;
const lg = (v: number) => Math.log10(Math.max(LOSS_FLOOR, v));

export function paretoFront<T extends Candidate>(cands: readonly T[]): T[] {
  const ok = cands.filter((c) => Number.isFinite(c.k) && !Number.isNaN(c.loss));
  const sorted = [...ok].sort((a, b) => a.k - b.k || a.loss - b.loss || a.id.localeCompare(b.id));
  const front: T[] = [];
  let best = Infinity;
  for (const c of sorted) {
    if (c.loss < best) {
      front.push(c);
      best = c.loss;
    }
  }
  return front;
}

/** Index in `front` (sorted by K, losses decreasing) of the knee; −1 for an empty front. */
export function kneeIndex(front: readonly Candidate[]): number {
  if (front.length === 0) return -1;
  if (front.length === 1) return 0;
  const k0 = front[0].k;
  const k1 = front[front.length - 1].k;
  const l0 = lg(front[0].loss);
  const l1 = lg(front[front.length - 1].loss);
  if (front.length === 2) return l0 - l1 >= 1 ? 1 : 0; // the bigger tree only if it gains an order of magnitude
  const sx = k1 - k0 || 1;
  const sy = l0 - l1 || 1;
  let best = 0;
  let bestD = -Infinity;
  front.forEach((c, i) => {
    const u = (c.k - k0) / sx;
    const v = (l0 - lg(c.loss)) / sy;
    // Distance above the chord from (0,0) to (1,1): a large drop early in size is what makes a knee.
    const d = (v - u) / Math.SQRT2;
    if (d > bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}
