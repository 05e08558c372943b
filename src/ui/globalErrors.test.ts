import { afterEach, describe, expect, it } from 'vitest';
import { describeError, installGlobalErrorListeners, useBackgroundError } from './globalErrors.ts';

/** A window stand-in: listeners by type, and a dispatcher. */
function fakeWindow() {
  const listeners = new Map<string, Set<(e: Event) => void>>();
  return {
    addEventListener: (t: string, f: (e: Event) => void) =>
      void (listeners.get(t) ?? listeners.set(t, new Set()).get(t)!).add(f),
    removeEventListener: (t: string, f: (e: Event) => void) => void listeners.get(t)?.delete(f),
    fire: (t: string, e: object) => listeners.get(t)?.forEach((f) => f(e as Event)),
  };
}

afterEach(() => useBackgroundError.getState().dismiss());

describe('background errors', () => {
  it('an uncaught error and an unhandled rejection are recorded, counted and bounded', () => {
    const w = fakeWindow();
    const stop = installGlobalErrorListeners(w as never);
    w.fire('error', { error: new TypeError('x is not a function') });
    expect(useBackgroundError.getState().error).toEqual({ message: 'TypeError: x is not a function', count: 1 });
    w.fire('unhandledrejection', { reason: 'y'.repeat(5000) });
    expect(useBackgroundError.getState().error!.count).toBe(2);
    expect(useBackgroundError.getState().error!.message.length).toBeLessThanOrEqual(301);
    stop();
    w.fire('error', { error: new Error('after stop') });
    expect(useBackgroundError.getState().error!.count).toBe(2);
  });
  it('resource load errors (no error object) are ignored, and odd reasons never throw', () => {
    const w = fakeWindow();
    const stop = installGlobalErrorListeners(w as never);
    w.fire('error', { message: '' });
    expect(useBackgroundError.getState().error).toBeNull();
    const hostile = {
      toString: () => {
        throw new Error('no');
      },
    };
    expect(() => w.fire('unhandledrejection', { reason: hostile })).not.toThrow();
    expect(describeError(hostile)).toBe('an unknown error');
    stop();
  });
});
