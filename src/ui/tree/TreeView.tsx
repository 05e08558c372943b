/**
 * The Tree region: the EML tree drawn as SVG (d3 computes positions, React renders), zoomable and pannable,
 * with named blocks that collapse, hover details, flags, keyboard navigation and the node editor.
 *
 * Accessibility: the <svg> is one tab stop with role="tree"; nodes are role="treeitem" and the keyboard cursor is
 * exposed with aria-activedescendant, so moving it changes one attribute instead of moving DOM focus across
 * thousands of elements. Keys are listed in the region's help text.
 */
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { ZoomTransform } from 'd3-zoom';
import { nodeAt, ONE } from '../../eml/ast.ts';
import type { NodeFlag } from '../../eml/evaluate/flags.ts';
import type { Trace } from '../../eml/evaluate/interpreter.ts';
import { selectTree, usePlayground } from '../../store/store.ts';
import { recognise, traceAtSliders } from '../../store/views.ts';
import { BIG_TREE_K, BIG_TREE_MAX_NODES, distinctAtMost, TRACE_MAX_DISTINCT, useStagedTree } from '../budgets.ts';
import {
  COLLAPSE_ABOVE_K,
  layoutTree,
  move,
  visibleAncestor,
  visibleFlags,
  type LaidNode,
  type Move,
} from './layout.ts';
import { DagView } from './DagView.tsx';
import { Minimap, minimapScale } from './Minimap.tsx';
import { NodeEditor } from './NodeEditor.tsx';
import { NodeTooltip } from './NodeTooltip.tsx';
import { EdgeLabels, EdgeLayer, LitEdges, NodeGlyph, nodeDomId } from './TreeGlyphs.tsx';
import { prefersReducedMotion, useZoom } from './useZoom.ts';
import './tree.css';

/** Below this scale labels are unreadable anyway; hiding them keeps zooming out smooth. */
const LABEL_MIN_SCALE = 0.45;
const MINIMAP_MIN_NODES = 40;
/** Above this many drawn nodes, text hides while zooming (see useZoom) and block tags show only where you are. */
const BIG_DRAWING = 150;
const NO_FLAGS: readonly NodeFlag[] = [];

const KEY_MOVES: Record<string, Move> = {
  ArrowUp: 'parent',
  ArrowDown: 'first-child',
  ArrowLeft: 'prev-sibling',
  ArrowRight: 'next-sibling',
  Home: 'root',
};

export interface TreeViewProps {
  /** Show the node editor under the drawing (default true). */
  showEditor?: boolean;
}

