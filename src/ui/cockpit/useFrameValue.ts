/**
 * A value that follows `value` one animation frame later, in a frame of its own (frameJobs.ts): a heavy view
 * renders its new state without sharing the frame with the other live views. `atMount` is what the first render
 * shows (by default `value` itself); a view that mounts with much to lay out passes a light one, so that its
 * first frame stays short and the heavy part follows in the next.
 */
import { useEffect, useState } from 'react';
import { cancelFrameJob, postFrameJob } from './frameJobs.ts';

export function useFrameValue<T>(value: T, key: string, atMount: T = value): T {
  const [shown, setShown] = useState(atMount);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    postFrameJob(key, () => setShown(() => value));
    return () => cancelFrameJob(key);
  }, [value, shown, key]);
  return shown;
}
