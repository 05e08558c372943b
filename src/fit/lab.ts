/**
 * Recovery-lab bookkeeping: the paper's published recovery rates (quoted, with their source) and the aggregation
 * of our own runs into the same table shape and a histogram, so the two sit side by side.
 */
export const PUBLISHED_SOURCE =
  'EML_toolkit PyTorch_v16_final/README.md, “Latest Headless Results” (March 20, 2026 run), as docs/fitting.md#recovery-rates summarises; success = snapped MSE < 1e−6';

export interface PublishedRate {
  target: string;
  init: string;
  runs: number;
  successes: number;
  note?: string;
}

export const PUBLISHED_RATES: readonly PublishedRate[] = [
  { target: 'eml_depth2', init: 'all 4 random', runs: 32, successes: 32 },
  {
    target: 'eml_depth3',
    init: 'all 4 random',
    runs: 64,
    successes: 17,
    note: 'biased 4/16, uniform 4/16, xy_biased 4/16, random_hot 5/16',
  },
  {
    target: 'eml_depth4',
    init: 'all 4 random',
    runs: 64,
    successes: 15,
    note: 'biased 2/16, uniform 3/16, xy_biased 4/16, random_hot 6/16; 1 abandoned',
  },
  { target: 'eml_depth5', init: 'random_hot', runs: 64, successes: 1, note: '30 abandoned (NaN restarts)' },
  { target: 'eml_depth5', init: 'uniform', runs: 64, successes: 1 },
  { target: 'eml_depth6', init: 'random_hot', runs: 64, successes: 0, note: '56 abandoned' },
  { target: 'eml_depth6', init: 'uniform', runs: 64, successes: 0 },
];

export interface LabRun {
  target: string;
  depth: number;
  init: string;
  /** Snapped MSE < 1e−6 (the paper's "success"). */
  fit: boolean;
  /** Certified exact (snapped MSE < 1e−20 on training and fresh points). */
  exact: boolean;
  abandoned: boolean;
  steps: number;
  mseTrain: number;
  /** With random targets (a fresh tree per run), the run's own target tree as text. */
  tree?: string;
}

export interface LabRow {
  target: string;
  depth: number;
  init: string;
  runs: number;
  fit: number;
  exact: number;
  abandoned: number;
  medianSteps: number;
}

export function aggregate(runs: readonly LabRun[]): LabRow[] {
  const groups = new Map<string, LabRun[]>();
  for (const r of runs) {
    const key = `${r.target}\u0000${r.depth}\u0000${r.init}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const rows: LabRow[] = [];
  for (const g of groups.values()) {
    const steps = g
      .filter((r) => r.fit)
      .map((r) => r.steps)
      .sort((a, b) => a - b);
    rows.push({
      target: g[0].target,
      depth: g[0].depth,
      init: g[0].init,
      runs: g.length,
      fit: g.filter((r) => r.fit).length,
      exact: g.filter((r) => r.exact).length,
      abandoned: g.filter((r) => r.abandoned).length,
      medianSteps: steps.length ? steps[Math.floor((steps.length - 1) / 2)] : NaN,
    });
  }
  return rows.sort((a, b) => a.depth - b.depth || a.target.localeCompare(b.target) || a.init.localeCompare(b.init));
}

export interface Bin {
  /** log10 of the bin's lower edge of snapped MSE. */
  lo: number;
  hi: number;
  count: number;
}

/** Histogram of log10(snapped training MSE), one bin per `width` decades from −32 (exact) to +4 (far off). */
export function mseHistogram(runs: readonly LabRun[], width = 4): Bin[] {
  const bins: Bin[] = [];
  for (let lo = -32; lo < 4; lo += width) bins.push({ lo, hi: lo + width, count: 0 });
  for (const r of runs) {
    const v = Number.isFinite(r.mseTrain) ? Math.log10(Math.max(1e-32, r.mseTrain)) : 4;
    const i = Math.min(bins.length - 1, Math.max(0, Math.floor((v + 32) / width)));
    bins[i].count++;
  }
  return bins;
}

export function publishedFor(target: string): PublishedRate[] {
  return PUBLISHED_RATES.filter((p) => p.target === target);
}