export function TreeView({ showEditor = true }: TreeViewProps) {
  const applied = usePlayground(selectTree);
  // Which form the K below is (issue 15: a bare K contradicts the tour's paper-mode K for the same value).
  const builtAs = usePlayground((s) => {
    const r = s.derived.reading;
    if (!r.ok) return null;
    if (r.kind !== 'math') return 'as written';
    const mode = r.compiled.mode;
    return mode === 'paper' ? 'as the paper compiles it' : `in the ${mode} form`;
  });
  // A large tree is laid out in a task of its own after the input's (see budgets.ts).
  const { tree, pending } = useStagedTree(applied);
  const huge = tree !== null && tree.k > BIG_TREE_K;
  const x = usePlayground((s) => s.doc.x);
  const y = usePlayground((s) => s.doc.y);
  const semantics = usePlayground((s) => s.doc.semantics);
  const selectedPath = usePlayground((s) => s.selectedPath);
  const hoverPath = usePlayground((s) => s.hoverPath);
  const overrides = usePlayground((s) => s.blockOverrides);
  const select = usePlayground((s) => s.select);
  const hover = usePlayground((s) => s.hover);
  const setBlockExpanded = usePlayground((s) => s.setBlockExpanded);
  const editNode = usePlayground((s) => s.editNode);
  // The shared-subtree drawing replaces the tree's; the tree's svg stays mounted (hidden) so its zoom stays attached.
  const shared = usePlayground((s) => s.sharedSubtrees) && tree !== null;
  const uid = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const [baseline, setBaseline] = useState<boolean | null>(null);
  const [activePath, setActivePath] = useState('');
  const [focused, setFocused] = useState(false);
  const svgRef = useRef<SVGSVGElement>(null);
  const gRef = useRef<SVGGElement>(null);
  const viewportRef = useRef<SVGRectElement>(null);
  const sizeRef = useRef({ w: 600, h: 420 });
  /** A block just toggled: after the relayout the view shifts so that it stays put on screen. */
  const anchor = useRef<{ path: string; x: number; y: number } | null>(null);
  const fitNext = useRef(true);
  /**
   * Set between pointerdown and pointerup: a click focuses the drawing before its click event, and a focus from
   * the pointer must not put the keyboard cursor (the root, at first) into the details: the first click on a node
   * used to show "Node at the root" and light the whole tree while the editor edited the clicked node.
   */
  const pointerDown = useRef(false);

  const startsExpanded = tree ? tree.k <= COLLAPSE_ABOVE_K : true;
  const allExpanded = baseline ?? startsExpanded;
  const layout = useMemo(() => {
    if (!tree) return null;
    performance.mark('eml-tree:layout-start');
    const laid = layoutTree(tree, {
      recognise,
      isExpanded: (p) => overrides[p] ?? allExpanded,
      maxNodes: huge ? BIG_TREE_MAX_NODES : undefined,
    });
    performance.mark('eml-tree:layout-end');
    return laid;
  }, [tree, overrides, allExpanded, huge]);

  const evaluated = useMemo((): { trace: Trace | null; error: string | null } => {
    if (!tree) return { trace: null, error: null };
    if (distinctAtMost(tree, TRACE_MAX_DISTINCT) > TRACE_MAX_DISTINCT) {
      return {
        trace: null,
        error: `values and flags on nodes are off for trees of over ${TRACE_MAX_DISTINCT} distinct nodes`,
      };
    }
    // Nodes keep their values and flags under a finite-only violation; only a tree that cannot be traced has an error.
    const r = traceAtSliders(tree, x, y, semantics);
    return { trace: r.trace, error: r.trace ? null : r.error };
  }, [tree, x, y, semantics]);
  const flags = useMemo(
    () => (layout && evaluated.trace ? visibleFlags(layout, evaluated.trace) : new Map<string, NodeFlag[]>()),
    [layout, evaluated],
  );

  const minimapShown = layout !== null && layout.nodes.length >= MINIMAP_MIN_NODES;
  const onTransform = useCallback(
    (t: ZoomTransform) => {
      // A data attribute, not a class: React owns className and would wipe a class set here.
      const svg = svgRef.current;
      if (svg && t.k < LABEL_MIN_SCALE !== 'zoomedOut' in svg.dataset) {
        if (t.k < LABEL_MIN_SCALE) svg.dataset.zoomedOut = '';
        else delete svg.dataset.zoomedOut;
      }
      const rect = viewportRef.current;
      if (!rect || !layout) return;
      const { k, ox, oy } = minimapScale(layout.bounds);
      const { w, h } = sizeRef.current;
      rect.setAttribute('x', String(ox + (k * -t.x) / t.k));
      rect.setAttribute('y', String(oy + (k * -t.y) / t.k));
      rect.setAttribute('width', String((k * w) / t.k));
      rect.setAttribute('height', String((k * h) / t.k));
    },
    [layout],
  );
  const zoomApi = useZoom(svgRef, gRef, onTransform);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => (sizeRef.current = { w: svg.clientWidth, h: svg.clientHeight }));
    ro.observe(svg);
    return () => ro.disconnect();
  }, []);

  // A new document (not an edit, which keeps a selection) is shown whole.
  useLayoutEffect(() => {
    if (selectedPath === null) fitNext.current = true;
  }, [tree]); // eslint-disable-line react-hooks/exhaustive-deps -- only a new tree decides this

  useLayoutEffect(() => {
    if (!layout) return;
    const a = anchor.current;
    anchor.current = null;
    if (fitNext.current) {
      fitNext.current = false;
      zoomApi.fit(layout.bounds, false);
    } else if (a) {
      const now = layout.byPath.get(a.path);
      if (now) zoomApi.keepAnchored(a, now);
    } else {
      onTransform(zoomApi.current()); // the minimap's scale follows the new bounds
    }
    performance.mark('eml-tree:drawn');
    // Read by the e2e performance check: layout alone, and layout plus React's render and commit of the drawing.
    performance.measure('eml-tree:layout', 'eml-tree:layout-start', 'eml-tree:layout-end');
    performance.measure('eml-tree:layout+draw', 'eml-tree:layout-start', 'eml-tree:drawn');
  }, [layout, zoomApi, onTransform]);

  const active = layout ? visibleAncestor(layout, activePath) : undefined;
  const toggleBlock = (n: LaidNode) => {
    if (!n.datum.block) return;
    anchor.current = { path: n.datum.path, x: n.x, y: n.y };
    setBlockExpanded(n.datum.path, n.datum.kind === 'block');
  };
  const goTo = (n: LaidNode) => {
    setActivePath(n.datum.path);
    hover(n.datum.path);
    zoomApi.ensureVisible(n.x, n.y);
  };

  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    if (!layout || !active || e.altKey || e.ctrlKey || e.metaKey) return;
    const where = KEY_MOVES[e.key];
    if (where) goTo(move(layout, active, where));
    else if (e.key === 'Enter') {
      if (active.datum.block) toggleBlock(active);
      else select(active.datum.path);
    } else if (e.key === ' ') select(active.datum.path);
    else if (e.key === 'Escape') select(null);
    else if (e.key === 'Delete') editNode(active.datum.path, ONE);
    else if (e.key === '+' || e.key === '=') zoomApi.zoomBy(1.4);
    else if (e.key === '-') zoomApi.zoomBy(1 / 1.4);
    else if (e.key === '0') zoomApi.fit(layout.bounds);
    else return;
    e.preventDefault();
  };

  const onClick = (e: MouseEvent<SVGSVGElement>) => {
    const target = (e.target as Element).closest('[data-path]');
    const path = target?.getAttribute('data-path');
    const n = path == null ? undefined : layout?.byPath.get(path);
    if (!n) return;
    setActivePath(n.datum.path);
    select(n.datum.path);
    hover(n.datum.path); // the details show what was clicked, whatever a focus change hovered before
    if (n.datum.block && (n.datum.kind === 'block' || (e.target as Element).closest('[data-toggle]'))) toggleBlock(n);
  };
  const onPointerOver = (e: MouseEvent<SVGSVGElement>) => {
    const path = (e.target as Element).closest('[data-path]')?.getAttribute('data-path');
    if (path != null && path !== hoverPath) hover(path);
  };

  // The subtree the Formula view (or this view) points at; inside a collapsed block, the block lights up.
  const lit = layout && hoverPath !== null ? (visibleAncestor(layout, hoverPath)?.datum.path ?? null) : null;
  const detailsPath = hoverPath ?? (focused && active ? active.datum.path : selectedPath);
  const detailsNode = layout && detailsPath !== null ? layout.byPath.get(detailsPath) : undefined;
  const drawn = layout?.nodes.length ?? 0;
  const big = drawn > BIG_DRAWING;
  const hidden = detailsNode || !tree || detailsPath === null ? undefined : nodeAt(tree, detailsPath);
  const detailsFlags = detailsNode
    ? (flags.get(detailsNode.datum.path) ?? NO_FLAGS)
    : ((hidden && evaluated.trace?.nodes.get(hidden.id)?.flags) ?? NO_FLAGS);

  return (
    <section className="panel tree-panel" aria-labelledby={`${uid}-h`}>
      <div className="tree-header">
        <h2 id={`${uid}-h`}>Tree</h2>
        <div className="tree-tools" role="toolbar" aria-label="Tree view">
          <label className="tree-toggle">
            <input
              type="checkbox"
              checked={shared}
              disabled={!tree}
              onChange={(e) => usePlayground.getState().setSharedSubtrees(e.currentTarget.checked)}
            />
            Shared subtrees (DAG)
          </label>
          <button
            type="button"
            hidden={shared}
            onClick={() => layout && zoomApi.fit(layout.bounds, !prefersReducedMotion())}
          >
            Fit
          </button>
          <button type="button" hidden={shared} onClick={() => zoomApi.zoomBy(1.4)}>
            Zoom in
          </button>
          <button type="button" hidden={shared} onClick={() => zoomApi.zoomBy(1 / 1.4)}>
            Zoom out
          </button>
          <button
            type="button"
            hidden={shared}
            disabled={!layout || layout.blocks === 0}
            onClick={() => {
              usePlayground.setState({ blockOverrides: {} });
              fitNext.current = true;
              setBaseline(!allExpanded);
            }}
          >
            {allExpanded ? 'Collapse all blocks' : 'Expand all blocks'}
          </button>
        </div>
      </div>
      {shared && tree && <DagView tree={tree} />}
      <p id={`${uid}-help`} className="help tree-help" hidden={shared}>
        Arrow keys walk the tree: Up to the parent, Down to the first (exp-side) child, Left and Right to siblings, Home
        to the root. Enter expands or collapses a named block, Space selects (Escape clears), Delete replaces the node
        by 1, + and − zoom, 0 fits. Drag to pan, scroll to zoom.
      </p>
      <div className="tree-stage" hidden={shared}>
        <svg
          ref={svgRef}
          className={`pan-surface tree-svg${focused ? ' is-focused' : ''}`}
          role="tree"
          tabIndex={0}
          data-drawing="tree"
          data-big={big}
          aria-label={tree ? `EML tree, K ${tree.k}` : 'EML tree (no valid expression)'}
          aria-describedby={`${uid}-help`}
          aria-activedescendant={active ? nodeDomId(uid, active.datum.path) : undefined}
          onKeyDown={onKeyDown}
          onClick={onClick}
          onPointerOver={onPointerOver}
          onPointerLeave={() => hover(focused && active ? active.datum.path : null)}
          onPointerDown={() => (pointerDown.current = true)}
          onPointerUp={() => (pointerDown.current = false)}
          onFocus={() => {
            setFocused(true);
            // Keyboard focus shows the keyboard cursor's node; a click shows the clicked node (onClick).
            if (active && !pointerDown.current) hover(active.datum.path);
          }}
          onBlur={() => {
            setFocused(false);
            hover(null);
          }}
        >
          <g ref={gRef}>
            {layout && <EdgeLayer nodes={layout.nodes} />}
            {layout && <LitEdges nodes={layout.nodes} lit={lit} />}
            {layout && <EdgeLabels nodes={layout.nodes} />}
            <g className="nodes">
              {layout?.nodes.map((n) => (
                <NodeGlyph
                  key={n.datum.path}
                  n={n}
                  domId={nodeDomId(uid, n.datum.path)}
                  flags={flags.get(n.datum.path)}
                  selected={n.datum.path === selectedPath}
                  active={n === active}
                  lit={lit !== null && n.datum.path.startsWith(lit)}
                  showTag={!big || n === active || n.datum.path === selectedPath || overrides[n.datum.path] === true}
                />
              ))}
            </g>
          </g>
        </svg>
        {!tree &&
          (pending && applied ? (
            <p className="tree-empty" role="status">
              Drawing a large tree (K {applied.k}, depth {applied.depth})…
            </p>
          ) : (
            <p className="tree-empty">The expression does not read; the tree will return when it does.</p>
          ))}
        {minimapShown && (
          <Minimap layout={layout} viewportRef={viewportRef} onNavigate={(px, py) => zoomApi.centerOn(px, py)} />
        )}
      </div>
      <p className="tree-status" aria-live="polite" hidden={shared}>
        {tree && layout && (
          <>
            K {tree.k}
            {builtAs ? `, ${builtAs}` : ''} · {drawn} of {tree.k} nodes drawn
            {layout.blocks > 0 ? ` · ${layout.blocks} named block${layout.blocks === 1 ? '' : 's'}` : ''}
            {layout.elided > 0
              ? ` · ${layout.elided} subtrees not drawn (too large); expand fewer blocks or select one`
              : ''}
            {huge
              ? ` · too large to draw whole (depth ${tree.depth}): the top ${BIG_TREE_MAX_NODES} nodes are drawn; Export has the whole tree`
              : ''}
          </>
        )}
      </p>
      {tree && !shared && (
        <NodeTooltip
          id={`${uid}-details`}
          tree={tree}
          path={detailsNode ? detailsNode.datum.path : detailsPath}
          trace={evaluated.trace}
          traceError={evaluated.error}
          x={x}
          y={y}
          block={detailsNode?.datum.block ?? null}
          flags={detailsFlags}
        />
      )}
      {showEditor && !shared && <NodeEditor />}
    </section>
  );
}
