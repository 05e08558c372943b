/**
 * At most one live-view update per animation frame. Each live view of the cockpit (loss chart, numbers panel,
 * live tree, result panels) costs a few milliseconds of script plus its style, layout and paint; a frame that
 * did all of them at once could pass 50 ms on a 2-core machine whose other core is training. Views post their
 * latest update under a key (a newer one replaces an older, unrun one) and each frame runs the oldest waiting
 * key. The chart changes at most at the progress rate (≤ 30 a second, trainingClient.ts progressHz), the live tree every
 * ≥ 200 ms and the numbers every ≥ 250 ms (liveFeed.ts): ≤ 30 + 5 + 4 updates a second against ~60 frames, so
 * every view still updates at its own rate. liveChannels.ts describes what travels on each.
 */
type Job = () => void;

const waiting = new Map<string, Job>();
let scheduled = false;

function frame(): void {
  scheduled = false;
  const next = waiting.entries().next();
  if (next.done) return;
  const [key, job] = next.value;
  waiting.delete(key);
  try {
    job();
  } finally {
    if (waiting.size > 0) schedule();
  }
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(frame);
  else setTimeout(frame, 16); // tests run without a page
}

/** Run `job` in a frame of its own. A job already waiting under `key` is replaced and keeps its place. */
export function postFrameJob(key: string, job: Job): void {
  waiting.set(key, job);
  schedule();
}

/** Drop a waiting job (a view unmounted, or a run reset). */
export function cancelFrameJob(key: string): void {
  waiting.delete(key);
}

/** Run the job waiting under `key` now, if any (when a later update depends on it having happened). */
export function runFrameJobNow(key: string): void {
  const job = waiting.get(key);
  if (!job) return;
  waiting.delete(key);
  job();
}

/** Run every waiting job now, in order (tests). */
export function flushFrameJobs(): void {
  while (waiting.size > 0) frame();
}
