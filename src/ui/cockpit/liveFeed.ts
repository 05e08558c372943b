/**
 * When the cockpit's live views see a run: the numbers panel (the store's run.live) and the live tree (liveChannels'
 * 'tree'), each re-rendered at most every LIVE_*_MS and in an animation frame of its own (frameJobs.ts), and the
 * result's selection once the run settles. The controller says what happened; this decides when the views see it.
 */
import type { useFit, LiveInfo } from '../../store/fitStore.ts';
import { cancelFrameJob, postFrameJob } from './frameJobs.ts';
import type { LiveChannels, LiveTree } from './liveChannels.ts';

/**
 * How often the numbers panel and the live tree re-render during training. Both change the page's layout, which
 * on a 2-core machine with a training worker on the other core costs 5–20 ms a time; 4–5 Hz reads as live while
 * the chart (a canvas, no layout) redraws at the progress rate.
 */
const LIVE_NUMBERS_MS = 250;
const LIVE_TREE_MS = 200;
/** Frame-job keys (frameJobs.ts): each of these view updates gets an animation frame of its own. */
const JOB_NUMBERS = 'cockpit:numbers';
const JOB_TREE = 'cockpit:live-tree';
const JOB_SELECT = 'cockpit:select-result';

/** The soft tree of a progress event, as the live tree draws it. */
export type SoftTree = Pick<LiveTree, 'depth' | 'nVars' | 'weights' | 'tau'>;

export class LiveFeed {
  private live: LiveInfo | null = null;
  /** The live tree as last received (what the view gets in its next frame). */
  private tree: LiveTree | null = null;
  /** When each view was last passed on; -∞ so a run's first update is due whatever the clock reads. */
  private lastTreeEmit = -Infinity;
  private lastNumbersEmit = -Infinity;

  constructor(
    private readonly store: typeof useFit,
    private readonly ch: LiveChannels,
  ) {}

  /** What the numbers panel shows (null before the workers are ready). */
  get info(): LiveInfo | null {
    return this.live;
  }

  /** A new run: updates still waiting for a frame are dropped, the numbers start over at `ready`, and the first
   * progress of the run is passed on at once. */
  begin(): void {
    this.cancel();
    this.live = null;
    this.lastTreeEmit = -Infinity;
    this.lastNumbersEmit = -Infinity;
  }

  /** Back to before any run: the numbers and the live tree are cleared. */
  clear(): void {
    this.begin();
    this.tree = null;
    this.ch.tree.set(null);
  }

  /** The workers are ready: the numbers panel starts from `info`. */
  ready(info: LiveInfo): void {
    this.live = info;
    this.publishNumbers();
  }

  /** A change the numbers panel shows at once (an engine falling back). */
  patch(change: Partial<LiveInfo>): void {
    if (!this.live) return;
    this.live = { ...this.live, ...change };
    this.publishNumbers();
  }

  /**
   * A progress event: the soft tree (null where the model sends none) and the numbers, each passed on at most at its
   * rate; `numbers` is asked only when they are due.
   */
  progress(soft: SoftTree | null, numbers: (last: LiveInfo) => LiveInfo): void {
    const now = performance.now();
    if (soft && now - this.lastTreeEmit >= LIVE_TREE_MS) {
      this.lastTreeEmit = now;
      this.tree = { ...soft, snapped: this.tree?.snapped ?? null, version: (this.tree?.version ?? 0) + 1 };
      this.publishTree();
    }
    if (!this.live || now - this.lastNumbersEmit < LIVE_NUMBERS_MS) return;
    this.lastNumbersEmit = now;
    this.live = numbers(this.live);
    this.publishNumbers();
  }

  /** The best snapped tree so far; the live tree shows it with its next picture. */
  snapped(tree: string): void {
    if (this.tree) this.tree = { ...this.tree, snapped: tree, version: this.tree.version + 1 };
  }

  /**
   * The run is over: the live tree crystallises into `pick` (the best candidate's tree, if any), the numbers end at
   * `elapsedMs`, and `select` runs in a frame of its own. Returns the numbers as they end, for the run's record.
   */
  settle(pick: string | null, elapsedMs: number, select: () => void): LiveInfo | null {
    if (this.tree && pick !== null) this.tree = { ...this.tree, snapped: pick, tau: 0, version: this.tree.version + 1 };
    this.cancel();
    if (this.live) this.live = { ...this.live, phase: 'done', elapsedMs };
    postFrameJob(JOB_SELECT, select);
    this.publishTree();
    return this.live;
  }

  private cancel(): void {
    for (const k of [JOB_NUMBERS, JOB_TREE, JOB_SELECT]) cancelFrameJob(k);
  }

  private publishNumbers(): void {
    postFrameJob(JOB_NUMBERS, () => this.store.getState().setRun({ live: this.live }));
  }

  private publishTree(): void {
    const t = this.tree;
    postFrameJob(JOB_TREE, () => this.ch.tree.set(t));
  }
}
