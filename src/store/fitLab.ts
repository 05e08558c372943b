/**
 * The recovery lab's slice of the fit store: its form (target, seeds, depth for the user's data, init strategies)
 * and its progress (runs so far, what is running, the last error). ui/cockpit/labController.ts runs the batches
 * and writes here; RecoveryLab.tsx only reads and calls it.
 */
import type { StoreApi } from 'zustand';
import type { LabRun } from '../fit/lab.ts';
import type { TargetShape } from '../training/randomTarget.ts';
import { RANDOM_INITS, type InitStrategy } from '../training/settings.ts';

export interface LabState {
  /**
   * A paper target (training/targets.ts TARGET_NAMES), 'data' (the cockpit's data), 'random' (a fresh random tree
   * per seed, of depth userDepth and shape randomShape) or 'tree' (the tree written in treeText).
   */
  target: string;
  seeds: number;
  /** Depth for 'data' and 'random' (a paper target and a written tree have their own). */
  userDepth: number;
  randomShape: TargetShape;
  treeText: string;
  inits: InitStrategy[];
  runs: LabRun[];
  /** What is running ("biased: 4 runs at depth 2…"), or null when idle. */
  busy: string | null;
  error: string | null;
}

export interface LabSlice {
  lab: LabState;
  patchLab: (patch: Partial<LabState>) => void;
}

export const IDLE_LAB: LabState = {
  target: 'eml_depth2',
  seeds: 4,
  userDepth: 3,
  randomShape: 'any',
  treeText: 'EML[EML[1, EML[y, x]], 1]',
  inits: [...RANDOM_INITS],
  runs: [],
  busy: null,
  error: null,
};

export function createLabSlice(set: StoreApi<LabSlice>['setState']): LabSlice {
  return {
    lab: IDLE_LAB,
    patchLab: (patch) => set((s) => ({ lab: { ...s.lab, ...patch } })),
  };
}
