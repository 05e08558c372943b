/**
 * The visible tree: the EML tree with recognised blocks either expanded (drawn node by node) or collapsed (one
 * node, its arguments as children), positioned by d3-hierarchy's tidy tree. Pure: no React, no DOM, so it is
 * unit-tested and memoised on (tree, expansion state).
 *
 * Every visible node keeps the absolute 'L'/'R' path of the EML subtree it stands for, so selection, hover and
 * edits speak the store's language whatever is collapsed.
 */
import { hierarchy, tree as tidyTree, type HierarchyPointNode } from 'd3-hierarchy';
import { nodeAt, type EmlNode } from '../../eml/ast.ts';
import type { NodeFlag } from '../../eml/evaluate/flags.ts';
import type { Trace } from '../../eml/evaluate/interpreter.ts';
import type { BlockInfo, Recognise } from '../../eml/decompiler/blocks.ts';

export type VisKind = 'eml' | 'one' | 'var' | 'block' | 'elided';

export interface VisDatum {
  /** Absolute path ('L'/'R' steps from the root) of the EML subtree this node stands for; '' for the root. */
  readonly path: string;
  readonly node: EmlNode;
  readonly kind: VisKind;
  /** Label of the edge from the parent: 'exp' (left), 'ln' (right) or a block argument's name. */
  readonly role: string | null;
  /** The recognised construction at this node (collapsed or not), or null. */
  readonly block: BlockInfo | null;
  /** Meaningful only when `block` is set. */
  readonly expanded: boolean;
  readonly children: VisDatum[];
}

export interface LaidNode {
  readonly datum: VisDatum;
  /** Centre, in layout units (y grows downwards with depth). */
  readonly x: number;
  readonly y: number;
  /** Depth in the visible tree (root = 0); aria-level is depth + 1. */
  readonly depth: number;
  /** Half the drawn width, so separation and hit boxes agree with what is drawn. */
  readonly halfWidth: number;
  readonly parent: LaidNode | null;
  readonly children: LaidNode[];
  /** Position among its siblings and their number, for aria-posinset / aria-setsize. */
  readonly index: number;
  readonly siblings: number;
}

export interface TreeLayout {
  /** Pre-order (a parent before its children, left before right): the reading order for assistive tech. */
  readonly nodes: readonly LaidNode[];
  readonly byPath: ReadonlyMap<string, LaidNode>;
  readonly bounds: { x0: number; y0: number; x1: number; y1: number };
  /** How many visible nodes were replaced by an "elided" marker because of `maxNodes`. */
  readonly elided: number;
  /** Number of recognised blocks met (collapsed or expanded). */
  readonly blocks: number;
}

export interface LayoutOptions {
  /** Recognises named constructions; null means "draw every node". */
  recognise: Recognise | null;
  /** Whether the block at `path` is expanded. */
  isExpanded: (path: string) => boolean;
  /**
   * Hard cap on drawn nodes. Hash-consing lets a short text denote a tree with millions of nodes; beyond the cap,
   * subtrees are drawn as one "elided" node (still selectable and editable) instead of freezing the page.
   */
  maxNodes?: number;
}

export const DEFAULT_MAX_NODES = 4000;
/** Above this K, blocks start collapsed (the "~150 nodes"). */
export const COLLAPSE_ABOVE_K = 150;
/** Horizontal step between neighbouring narrow nodes and vertical step between levels, in layout units. */
export const NODE_DX = 34;
export const NODE_DY = 64;
export const NODE_RADIUS = 11;

/** Half-width of a drawn node: circles are fixed, labelled boxes grow with their text. */
export function halfWidthOf(d: VisDatum): number {
  const text = labelOf(d);
  if (d.kind === 'eml') return NODE_RADIUS;
  return Math.max(NODE_RADIUS, 6 + text.length * 3.7);
}

/** The text drawn inside a node. */
export function labelOf(d: VisDatum): string {
  switch (d.kind) {
    case 'eml':
      return '';
    case 'one':
      return '1';
    case 'var':
      return d.node.kind === 'var' ? d.node.name : '?';
    case 'block':
      return d.block?.name ?? '?';
    case 'elided':
      return `… K ${d.node.k}`;
  }
}

