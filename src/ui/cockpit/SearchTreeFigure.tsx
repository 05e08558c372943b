/**
 * The selected Pareto row's pure EML tree, drawn: a static picture with the playground's own layout and glyphs,
 * constant leaves named and their values listed. Every node is drawn (up to MAX_DRAWN): the playground's block
 * recogniser builds its pattern library on first use, a long task (160–480 ms measured) the cockpit must not have
 * while a search result arrives. It reads no store: the tree text comes in as a prop, a frame after the table.
 */
import { memo, useEffect, useMemo, useState } from 'react';
import { parseResultTree } from '../../fit/search/toEml.ts';
import { layoutTree } from '../tree/layout.ts';
import { EdgeLabels, EdgeLayer, NodeGlyph, nodeDomId } from '../tree/TreeGlyphs.tsx';
import { cancelFrameJob, postFrameJob } from './frameJobs.ts';
import '../tree/tree.css';

/** More nodes than this are drawn as elided markers: the picture is for reading, the export has the rest. */
const MAX_DRAWN = 600;

const JOB = 'cockpit:search-tree';

export const SearchTreeFigure = memo(function SearchTreeFigure({ text: current, id }: { text: string; id: string }) {
  // Drawn in a frame of its own, also the first time: the result card, table and plot already share the frame
  // in which a result arrives.
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    postFrameJob(JOB, () => setText(current));
    return () => cancelFrameJob(JOB);
  }, [current]);
  const drawn = useMemo(() => {
    if (text === null) return null;
    try {
      const { tree, constants } = parseResultTree(text);
      const layout = layoutTree(tree, { recognise: null, isExpanded: () => true, maxNodes: MAX_DRAWN });
      return { tree, constants, layout, error: null };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [text]);
  if (drawn === null) return null;
  if (drawn.error !== null) return <p className="help">The tree cannot be drawn: {drawn.error}</p>;
  const { tree, constants, layout } = drawn;
  const { x0, y0, x1, y1 } = layout.bounds;
  // The layout's bounds include a margin for the edge labels.
  const w = x1 - x0;
  const h = y1 - y0;
  return (
    <figure className="tree-panel search-tree" data-testid="search-tree-figure">
      <svg
        viewBox={`${x0} ${y0} ${w} ${h}`}
        style={{ maxWidth: `${Math.max(120, w)}px` }}
        role="tree"
        tabIndex={0}
        aria-label={`EML tree of the selected formula, K ${tree.k}, depth ${tree.depth}`}
      >
        <EdgeLayer nodes={layout.nodes} />
        <EdgeLabels nodes={layout.nodes} />
        <g className="nodes">
          {layout.nodes.map((n) => (
            <NodeGlyph
              key={n.datum.path}
              n={n}
              domId={nodeDomId(id, n.datum.path)}
              flags={undefined}
              selected={false}
              active={false}
              lit={false}
              showTag={false}
            />
          ))}
        </g>
      </svg>
      <figcaption className="help">
        K {tree.k}, depth {tree.depth}: circles are eml(a, b) = exp(a) − ln(b), exp side left, ln side right
        {layout.elided > 0 ? `; ${layout.elided} subtrees not drawn (too large)` : ''}.
        {constants.length > 0 && <> Constants: {constants.map((c) => `${c.name} = ${c.value}`).join(', ')}.</>}
      </figcaption>
    </figure>
  );
});
