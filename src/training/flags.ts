/**
 * The switchable improvements of improved mode (issue 14), in one table: each flag's default in both protocols, the
 * depth from which improved mode turns a flag on, and which other flags a flag works through. Everything else
 * (PAPER_FLAGS, FLAG_NAMES, improvedFlags, the validation, the bench's --flags) is derived from the table, so a flag
 * added to ImprovedFlags without an entry is a type error.
 */

/** Our improvements (improved.ts); all off reproduces the reference protocol. */
export interface ImprovedFlags {
  /**
   * Structured prior (the same for every target): the gates along one random root-to-leaf path start open.
   * Alone it hurt (d4 11/16 vs 15/16 without, d5 3/8 vs 5/8, seed0 1000) and it slows the first d4 recovery in the
   * browser (≈ 4 s → 12 s); with treeMoves it is what reaches depth 6 (d6 4/8 vs 0/8 at seed0 137). So
   * improvedSettings turns it on from depth 6, where the trees are long single-path chains.
   */
  betterInit: boolean;
  /** A run is a budget of short attempts; each failed attempt restarts from a fresh init. */
  adaptiveRestarts: boolean;
  /** Abandon a hopeless attempt (stuck in NaN, or soft loss far above the plateau threshold at a checkpoint). */
  earlyAbandon: boolean;
  /** Snap at every evaluation, try the 2^K flips of the least decided choices, stop as soon as a snap is exact. */
  smartHardening: boolean;
  /** Greedy descent over the discrete snapped tree (single changes at evaluations, pairs at attempt ends). */
  localSearch?: boolean;
  /**
   * Structural tree-edit moves in that descent (discrete.ts `setMove`): at every live node, mirror its two subtrees,
   * shift an open path to the sibling side (copying the subtree across), or copy one subtree over the other; at
   * attempt ends also a move plus one single change. Target-independent. Alone (localSearch off) it runs the same
   * descent with the moves. Optional (added later); absent means off.
   */
  treeMoves?: boolean;
  /**
   * earlyAbandon's soft-loss bar times max(1, 10·Var(target)) (improved.ts `abandonBar`): the absolute bar cut every
   * attempt on targets of large values (bushy random depth-4 trees). Optional (added later); absent means off.
   */
  scaledAbandon?: boolean;
  /**
   * After a failed gradient attempt, simulated annealing over snapped trees (anneal.ts), ANNEAL_EVALS_PER_CHOICE
   * evaluations per choice, from the attempt's best snap: it needs no good start, where the soft optimum of bushy
   * targets is far from every discrete tree. Optional (added later); absent means off.
   */
  anneal?: boolean;
  /**
   * During annealing (before it starts and after each chunk), subtree replacements guided by the data (semantic.ts):
   * a subtree of height ≤ 4 becomes the one whose values best match what its position should compute. Optional
   * (added later); absent means off.
   */
  semanticRepair?: boolean;
  /**
   * After each annealing, a second from the lowest-MSE tree any annealing of the run has ended with (the run's best,
   * not the attempt's): from a good tree a fresh chain is more likely to finish it than a new gradient attempt is to
   * get there. Optional (added later); absent means off.
   */
  reanneal?: boolean;
  /**
   * Once an annealing is over, semantic repair of two subtrees at once on its best tree (semanticPairs.ts), for the
   * trees where each of two wrong subtrees compensates for the other. Optional (added later); absent means off.
   */
  pairRepair?: boolean;
}

/** The depth from which improved mode starts attempts from a random open chain (see `betterInit`). */
export const BETTER_INIT_FROM_DEPTH = 6;
/** The depth from which improved mode re-anneals the run's best tree after each annealing (see `reanneal`). */
export const REANNEAL_FROM_DEPTH = 6;
/**
 * The depth from which improved mode repairs pairs of subtrees after each annealing (see `pairRepair`): random:6:bushy,
 * fresh seed0 51515, 32 runs, 17/32 exact (median 274 CPU s a run). Below depth 6 it was not measured.
 */
export const PAIR_REPAIR_FROM_DEPTH = 6;

