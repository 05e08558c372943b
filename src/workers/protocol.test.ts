import { describe, expect, it } from 'vitest';
import { paperSettings } from '../training/settings.ts';
import { targetData } from '../training/targets.ts';
import { copyData, isCommand, isWorkerEvent, transferables, type Command, type WorkerEvent } from './protocol.ts';

describe('worker protocol', () => {
  it('commands and events survive a structured-clone round trip with their typed arrays', () => {
    const { train, fresh } = targetData('eml_depth2');
    const start: Command = {
      type: 'start',
      settings: paperSettings(2),
      data: copyData({ train, fresh }),
      runOffset: 0,
      restarts: 2,
    };
    const back = structuredClone(start);
    expect(isCommand(back)).toBe(true);
    expect(back).toEqual(start);
    expect(transferables(start).length).toBe(6); // x, y, target for train and fresh
    const progress: WorkerEvent = {
      type: 'progress',
      runOffset: 0,
      step: 10,
      phase: ['search', 'hardening'],
      tau: new Float64Array([2.5, 1]),
      soft: new Float64Array([1, 2]),
      hard: new Float64Array([3, 4]),
      bestRestart: 0,
      weights: new Float64Array(18),
      stepsPerSecond: 100,
      paused: false,
    };
    const p2 = structuredClone(progress);
    expect(isWorkerEvent(p2)).toBe(true);
    expect(p2).toEqual(progress);
    expect(transferables(progress).length).toBe(4);
    for (const c of [
      { type: 'pause' },
      { type: 'resume' },
      { type: 'step', n: 5 },
      { type: 'stop' },
      { type: 'reset' },
      { type: 'set', patch: { lr: 0.02 } },
    ])
      expect(isCommand(structuredClone(c))).toBe(true);
    expect(isCommand({ type: 'explode' })).toBe(false);
  });
  it('copyData does not share buffers with the caller, so transferring leaves the caller intact', () => {
    const { train, fresh } = targetData('eml_depth2');
    const c = copyData({ train, fresh });
    expect(c.train.x[0].buffer).not.toBe(train.x[0].buffer);
    expect(c.train.target).toEqual(train.target);
  });
});
