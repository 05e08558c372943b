/** Reading recovery targets (paper name, random:D:S, EML text) with clear errors, and runs on them. */
import { describe, expect, it } from 'vitest';
import { print } from '../eml/syntax/index.ts';
import { runRecovery, summarise } from './recovery.ts';
import {
  dataForRun,
  parseTargetName,
  parseTargetTree,
  representabilityNote,
  targetDepth,
  targetLabel,
  TargetError,
} from './recoveryTarget.ts';
import { randomTarget } from './randomTarget.ts';
import { improvedSettings } from './settings.ts';
import { TARGETS } from './targets.ts';

describe('parseTargetName', () => {
  it('reads paper targets and random:DEPTH[:SHAPE] (shape any by default)', () => {
    expect(parseTargetName('eml_depth5')).toEqual({ kind: 'paper', name: 'eml_depth5' });
    expect(parseTargetName('random:4')).toEqual({ kind: 'random', depth: 4, shape: 'any' });
    expect(parseTargetName('random:6:bushy')).toEqual({ kind: 'random', depth: 6, shape: 'bushy' });
    expect(targetLabel(parseTargetName('random:3:chain'))).toBe('random:3:chain');
    expect(targetDepth(parseTargetName('random:3:chain'))).toBe(3);
    expect(targetDepth(parseTargetName('eml_depth6'))).toBe(6);
  });

  it.each([
    ['eml_depth9', /unknown target "eml_depth9": use one of eml_depth2, .*random:DEPTH\[:SHAPE\]/],
    ['random:0', /depth must be 1–8/],
    ['random:12:chain', /depth must be 1–8/],
    ['random:4:tall', /random:4:tall: the shape must be one of chain, bushy, any/],
    ['random:', /unknown target/],
  ])('refuses %j', (text, message) => {
    expect(() => parseTargetName(text)).toThrow(TargetError);
    expect(() => parseTargetName(text)).toThrow(message);
  });
});

describe('parseTargetTree', () => {
  it('reads any EML syntax, with the depth of the tree', () => {
    for (const text of ['EML[1, EML[x, y]]', 'eml(1, eml(x, y))', '1 x y E E']) {
      const t = parseTargetTree(text);
      expect(print(t.tree, 'mathematica')).toBe('EML[1,EML[x,y]]');
      expect(targetDepth(t)).toBe(2);
      expect(targetLabel(t)).toBe('EML[1,EML[x,y]]');
    }
  });

  it.each([
    ['', /empty: write an EML tree over x and y/],
    ['   ', /empty/],
    ['EML[1, x', /does not read: line 1, column 4: '\[' of EML is never closed/],
    ['EML[1, 2]', /does not read: line 1, column 8/],
    ['EML[1, EML[z, x]]', /variable "z" \(line 1, column 12\).*x and y only: rename it to x or y/],
    ['EML[1,\n  EML[x, t1]]', /variable "t1" \(line 2, column 10\)/],
    ['x', /single leaf \(depth 0\)/],
    ['EML[EML[EML[x,1],1],1]', /not finite at x = 1\.9, y = 1\.0 of the training grid \[1, 3\]²/],
    [`${'EML[1, '.repeat(9)}x${']'.repeat(9)}`, /depth 9; the trainer goes to depth 8: give a shallower tree/],
  ])('refuses %j with a clear message', (text, message) => {
    expect(() => parseTargetTree(text)).toThrow(TargetError);
    expect(() => parseTargetTree(text)).toThrow(message);
  });

  it('refuses a tree that is complex on most of the grid', () => {
    // e − ln(e − (exp(exp x) − ln(e − ln y))): the inner ln takes a negative number except at x = 1 (21 points).
    expect(() => parseTargetTree('EML[1, EML[1, EML[EML[x, 1], EML[1, y]]]]')).toThrow(/real at only 21 of the 441/);
  });

  it('notes when the master formula cannot write the tree as it is', () => {
    const t = parseTargetTree('EML[x, EML[1, y]]');
    expect(representabilityNote(t, 2)).toMatch(/variables at depth 1: only an equivalent tree/);
    expect(representabilityNote(parseTargetTree(TARGETS.eml_depth3), 3)).toBeNull();
    expect(representabilityNote(parseTargetName('random:3'), 3)).toBeNull();
  });
});

describe('data and runs per target', () => {
  it('a random target draws the tree of run r from seed0 + r: the same run gets the same tree, runs differ', () => {
    const t = parseTargetName('random:3:any');
    expect(dataForRun(t, 100, 2).tree).toBe(randomTarget(3, 'any', 102).tree);
    expect(dataForRun(t, 100, 2).train.target).toEqual(dataForRun(t, 100, 2).train.target);
    expect(dataForRun(t, 100, 0).tree).not.toBe(dataForRun(t, 100, 1).tree);
    expect(dataForRun(parseTargetTree('EML[x, y]'), 0, 5).train.n).toBe(441);
  });

  it('runs a given tree and random trees, each random run naming its own tree', () => {
    const settings = improvedSettings(1, 'biased', { seed: 11 });
    const fixed = runRecovery(parseTargetTree('EML[x, y]'), settings, [0]);
    expect(fixed[0].exact).toBe(true);
    expect(fixed[0].target).toBeUndefined();
    const random = runRecovery(parseTargetName('random:1:chain'), settings, [0, 1]);
    expect(random.map((r) => r.target)).toEqual(
      [0, 1].map((run) => print(randomTarget(1, 'chain', 11 + run).tree, 'mathematica')),
    );
    const sum = summarise('random:1:chain', 1, random, 1, 1);
    expect(sum.target).toBe('random:1:chain');
    expect(sum.medianCpuMs).toBeNull();
  });
});