/** Builds the visible tree iteratively (compiled trees can be thousands deep). */
export function visibleTree(root: EmlNode, options: LayoutOptions): { root: VisDatum; elided: number; blocks: number } {
  const max = options.maxNodes ?? DEFAULT_MAX_NODES;
  let count = 0;
  let elided = 0;
  let blocks = 0;
  const make = (node: EmlNode, path: string, role: string | null): VisDatum => {
    count++;
    if (count > max) {
      elided++;
      return { path, node, kind: 'elided', role, block: null, expanded: false, children: [] };
    }
    if (node.kind === 'one') return { path, node, kind: 'one', role, block: null, expanded: false, children: [] };
    if (node.kind === 'var') return { path, node, kind: 'var', role, block: null, expanded: false, children: [] };
    const block = options.recognise?.(node) ?? null;
    if (block) blocks++;
    const expanded = block ? options.isExpanded(path) : false;
    return { path, node, kind: block && !expanded ? 'block' : 'eml', role, block, expanded, children: [] };
  };
  const top = make(root, '', null);
  // Depth-first, left before right, so the node cap elides the right-hand, deeper parts first.
  const stack: VisDatum[] = [top];
  while (stack.length > 0) {
    const d = stack.pop()!;
    const kids: Array<[EmlNode, string, string]> = [];
    if (d.kind === 'block' && d.block) {
      for (const a of d.block.args) kids.push([a.node, d.path + a.path, a.label]);
    } else if (d.kind === 'eml' && d.node.kind === 'eml') {
      kids.push([d.node.left, d.path + 'L', 'exp'], [d.node.right, d.path + 'R', 'ln']);
    }
    // Create children in order (so the cap counts left first), then push in reverse for a left-first walk.
    for (const [node, path, role] of kids) d.children.push(make(node, path, role));
    for (let i = d.children.length - 1; i >= 0; i--) stack.push(d.children[i]);
  }
  return { root: top, elided, blocks };
}

/** Lays out the visible tree with d3-hierarchy's tidy tree, spacing nodes by their drawn widths. */
export function layoutTree(root: EmlNode, options: LayoutOptions): TreeLayout {
  const vis = visibleTree(root, options);
  const h = hierarchy<VisDatum>(vis.root, (d) => d.children);
  const widths = new Map<VisDatum, number>();
  h.each((n) => widths.set(n.data, halfWidthOf(n.data)));
  const gap = 8;
  const laid = tidyTree<VisDatum>()
    .nodeSize([1, NODE_DY])
    // Separation is in units of nodeSize[0] (1 px here), so it is simply the pixel distance between centres.
    .separation((a, b) => widths.get(a.data)! + widths.get(b.data)! + (a.parent === b.parent ? gap : gap * 2.5))(h);

  const nodes: LaidNode[] = [];
  const byPath = new Map<string, LaidNode>();
  let x0 = Infinity;
  let x1 = -Infinity;
  let y1 = 0;
  const convert = new Map<HierarchyPointNode<VisDatum>, LaidNode>();
  // eachBefore is pre-order and iterative.
  laid.eachBefore((p) => {
    const parent = p.parent ? convert.get(p.parent)! : null;
    const siblings = p.parent?.children?.length ?? 1;
    const index = p.parent ? p.parent.children!.indexOf(p) : 0;
    const n: LaidNode = {
      datum: p.data,
      x: p.x,
      y: p.y,
      depth: p.depth,
      halfWidth: widths.get(p.data)!,
      parent,
      children: [],
      index,
      siblings,
    };
    parent?.children.push(n);
    convert.set(p, n);
    nodes.push(n);
    byPath.set(p.data.path, n);
    x0 = Math.min(x0, p.x - n.halfWidth);
    x1 = Math.max(x1, p.x + n.halfWidth);
    y1 = Math.max(y1, p.y);
  });
  const pad = 24;
  return {
    nodes,
    byPath,
    bounds: { x0: x0 - pad, y0: -NODE_RADIUS - pad, x1: x1 + pad, y1: y1 + NODE_RADIUS + pad },
    elided: vis.elided,
    blocks: vis.blocks,
  };
}

/** The nearest visible node standing for `path` or one of its ancestors (a path hidden inside a collapsed block). */
export function visibleAncestor(layout: TreeLayout, path: string): LaidNode | undefined {
  for (let p = path; ; p = p.slice(0, -1)) {
    const hit = layout.byPath.get(p);
    if (hit || p === '') return hit;
  }
}

/** Keyboard moves over the visible tree (documented in the Tree region's help text). */
export type Move = 'parent' | 'first-child' | 'last-child' | 'prev-sibling' | 'next-sibling' | 'root';

export function move(layout: TreeLayout, from: LaidNode, where: Move): LaidNode {
  switch (where) {
    case 'parent':
      return from.parent ?? from;
    case 'first-child':
      return from.children[0] ?? from;
    case 'last-child':
      return from.children[from.children.length - 1] ?? from;
    case 'prev-sibling':
      return from.parent?.children[from.index - 1] ?? from;
    case 'next-sibling':
      return from.parent?.children[from.index + 1] ?? from;
    case 'root':
      return layout.nodes[0];
  }
}

/**
 * The flags to draw on each visible node, by path (nodes without flags are absent). A collapsed block shows the
 * flags of the nodes it hides, so collapsing never hides a problem.
 */
export function visibleFlags(layout: TreeLayout, trace: Trace): Map<string, NodeFlag[]> {
  const out = new Map<string, NodeFlag[]>();
  for (const n of layout.nodes) {
    const d = n.datum;
    let flags: readonly NodeFlag[] = trace.nodes.get(d.node.id)?.flags ?? [];
    if (d.kind === 'block' && d.block) {
      const all = new Set<NodeFlag>(flags);
      for (const rel of d.block.inner) {
        const inner = nodeAt(d.node, rel);
        for (const f of (inner && trace.nodes.get(inner.id)?.flags) || []) all.add(f);
      }
      flags = [...all];
    }
    if (flags.length > 0) out.set(d.path, [...flags]);
  }
  return out;
}
