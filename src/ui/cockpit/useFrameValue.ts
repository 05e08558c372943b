/**
 * A value that follows `value` one animation frame later, in a frame of its own (frameJobs.ts): a heavy view
 * renders its new state without sharing the frame with the other live views.
 */
import { useEffect, useState } from 'react';
import { cancelFrameJob, postFrameJob } from './frameJobs.ts';

export function useFrameValue<T>(value: T, key: string): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    postFrameJob(key, () => setShown(() => value));
    return () => cancelFrameJob(key);
  }, [value, shown, key]);
  return shown;
}
