import { describe, expect, it } from 'vitest';
import { manualLogits } from './init.ts';
import { treeShape } from './model.ts';
import { runRecovery } from './recovery.ts';
import { paperSettings } from './settings.ts';
import { targetTree } from './targets.ts';

/** runRecovery's `starts` (bench:paper-vs-reference --same-starts): a run trains from the parameters it is given. */
describe('runRecovery from given starts', () => {
  const shape = treeShape(3, 2);
  const settings = paperSettings(3, 'all', { seed: 137, runs: 2 });

  it('a run started on the target tree itself ends exact, sooner than from its own start, which misses', () => {
    const start = new Float64Array(shape.nParams);
    manualLogits(shape, targetTree('eml_depth3'), ['x', 'y'], 32, start);
    const [given] = runRecovery('eml_depth3', settings, [0], { starts: new Map([[0, start]]) });
    expect(given.fit).toBe(true);
    expect(given.mseTrain).toBe(0);
    const [own] = runRecovery('eml_depth3', settings, [0]);
    // Run 0's own draw (seed 137, biased) does not reach the target in the paper schedule.
    expect(own.fit).toBe(false);
    expect(given.steps).toBeLessThan(own.steps);
  });

  it('refuses a start of the wrong size', () => {
    const starts = new Map([[1, new Float64Array(shape.nParams - 1)]]);
    expect(() => runRecovery('eml_depth3', settings, [1], { starts })).toThrow(
      /run 1: a start of 37 parameters for a tree of 38/,
    );
  });
});
