/**
 * Training trees at the thread boundary (treeWire.ts): what the worker posts is encoded, with its buffers in the
 * transfer list; the page gets the same text back, the general model's `_cN` constant leaves and their values
 * included; a tree that arrives again is not decoded again; a damaged one is an error.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../training/schedule.ts';
import { transferables, type TrainingEvent } from './protocol.ts';
import { decodeWorkerEvent, encodeWorkerEvent, receiveTree, treeOf } from './treeWire.ts';
import { printMathematica } from '../eml/syntax/index.ts';
import { evaluate } from '../eml/evaluate/interpreter.ts';

const result = (tree: string, constants?: Record<string, number>): RunResult => ({
  run: 0,
  init: 'general',
  seedIndex: 0,
  fit: true,
  symbol: true,
  stable: true,
  exact: false,
  abandoned: false,
  mseTrain: 1e-20,
  mseFresh: 1e-20,
  uncertain: 0,
  k: 5,
  tree,
  ...(constants ? { constants } : {}),
  steps: 10,
  nanRestarts: 0,
  attempts: 1,
  ms: 1,
});

describe('training trees on the wire', () => {
  it('a general-model result keeps its decimal constant leaves and their values', () => {
    const tree = 'EML[x,EML[_c0,EML[_c1,1]]]';
    const constants = { _c0: 1.4477346146633245, _c1: 0.5 };
    const ev: TrainingEvent = { type: 'result', runOffset: 0, results: [result(tree, constants)], ms: 3 };
    const m = encodeWorkerEvent(ev);
    const sent = m.type === 'result' ? m.results[0] : null;
    expect([...sent!.tree.names].sort()).toEqual(['_c0', '_c1', 'x']);
    expect(sent?.tree.nodes).toBeInstanceOf(Int32Array);
    // The tree's buffer goes in the transfer list (the worker keeps nothing of it).
    expect(transferables(m)).toContain(sent!.tree.nodes.buffer);
    const back = decodeWorkerEvent(structuredClone(m));
    expect(back).toEqual(ev);
    // The decoded node evaluates with the constants bound, as the certificate binds them.
    const node = treeOf(tree);
    const v = evaluate(node, { x: { re: 0.3, im: 0 }, _c0: { re: constants._c0, im: 0 }, _c1: { re: 0.5, im: 0 } });
    expect(Number.isFinite(v.re)).toBe(true);
  });

  it('snapshots and run events round-trip, shared subtrees once', () => {
    const shared = 'EML[EML[x,1],EML[x,1]]';
    const snap: TrainingEvent = {
      type: 'snapshot',
      restart: 2,
      tree: shared,
      k: 7,
      depth: 2,
      mseTrain: 0.5,
      uncertain: 0,
    };
    const m = encodeWorkerEvent(snap);
    // 1, x, eml(x, 1) and the root: four distinct nodes for K 7.
    expect(m.type === 'snapshot' && m.tree.nodes.length).toBe(8);
    expect(decodeWorkerEvent(structuredClone(m))).toEqual(snap);
    const run: TrainingEvent = { type: 'run', result: result('EML[1,x]') };
    expect(decodeWorkerEvent(structuredClone(encodeWorkerEvent(run)))).toEqual(run);
  });

  it('a tree that arrives again gives the node decoded the first time', () => {
    const m = encodeWorkerEvent({
      type: 'snapshot',
      restart: 0,
      tree: 'EML[EML[1,1],x]',
      k: 5,
      depth: 2,
      mseTrain: 1,
      uncertain: 0,
    });
    if (m.type !== 'snapshot') throw new Error('not a snapshot');
    const a = receiveTree(structuredClone(m.tree));
    const node = treeOf(a);
    expect(receiveTree(structuredClone(m.tree))).toBe(a);
    expect(treeOf(a)).toBe(node);
    expect(printMathematica(node)).toBe('EML[EML[1,1],x]');
  });

  it('a damaged tree is an error naming the entry, never a wrong tree', () => {
    const m = encodeWorkerEvent({ type: 'run', result: result('EML[1,x]') });
    if (m.type !== 'run') throw new Error('not a run');
    m.result.tree.nodes[4] = 7; // the root refers to a later node
    expect(() => decodeWorkerEvent(m)).toThrow(/encoded tree: node 2 refers to 7/);
    const noNames = {
      type: 'run' as const,
      result: { ...m.result, tree: { nodes: new Int32Array([-2, 0]), names: [] } },
    };
    expect(() => decodeWorkerEvent(noNames)).toThrow(/names variable 0, but there are 0 names/);
  });
});
