/**
 * What one node and one edge look like. Both are memoised on plain props, so hovering, selecting or moving the
 * keyboard cursor re-renders only the few glyphs whose state changed, not the whole drawing.
 */
import { memo } from 'react';
import { linkVertical } from 'd3-shape';
import { FLAG_INFO, type NodeFlag } from '../../eml/evaluate/flags.ts';
import { labelOf, NODE_RADIUS, type LaidNode } from './layout.ts';

const link = linkVertical<{ s: [number, number]; t: [number, number] }, [number, number]>()
  .source((d) => d.s)
  .target((d) => d.t);

/** DOM id of a node's treeitem, for aria-activedescendant; paths are only L and R, so they are id-safe. */
export const nodeDomId = (prefix: string, path: string) => `${prefix}-n${path === '' ? '' : '-'}${path}`;

const FLAG_ORDER: readonly NodeFlag[] = ['nan', 'overflow', 'ln0', 'branch-cut', 'absorption'];

/** A short spoken description: what it is, where it hangs, its size and its flags. */
export function describeNode(n: LaidNode, flags: readonly NodeFlag[] | undefined): string {
  const d = n.datum;
  const parts: string[] = [];
  switch (d.kind) {
    case 'one':
      parts.push('constant 1');
      break;
    case 'var':
      parts.push(`variable ${labelOf(d)}`);
      break;
    case 'eml':
      parts.push(d.block ? `eml node, ${d.block.name} block expanded` : 'eml node', `K ${d.node.k}`);
      break;
    case 'block': {
      const args = d.block?.args.length ?? 0;
      parts.push(`${d.block?.name} block, collapsed`, `K ${d.node.k}`, args === 1 ? '1 argument' : `${args} arguments`);
      break;
    }
    case 'elided':
      parts.push(`${labelOf(d)}: subtree not drawn (too many nodes)`);
  }
  if (flags && flags.length > 0) parts.push(`flags: ${flags.map((f) => FLAG_INFO[f].label).join(', ')}`);
  return (d.role ? `${d.role} side: ` : '') + parts.join(', ');
}

export interface NodeGlyphProps {
  n: LaidNode;
  domId: string;
  flags: readonly NodeFlag[] | undefined;
  selected: boolean;
  active: boolean;
  lit: boolean;
  /** Draw the expanded block's name tag (always in small drawings; on the node in focus in big ones). */
  showTag: boolean;
}

/**
 * One node: its shape, label, block tag and flag badge; a group of few elements, since at K≈1200 every element
 * counts for zoom smoothness. Edge role labels live in their own layer, so the node's visible text is only its
 * own label (and its accessible name can contain it, as WCAG 2.5.3 asks).
 */
export const NodeGlyph = memo(function NodeGlyph({ n, domId, flags, selected, active, lit, showTag }: NodeGlyphProps) {
  const d = n.datum;
  const w = n.halfWidth;
  const cls = [
    'node',
    `node-${d.kind}`,
    selected && 'is-selected',
    active && 'is-active',
    lit && 'is-lit',
    flags?.length && 'has-flags',
  ]
    .filter(Boolean)
    .join(' ');
  const label = labelOf(d);
  const shown = flags ? FLAG_ORDER.filter((f) => flags.includes(f)) : [];
  return (
    <g
      role="treeitem"
      id={domId}
      data-path={d.path}
      className={cls}
      transform={`translate(${n.x},${n.y})`}
      aria-level={n.depth + 1}
      aria-posinset={n.index + 1}
      aria-setsize={n.siblings}
      aria-selected={selected}
      aria-expanded={d.block ? d.kind === 'eml' : undefined}
      aria-label={describeNode(n, flags)}
    >
      {/* The keyboard cursor's ring; CSS shows it only while the tree has focus. */}
      {active && (
        <rect
          className="focus-ring"
          x={-w - 5}
          y={-NODE_RADIUS - 5}
          width={2 * w + 10}
          height={2 * NODE_RADIUS + 10}
          rx={NODE_RADIUS + 5}
        />
      )}
      {d.kind === 'eml' ? (
        <circle className="shape" r={NODE_RADIUS} />
      ) : (
        <rect
          className="shape"
          x={-w}
          y={-NODE_RADIUS}
          width={2 * w}
          height={2 * NODE_RADIUS}
          rx={d.kind === 'block' ? NODE_RADIUS : 3}
        />
      )}
      {label && <text className="node-label">{label}</text>}
      {d.block && d.kind === 'eml' && showTag && (
        // An expanded block keeps its name as a tag above the node; clicking the tag collapses it again.
        <g className="block-tag" data-toggle="1" transform={`translate(0,${-NODE_RADIUS - 9})`}>
          <rect
            x={-(d.block.name.length * 7 + 20) / 2}
            y={-8}
            width={d.block.name.length * 7 + 20}
            height={15}
            rx={7}
          />
          <text dy="0.3em" textAnchor="middle" x={-5}>
            {d.block.name}
          </text>
          {/* A drawn minus (not text), so the node's visible text stays what its accessible name says. */}
          <path className="block-tag-minus" d={`M${d.block.name.length * 3.5 - 1},0h6`} />
        </g>
      )}
      {shown.length > 0 && (
        <g className={`flag-badge flag-${shown[0]}`} transform={`translate(${w - 1},${-NODE_RADIUS + 1})`}>
          <title>{shown.map((f) => `${FLAG_INFO[f].label}: ${FLAG_INFO[f].explanation}`).join('\n')}</title>
          <circle r={6} />
          <path className="flag-mark" d="M0,-3.4v4M0,2.6v0.6" />
        </g>
      )}
    </g>
  );
});

function edgePath(nodes: readonly LaidNode[], keep: (n: LaidNode) => boolean): string {
  let d = '';
  for (const n of nodes) {
    const p = n.parent;
    if (p && keep(n)) d += link({ s: [p.x, p.y + NODE_RADIUS], t: [n.x, n.y - NODE_RADIUS] }) ?? '';
  }
  return d;
}

/** All edges as one path: one element to paint, whatever the size of the tree. */
export const EdgeLayer = memo(function EdgeLayer({ nodes }: { nodes: readonly LaidNode[] }) {
  return <path className="edges" d={edgePath(nodes, () => true)} />;
});

/** The edges inside the highlighted subtree (`lit` is its root's path), drawn over the rest. */
export const LitEdges = memo(function LitEdges({ nodes, lit }: { nodes: readonly LaidNode[]; lit: string | null }) {
  if (lit === null) return null;
  return (
    <path
      className="edges is-lit"
      d={edgePath(nodes, (n) => n.datum.path.length > lit.length && n.datum.path.startsWith(lit))}
    />
  );
});

/** The role of every edge (exp / ln / a block argument), halfway along it on its outer side, as one layer. */
export const EdgeLabels = memo(function EdgeLabels({ nodes }: { nodes: readonly LaidNode[] }) {
  return (
    <g className="edge-labels" aria-hidden="true">
      {nodes.map((n) => {
        const p = n.parent;
        if (!p || !n.datum.role) return null;
        const left = n.x < p.x || (n.x === p.x && n.index === 0);
        return (
          <text
            key={n.datum.path}
            className="edge-label"
            x={(p.x + n.x) / 2 + (left ? -5 : 5)}
            y={(p.y + n.y) / 2}
            textAnchor={left ? 'end' : 'start'}
          >
            {n.datum.role}
          </text>
        );
      })}
    </g>
  );
});
