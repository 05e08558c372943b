/**
 * The best restart's tree while it trains: every slot of the full binary tree, with edge opacity = probability
 * that the input is the child (1 − gate), a faint "1" for the gate's pull toward the constant, and each leaf's
 * most likely column at its probability. As τ anneals the picture "crystallises" into the snapped tree. Clicking
 * (or Enter on) a node shows its current value curve over the training data.
 */
import { finiteExtent, linearAxis } from './axes.ts';
import { memo, useMemo, useState, useSyncExternalStore, type ReactElement } from 'react';
import { softProbabilities, softValues } from '../../fit/softTree.ts';
import { flatNodeIndex, snapParams, treeShape } from '../../training/model.ts';
import { depthsOf } from '../../fit/fitSettings.ts';
import { resultDataOf, useFit } from '../../store/fitStore.ts';
import { liveChannels } from './liveChannels.ts';

const W = 560;
const LEVEL_H = 46;

/** Memoised: it has no props and redraws from the controller, so the panel's status changes need not touch it. */
export const LiveTreeView = memo(function LiveTreeView() {
  const live = useSyncExternalStore(liveChannels.tree.subscribe, liveChannels.tree.get);
  const [selected, setSelected] = useState<number | null>(null);
  // Before a run: the tree about to be trained, every choice undecided. Drawing it now means training only
  // changes opacities and labels, instead of laying out a few hundred new elements while the cores are busy.
  const firstDepth = useFit((s) => depthsOf(s.settings)[0]);
  const dataVars = useFit((s) => (s.prepared.ok ? s.prepared.split.train.vars.length : 1));
  const tree = live ?? {
    depth: firstDepth,
    nVars: dataVars,
    weights: new Float64Array(treeShape(firstDepth, dataVars).nParams),
    tau: 1,
    snapped: null,
    version: 0,
  };
  const idle = live === null;
  const { depth, nVars, tau } = tree;
  if (depth > 6) return null;
  const done = tau === 0;
  const weights = done
    ? snapParams(
        softProbabilities(depth, nVars, tree.weights, 1).shape,
        tree.weights,
        new Float64Array(tree.weights.length),
      )
    : tree.weights;
  const { shape, leafProb, gate } = softProbabilities(depth, nVars, weights, done ? 0.01 : tau);
  const names = ['1', 'x', 'y', 'z'];
  const H = (depth + 1) * LEVEL_H + 20;
  const leafX = (i: number) => 16 + ((W - 32) * (i + 0.5)) / shape.nLeaves;
  const pos = new Map<number, { x: number; y: number }>();
  for (let i = 0; i < shape.nLeaves; i++) pos.set(i, { x: leafX(i), y: depth * LEVEL_H + 16 });
  for (let L = depth - 1; L >= 0; L--) {
    for (let p = 0; p < 2 ** L; p++) {
      const j = flatNodeIndex(depth, L, p);
      const a = pos.get(shape.childL[j])!;
      const b = pos.get(shape.childR[j])!;
      pos.set(shape.nLeaves + j, { x: (a.x + b.x) / 2, y: L * LEVEL_H + 16 });
    }
  }
  const nodes: ReactElement[] = [];
  const edges: ReactElement[] = [];
  for (let j = 0; j < shape.nInternal; j++) {
    const me = pos.get(shape.nLeaves + j)!;
    [shape.childL[j], shape.childR[j]].forEach((child, side) => {
      const s = gate[2 * j + side];
      const c = pos.get(child)!;
      edges.push(
        <line
          key={`e${j}-${side}`}
          x1={me.x}
          y1={me.y}
          x2={c.x}
          y2={c.y}
          className="tree-edge"
          strokeOpacity={Math.max(0.04, 1 - s)}
        />,
      );
      edges.push(
        <text
          key={`g${j}-${side}`}
          x={me.x + (side ? 12 : -12)}
          y={me.y + 14}
          className="gate-one"
          opacity={Math.max(0.05, s)}
          textAnchor="middle"
        >
          1
        </text>,
      );
    });
  }
  for (let slot = 0; slot < shape.nSlots; slot++) {
    const q = pos.get(slot)!;
    const leaf = slot < shape.nLeaves;
    let label = 'E';
    let opacity = 1;
    if (leaf) {
      let am = 0;
      for (let k = 1; k < shape.nCols; k++)
        if (leafProb[slot * shape.nCols + k] > leafProb[slot * shape.nCols + am]) am = k;
      label = names[am];
      opacity = leafProb[slot * shape.nCols + am];
    }
    nodes.push(
      <g
        key={`n${slot}`}
        className={`live-node${selected === slot ? ' is-selected' : ''}`}
        transform={`translate(${q.x},${q.y})`}
        tabIndex={0}
        role="button"
        aria-label={
          leaf
            ? `leaf ${slot + 1}: ${label} with probability ${opacity.toFixed(2)}`
            : `eml node ${slot - shape.nLeaves + 1}`
        }
        aria-pressed={selected === slot}
        onClick={() => setSelected(selected === slot ? null : slot)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') setSelected(selected === slot ? null : slot);
        }}
      >
        <circle r={leaf ? 8 : 10} opacity={Math.max(0.25, opacity)} />
        <text y={4} textAnchor="middle" opacity={Math.max(0.3, opacity)}>
          {label}
        </text>
      </g>,
    );
  }
  return (
    <figure className="live-tree">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="group"
        aria-label={`Live tree of depth ${depth}${idle ? ', before training' : done ? ', snapped' : `, τ = ${tau.toPrecision(3)}`}`}
      >
        {edges}
        {nodes}
      </svg>
      <figcaption className="help">
        {idle
          ? `Before training: the depth-${depth} tree with every choice undecided; press Play to watch it crystallise. `
          : done
            ? 'Snapped tree. '
            : ''}
        Opacity = probability: edges show how much a node reads its child rather than the constant 1 (faint “1”); leaves
        show their likeliest input. Click a node for its value curve.
      </figcaption>
      {selected !== null && selected < shape.nSlots && (
        <NodeCurve slot={selected} weights={weights} tau={done ? 0.01 : tau} depth={depth} />
      )}
    </figure>
  );
});

