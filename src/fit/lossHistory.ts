/**
 * The live loss chart's data: a bounded series store filled at up to 30 Hz by the training client. When full it
 * halves itself (keeps every other point), so memory and drawing cost stay flat however long a run goes, and
 * the shape of the curve is kept at all scales. `version` tells the chart something changed.
 */
export const SERIES = ['best', 'hard', 'snapped', 'validation'] as const;
export type SeriesName = (typeof SERIES)[number];

export class LossHistory {
  step: number[] = [];
  series: Record<SeriesName, number[]> = { best: [], hard: [], snapped: [], validation: [] };
  /** One soft-loss line per restart. */
  restarts: number[][] = [];
  version = 0;
  private listeners = new Set<() => void>();
  constructor(readonly capacity = 1200) {}

  /** Called after every change (the chart schedules a redraw). */
  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private changed(): void {
    this.version++;
    for (const fn of this.listeners) fn();
  }

  clear(): void {
    this.step = [];
    this.series = { best: [], hard: [], snapped: [], validation: [] };
    this.restarts = [];
    this.changed();
  }

  push(step: number, values: Record<SeriesName, number>, perRestart: ArrayLike<number>): void {
    if (this.step.length > 0 && step <= this.step[this.step.length - 1]) return;
    this.step.push(step);
    for (const k of SERIES) this.series[k].push(values[k]);
    for (let r = 0; r < perRestart.length; r++) {
      const line = (this.restarts[r] ??= new Array(this.step.length - 1).fill(NaN));
      line.push(perRestart[r]);
    }
    for (const line of this.restarts) if (line.length < this.step.length) line.push(NaN);
    if (this.step.length > this.capacity) this.halve();
    this.changed();
  }

  private halve(): void {
    const keep = <T>(a: T[]) => a.filter((_, i) => i % 2 === 1 || i === a.length - 1);
    this.step = keep(this.step);
    for (const k of SERIES) this.series[k] = keep(this.series[k]);
    this.restarts = this.restarts.map(keep);
  }

  get length(): number {
    return this.step.length;
  }
}
