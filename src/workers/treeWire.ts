/**
 * Trees at the thread boundary of the training workers. The trainer and the page speak of trees as EML text
 * (RunResult.tree: the CLI, the exports and the autosave print it); between threads a tree travels as an
 * EncodedTree (eml/treeCodec.ts). The worker encodes each tree it posts (`encodeWorkerEvent`); the page decodes each
 * distinct tree once on arrival (`decodeWorkerEvent`) and keeps the decoded node beside its text, so the controller's
 * validation error, the certifier's request and the result card read that node and nothing parses the text again.
 * A run delivers the same tree many times (snapshots, 'run' events, the final results), hence the cache by encoding.
 */
import type { EmlNode } from '../eml/ast.ts';
import { parseEml, printMathematica } from '../eml/syntax/index.ts';
import { decodeTree, encodeTree, type EncodedTree } from '../eml/treeCodec.ts';
import type { RunResult } from '../training/schedule.ts';
import type { RunResultMessage, TrainingEvent, WorkerEvent } from './protocol.ts';

// ---------------------------------------------------------------------------------------------------------------
// Worker side. The trainer reports text (its results are the CLI's JSON too); a tree has at most 2^(depth+1) − 1
// nodes, so reading it back here, off the page, costs little.

export const encodeText = (text: string): EncodedTree => encodeTree(parseEml(text).tree);

export function encodeWorkerEvent(ev: TrainingEvent): WorkerEvent {
  const result = (r: RunResult): RunResultMessage => ({ ...r, tree: encodeText(r.tree) });
  switch (ev.type) {
    case 'snapshot':
      return { ...ev, tree: encodeText(ev.tree) };
    case 'run':
      return { type: 'run', result: result(ev.result) };
    case 'result':
      return { ...ev, results: ev.results.map(result) };
    default:
      return ev;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Page side.

/** Enough for every distinct tree of a long sweep; the oldest is dropped beyond it. */
const MAX_TREES = 512;
const byCode = new Map<string, string>();
const byText = new Map<string, EmlNode>();

const bounded = <V>(m: Map<string, V>, key: string, value: V): void => {
  if (m.size >= MAX_TREES) m.delete(m.keys().next().value!);
  m.set(key, value);
};

/** The encoding as a key: comparing it is a linear pass with no node built, cheaper than decoding again. */
const codeKey = (t: EncodedTree): string => `${t.names.join('\u0000')}|${t.nodes.join(',')}`;

/** The text of an arriving tree; decoded (and its node kept) the first time this encoding arrives. */
export function receiveTree(t: EncodedTree): string {
  const key = codeKey(t);
  const seen = byCode.get(key);
  if (seen !== undefined && byText.has(seen)) return seen;
  const node = decodeTree(t);
  const text = printMathematica(node);
  bounded(byCode, key, text);
  bounded(byText, text, node);
  return text;
}

/** The node of a tree the page received, or parsed from text (restored runs, links) once and then kept. */
export function treeOf(text: string): EmlNode {
  const hit = byText.get(text);
  if (hit) return hit;
  const node = parseEml(text).tree;
  bounded(byText, text, node);
  return node;
}

/** A posted event in the page's terms; throws treeCodec's message when a tree is damaged. */
export function decodeWorkerEvent(m: WorkerEvent): TrainingEvent {
  const result = (r: RunResultMessage): RunResult => ({ ...r, tree: receiveTree(r.tree) });
  switch (m.type) {
    case 'snapshot':
      return { ...m, tree: receiveTree(m.tree) };
    case 'run':
      return { type: 'run', result: result(m.result) };
    case 'result':
      return { ...m, results: m.results.map(result) };
    default:
      return m;
  }
}