/** One improvement's name. */
export type FlagName = keyof ImprovedFlags;
interface FlagEntry {
  paper: boolean;
  /** On in improved mode from this depth (1: at every depth; Infinity: never by default). */
  improvedFrom: number;
  /** Added after settings were first saved and shared, so an absent value means off. */
  optional: boolean;
  /**
   * Flags this one acts through: with one of them off it would change nothing, so such a set of flags is refused
   * (validateFlags) and switching one off switches its dependents off with it (setFlag).
   */
  needs: readonly FlagName[];
}

const FLAG_TABLE: Record<FlagName, FlagEntry> = {
  betterInit: { paper: false, improvedFrom: BETTER_INIT_FROM_DEPTH, optional: false, needs: [] },
  adaptiveRestarts: { paper: false, improvedFrom: 1, optional: false, needs: [] },
  // improved.ts isHopeless: an attempt is only cut where the run is a budget of attempts to go on with.
  earlyAbandon: { paper: false, improvedFrom: 1, optional: false, needs: ['adaptiveRestarts'] },
  smartHardening: { paper: false, improvedFrom: 1, optional: false, needs: [] },
  localSearch: { paper: false, improvedFrom: 1, optional: true, needs: [] },
  treeMoves: { paper: false, improvedFrom: 1, optional: true, needs: [] },
  scaledAbandon: { paper: false, improvedFrom: 1, optional: true, needs: ['earlyAbandon'] },
  anneal: { paper: false, improvedFrom: 1, optional: true, needs: [] },
  // Repairs run inside the annealing (annealPhase.ts), and reanneal and pairRepair act on its best tree.
  semanticRepair: { paper: false, improvedFrom: 1, optional: true, needs: ['anneal'] },
  reanneal: { paper: false, improvedFrom: REANNEAL_FROM_DEPTH, optional: true, needs: ['anneal'] },
  pairRepair: {
    paper: false,
    improvedFrom: PAIR_REPAIR_FROM_DEPTH,
    optional: true,
    needs: ['anneal', 'semanticRepair'],
  },
};

/** The flags' names, in the table's order. */
export const FLAG_NAMES = Object.keys(FLAG_TABLE) as readonly FlagName[];

export const PAPER_FLAGS: ImprovedFlags = Object.freeze(
  Object.fromEntries(FLAG_NAMES.map((k) => [k, FLAG_TABLE[k].paper])) as unknown as ImprovedFlags,
);

/** Improved mode's flags at `depth`. */
export function improvedFlags(depth: number): ImprovedFlags {
  return Object.fromEntries(
    FLAG_NAMES.map((k) => [k, depth >= FLAG_TABLE[k].improvedFrom]),
  ) as unknown as ImprovedFlags;
}

/** Every problem with a set of flags, as messages for a person (restored settings are checked with this). */
export function validateFlags(flags: unknown): string[] {
  if (!flags || typeof flags !== 'object') return ['improved must be an object of flags'];
  const f = flags as Record<string, unknown>;
  const errors: string[] = [];
  for (const k of FLAG_NAMES) {
    if (FLAG_TABLE[k].optional && f[k] === undefined) continue; // added later; absent means off
    if (typeof f[k] !== 'boolean') errors.push(`improved.${k} must be true or false`);
  }
  if (errors.length > 0) return errors;
  for (const k of FLAG_NAMES) {
    const missing = FLAG_TABLE[k].needs.filter((n) => !f[n]);
    if (f[k] && missing.length > 0)
      errors.push(
        `improved.${k} works through ${missing.join(' and ')}: switch ${missing.length > 1 ? 'them' : 'it'} on, or ${k} off`,
      );
  }
  return errors;
}

/**
 * `flags` with flag k set to `on`. Switching a flag off also switches off every flag that needs it (directly or
 * through another), listed in `alsoOff` so the caller can say so; switching one on leaves its needs as they are, for
 * validateFlags to report.
 */
export function setFlag(flags: ImprovedFlags, k: FlagName, on: boolean): { flags: ImprovedFlags; alsoOff: FlagName[] } {
  const next: ImprovedFlags = { ...flags, [k]: on };
  const alsoOff: FlagName[] = [];
  if (!on)
    for (let changed = true; changed;) {
      changed = false;
      for (const d of FLAG_NAMES)
        if (next[d] && FLAG_TABLE[d].needs.some((n) => !next[n])) {
          next[d] = false;
          alsoOff.push(d);
          changed = true;
        }
    }
  return { flags: next, alsoOff };
}
