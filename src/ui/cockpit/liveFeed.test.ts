/** The live feed's throttling and its end of a run, on a fake clock; the frames are flushed by hand. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFit, type LiveInfo } from '../../store/fitStore.ts';
import { flushFrameJobs } from './frameJobs.ts';
import { createLiveChannels } from './liveChannels.ts';
import { LiveFeed } from './liveFeed.ts';

const INFO: LiveInfo = {
  step: 0,
  phase: 'search',
  tau: 2.5,
  elapsedMs: 0,
  stepsPerSecond: 0,
  depth: 2,
  engine: 'native',
  backend: 'float64',
  workers: 1,
};
const soft = (tau: number) => ({ depth: 2, nVars: 1, weights: new Float64Array(4), tau });

describe('LiveFeed', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout'] });
    vi.setSystemTime(0);
    useFit.getState().setRun({ status: 'running', live: null });
  });
  afterEach(() => vi.useRealTimers());

  it('passes the live tree on at most every 200 ms and the numbers at most every 250 ms', () => {
    const ch = createLiveChannels();
    const feed = new LiveFeed(useFit, ch);
    vi.advanceTimersByTime(1000);
    feed.ready(INFO);
    const numbers = vi.fn((last: LiveInfo) => ({ ...last, step: last.step + 10 }));
    feed.progress(soft(2), numbers);
    feed.progress(soft(1), numbers); // same instant: neither is due again
    flushFrameJobs();
    expect(ch.tree.get()).toMatchObject({ tau: 2, version: 1, snapped: null });
    expect(numbers).toHaveBeenCalledTimes(1);
    expect(useFit.getState().live?.step).toBe(10);
    vi.advanceTimersByTime(210);
    feed.snapped('EML[x,1]');
    feed.progress(soft(1), numbers); // the tree is due, the numbers not yet
    flushFrameJobs();
    expect(ch.tree.get()).toMatchObject({ tau: 1, version: 3, snapped: 'EML[x,1]' });
    expect(numbers).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(50);
    feed.progress(null, numbers); // no soft weights (the general model): the tree keeps its picture
    flushFrameJobs();
    expect(numbers).toHaveBeenCalledTimes(2);
    expect(ch.tree.get()?.version).toBe(3);
  });

  it("passes a run's first progress on at once, whatever the clock reads", () => {
    // performance.now() counts from the process's start: a fast first run may report before 250 ms have passed.
    const feed = new LiveFeed(useFit, createLiveChannels());
    feed.begin();
    feed.ready(INFO);
    feed.progress(soft(2), (l) => ({ ...l, stepsPerSecond: 1000 }));
    flushFrameJobs();
    expect(useFit.getState().live?.stepsPerSecond).toBe(1000);
    // A new run starts its rates over.
    vi.advanceTimersByTime(100);
    feed.begin();
    feed.ready(INFO);
    feed.progress(soft(2), (l) => ({ ...l, stepsPerSecond: 7 }));
    flushFrameJobs();
    expect(useFit.getState().live?.stepsPerSecond).toBe(7);
  });

  it('settles into the chosen tree, ends the numbers, selects in a frame, and clears', () => {
    const ch = createLiveChannels();
    const feed = new LiveFeed(useFit, ch);
    vi.advanceTimersByTime(1000);
    feed.ready(INFO);
    feed.progress(soft(1.5), (l) => l);
    feed.patch({ engine: 'native (fell back)' });
    const select = vi.fn();
    const live = feed.settle('EML[1,1]', 1234, select);
    expect(live).toMatchObject({ phase: 'done', elapsedMs: 1234, engine: 'native (fell back)' });
    expect(select).not.toHaveBeenCalled();
    flushFrameJobs();
    expect(select).toHaveBeenCalledTimes(1);
    expect(ch.tree.get()).toMatchObject({ snapped: 'EML[1,1]', tau: 0 });
    feed.clear();
    expect(feed.info).toBeNull();
    expect(ch.tree.get()).toBeNull();
    feed.patch({ engine: 'tfjs' }); // nothing to patch before the next ready
    expect(feed.info).toBeNull();
  });
});