function NodeCurve({ slot, weights, tau, depth }: { slot: number; weights: Float64Array; tau: number; depth: number }) {
  const p = useFit(resultDataOf);
  const curve = useMemo(() => {
    if (!p) return null;
    const ds = p.split.train;
    const v = softValues(depth, weights, tau, ds.x, ds.n);
    const order = Array.from({ length: ds.n }, (_, i) => i).sort((a, b) => ds.x[0][a] - ds.x[0][b]);
    return { xs: order.map((i) => ds.x[0][i]), ys: order.map((i) => v.re[slot][i]) };
  }, [p, depth, weights, tau, slot]);
  if (!curve) return null;
  // No Math.min(...values): 100 000 arguments overflow the stack; axes.ts also survives subnormal and huge values.
  const ye = finiteExtent(curve.ys.filter(Number.isFinite));
  if (!ye) return <p className="help">This node is not finite on the data.</p>;
  const w = 300;
  const h = 90;
  const xe = finiteExtent(curve.xs) ?? [0, 1];
  const x = linearAxis(xe[0], xe[1], 4, w - 4).map;
  const [lo, hi] = ye;
  const y = linearAxis(lo, hi, h - 4, 4).map;
  const d = curve.xs
    .map((xv, i) =>
      Number.isFinite(curve.ys[i]) ? `${i ? 'L' : 'M'}${x(xv).toFixed(1)},${y(curve.ys[i]).toFixed(1)}` : '',
    )
    .join('');
  return (
    <figure className="node-curve">
      <svg
        viewBox={`0 0 ${w} ${h}`}
        role="img"
        aria-label={`Value of the selected node over the training inputs, from ${lo.toPrecision(3)} to ${hi.toPrecision(3)}`}
      >
        <path d={d} className="fit-curve" />
      </svg>
      <figcaption className="help">
        Selected node's value (real part) against the first input: {lo.toPrecision(3)} … {hi.toPrecision(3)}.
      </figcaption>
    </figure>
  );
}
