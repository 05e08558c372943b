/**
 * What a recovery experiment recovers (issue 14): one of the paper's five targets, a tree the user wrote, or a fresh
 * random tree per run (randomTarget.ts). Text is read here, for the bench script and the recovery lab alike, with
 * errors that say what is wrong, where, and how to fix it; the data per run come from targets.ts like the paper's.
 */
import { type EmlNode } from '../eml/ast.ts';
import { EmlSyntaxError, parseEml, print } from '../eml/syntax/index.ts';
import {
  checkOnGrid,
  MAX_TARGET_DEPTH,
  randomTarget,
  TARGET_SHAPES,
  variableDepths,
  type TargetShape,
} from './randomTarget.ts';
import { generalisationData, gridData, isTargetName, targetData, TARGET_NAMES, type TargetName } from './targets.ts';
import type { TrainingData } from './targets.ts';

export type RecoveryTarget =
  | { kind: 'paper'; name: TargetName }
  | { kind: 'tree'; tree: EmlNode; text: string }
  | { kind: 'random'; depth: number; shape: TargetShape };

/** A bad target: `message` says what and where (with the text's line and column) and how to fix it. */
export class TargetError extends Error {
  override name = 'TargetError';
}

/** The target's name in summaries and tables: eml_depth3, random:4:chain, or the tree's text. */
export function targetLabel(t: RecoveryTarget): string {
  if (t.kind === 'paper') return t.name;
  if (t.kind === 'random') return `random:${t.depth}:${t.shape}`;
  return print(t.tree, 'mathematica');
}

/** The tree's own depth, the random depth asked for, or the paper target's depth (its name says it). */
export function targetDepth(t: RecoveryTarget): number {
  if (t.kind === 'paper') return Number(t.name.replace('eml_depth', ''));
  return t.kind === 'random' ? t.depth : t.tree.depth;
}

/** `random:DEPTH[:SHAPE]` (SHAPE chain | bushy | any, default any) or a paper target's name. */
export function parseTargetName(text: string): RecoveryTarget {
  if (isTargetName(text)) return { kind: 'paper', name: text };
  const m = /^random:(\d+)(?::([a-z]+))?$/.exec(text.trim());
  if (!m)
    throw new TargetError(
      `unknown target "${text.slice(0, 40)}": use one of ${TARGET_NAMES.join(', ')} or random:DEPTH[:SHAPE] ` +
        `(SHAPE ${TARGET_SHAPES.join(' | ')})`,
    );
  const depth = Number(m[1]);
  if (depth < 1 || depth > MAX_TARGET_DEPTH)
    throw new TargetError(`random:${m[1]}: the depth must be 1–${MAX_TARGET_DEPTH} (the trainer's largest tree)`);
  const shape = m[2] ?? 'any';
  if (!(TARGET_SHAPES as readonly string[]).includes(shape))
    throw new TargetError(`random:${m[1]}:${shape}: the shape must be one of ${TARGET_SHAPES.join(', ')}`);
  return { kind: 'random', depth, shape: shape as TargetShape };
}

const VARIABLES = ['x', 'y'];

/** Line and column of the first whole-word occurrence of `name` in `text` ("line 1, column 9"). */
function positionOf(text: string, name: string): string {
  const at = new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`).exec(text)?.index ?? 0;
  const before = text.slice(0, at).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/**
 * A target tree from EML text (any syntax parseEml reads: EML[1, x], eml(1, x), RPN 1 x E) over x and y, of depth
 * 1–8, finite at every point of the training grid. A point where the value is complex is dropped as for the paper's
 * targets, but fewer than half the grid left real is refused: there would be little to train on.
 */
export function parseTargetTree(text: string): RecoveryTarget & { kind: 'tree' } {
  if (text.trim() === '')
    throw new TargetError('the target tree is empty: write an EML tree over x and y, e.g. EML[1, EML[x, y]]');
  let tree: EmlNode;
  try {
    tree = parseEml(text).tree;
  } catch (e) {
    if (e instanceof EmlSyntaxError) throw new TargetError(`the target tree does not read: ${e.format(text)}`);
    throw e;
  }
  const seen = new Set<string>();
  const walk = (n: EmlNode): void => {
    if (n.kind === 'var') seen.add(n.name);
    if (n.kind !== 'eml') return;
    walk(n.left);
    walk(n.right);
  };
  walk(tree);
  for (const name of seen)
    if (!VARIABLES.includes(name))
      throw new TargetError(
        `the target tree uses the variable "${name.slice(0, 40)}" (${positionOf(text, name)}); the trainer's data ` +
          'have x and y only: rename it to x or y',
      );
  if (tree.depth < 1)
    throw new TargetError('the target tree is a single leaf (depth 0): the trainer needs at least one eml node');
  if (tree.depth > MAX_TARGET_DEPTH)
    throw new TargetError(
      `the target tree has depth ${tree.depth}; the trainer goes to depth ${MAX_TARGET_DEPTH}: give a shallower tree`,
    );
  const c = checkOnGrid(tree);
  if (c.nonFinite)
    throw new TargetError(
      `the target tree is not finite at x = ${c.nonFinite.x.toFixed(1)}, y = ${c.nonFinite.y.toFixed(1)} of the ` +
        'training grid [1, 3]² (overflow, ln 0 or NaN): give a tree that is finite there',
    );
  if (c.real < c.total / 2)
    throw new TargetError(
      `the target tree is real at only ${c.real} of the ${c.total} training grid points ([1, 3]², step 0.1): ` +
        'give a tree that is real on most of the grid',
    );
  return { kind: 'tree', tree, text };
}

/**
 * A note when the master formula at `depth` cannot write the tree as it is (variables reach it only at its bottom
 * leaves), so a success must find an equivalent tree of that form; null when it can.
 */
export function representabilityNote(t: RecoveryTarget, depth: number): string | null {
  if (t.kind !== 'tree') return null;
  const off = [...variableDepths(t.tree)].filter((k) => k !== depth).sort((a, b) => a - b);
  if (off.length === 0) return null;
  return (
    `note: the master formula at depth ${depth} feeds x and y only at depth ${depth}, and this tree has variables ` +
    `at depth ${off.join(', ')}: only an equivalent tree of that form can be recovered`
  );
}

export interface RunTargetData {
  tree: EmlNode;
  train: TrainingData;
  fresh: TrainingData;
}

/** The target and data of run `run` (random: a fresh tree seeded from seed0 + run, so runs can be repeated). */
export function dataForRun(t: RecoveryTarget, seed0: number, run: number): RunTargetData {
  if (t.kind === 'paper') return targetData(t.name);
  const tree = t.kind === 'tree' ? t.tree : randomTarget(t.depth, t.shape, seed0 + run).tree;
  return { tree, train: gridData(tree), fresh: generalisationData(tree) };
}
