/**
 * The cockpit's live channels: what a training run updates faster than a store should re-render. There are three,
 * and this is the one place that says how each travels from the training workers to the page:
 *
 * - **chart** — `history` (fit/lossHistory.ts): every merged progress event (≤ 30 a second) appends a point; the
 *   loss chart subscribes and redraws its canvas in a frame job of its own. No React state changes per point.
 * - **tree** — `tree` (a LiveValue): the best restart's soft weights and τ, at most every LIVE_TREE_MS, and the
 *   best snapped tree; the live tree view reads it with useSyncExternalStore. The controller posts each update
 *   as a frame job, so it never shares a frame with another view's update.
 * - **numbers** — not a channel object: the fit store's `live` (step, phase, τ, rate, engine), written at most
 *   every LIVE_NUMBERS_MS, also as a frame job. Status, messages, candidates and the run's data are store state.
 *
 * Frame jobs (frameJobs.ts) are the pacing: one view update per animation frame, newest update per key wins.
 * The controller (controller.ts) is the only writer; it receives these channels and owns nothing a view reads.
 */
import { LossHistory } from '../../fit/lossHistory.ts';

export interface LiveTree {
  depth: number;
  nVars: number;
  weights: Float64Array;
  tau: number;
  snapped: string | null;
  version: number;
}

/** A value with listeners: the smallest external store useSyncExternalStore can read. */
export class LiveValue<T> {
  private listeners = new Set<() => void>();
  constructor(private value: T) {}
  get = (): T => this.value;
  set(v: T): void {
    this.value = v;
    for (const fn of this.listeners) fn();
  }
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
}

export interface LiveChannels {
  history: LossHistory;
  tree: LiveValue<LiveTree | null>;
}

export function createLiveChannels(): LiveChannels {
  return { history: new LossHistory(), tree: new LiveValue<LiveTree | null>(null) };
}

/** The cockpit's channels (tests make their own with createLiveChannels). */
export const liveChannels = createLiveChannels();
