import { useMemo, useState } from 'react';
import type { EmlNode } from '../../eml/ast.ts';
import { recognise } from '../../store/views.ts';
import { labelOf, layoutTree, NODE_RADIUS, type LaidNode } from '../tree/layout.ts';
import { EdgeLabels } from '../tree/TreeGlyphs.tsx';

/** Room around the drawing for the edge labels and the highlight strokes, in layout units. */
const PAD = 14;

/**
 * The drawing's width in CSS: the box's width, unless the drawing's proportions and the height cap
 * (--tour-tree-max-h) make it narrower; never below --tour-tree-min-scale nor above --tour-tree-max-scale times its
 * layout size (tour.css sets the three; presenter mode raises them). The height follows from the viewBox.
 */
function widthCss(w: number, h: number): string {
  return `clamp(calc(${w}px * var(--tour-tree-min-scale)), min(100%, calc(${(w / h).toFixed(4)} * var(--tour-tree-max-h))), calc(${w}px * var(--tour-tree-max-scale)))`;
}

/**
 * A step's tree: the new construction (the root block) drawn node by node and highlighted, earlier constructions
 * collapsed into named blocks that open on click or Enter. Read-only; the playground is where trees are edited.
 */
export function TourTree({ tree, label }: { tree: EmlNode; label: string }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const layout = useMemo(
    () => layoutTree(tree, { recognise, isExpanded: (p) => p === '' || open.has(p) }),
    [tree, open],
  );
  const x0 = layout.bounds.x0 - PAD;
  const y0 = layout.bounds.y0 - PAD;
  const x1 = layout.bounds.x1 + PAD;
  const y1 = layout.bounds.y1 + PAD;
  const toggle = (path: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  // This step's construction: nodes that are neither a sub-block nor inside one (the root block is the step itself).
  const isNew = (n: LaidNode) => {
    if (n.datum.block && n.datum.path !== '') return false;
    for (let p = n.parent; p; p = p.parent) if (p.datum.block && p.datum.path !== '') return false;
    return true;
  };
  return (
    <figure className="tour-tree">
      <svg
        viewBox={`${x0} ${y0} ${x1 - x0} ${y1 - y0}`}
        role="group"
        aria-label={label}
        style={{ width: widthCss(x1 - x0, y1 - y0) }}
        data-drawing="tour-tree"
      >
        {layout.nodes.map((n) =>
          n.parent ? (
            <line key={`e${n.datum.path}`} className="tour-edge" x1={n.parent.x} y1={n.parent.y} x2={n.x} y2={n.y} />
          ) : null,
        )}
        <EdgeLabels nodes={layout.nodes} />
        {layout.nodes.map((n) => {
          const d = n.datum;
          const cls = `tour-node tour-node-${d.kind}${isNew(n) ? ' is-new' : ''}`;
          if (d.kind === 'eml') {
            return (
              <g key={d.path} className={cls} transform={`translate(${n.x},${n.y})`}>
                <circle r={NODE_RADIUS} />
                <title>eml node at {d.path || 'the root'}</title>
              </g>
            );
          }
          const text = labelOf(d);
          const isBlock = d.kind === 'block' || (d.block && d.path !== '' && open.has(d.path));
          return (
            <g
              key={d.path}
              className={cls}
              transform={`translate(${n.x},${n.y})`}
              {...(isBlock
                ? {
                    role: 'button',
                    tabIndex: 0,
                    'aria-label': `${open.has(d.path) ? 'Collapse' : 'Expand'} the ${text} block`,
                    'aria-expanded': open.has(d.path),
                    onClick: () => toggle(d.path),
                    onKeyDown: (e: React.KeyboardEvent) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        toggle(d.path);
                      }
                    },
                  }
                : {})}
            >
              <rect
                x={-n.halfWidth}
                y={-NODE_RADIUS}
                width={2 * n.halfWidth}
                height={2 * NODE_RADIUS}
                rx={d.kind === 'block' ? 6 : 3}
              />
              <text textAnchor="middle" dy="0.35em">
                {text}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="help">
        Highlighted: this step’s construction. Named blocks are earlier steps; open one to see its nodes. Edges are
        labelled with the side they feed: exp (left argument) or ln (right argument).
      </figcaption>
    </figure>
  );
}
