/**
 * The playground store, in slices: document (what the user made), view (selection, hover, blocks), history.
 * Components select narrowly (single fields or useShallow) so a hover does not re-render the plot.
 */
import { create } from 'zustand';
import { replaceAt, type EmlNode } from '../eml/ast.ts';
import { printFunctional } from '../eml/syntax/index.ts';
import { derive, deriveKey, type Derived } from './derive.ts';
import { DEFAULT_DOCUMENT, type PlaygroundDocument } from './document.ts';

const HISTORY_LIMIT = 200;

export interface DocumentSlice {
  doc: PlaygroundDocument;
  /** What is in the Expression box now; may be unparsable, and is never thrown away. */
  draft: string;
  derived: Derived;
  setDraft: (text: string) => void;
  /** Apply the draft as the new document text (an undoable step); returns false when it does not parse. */
  applyDraft: () => boolean;
  /** Change settings of the document (an undoable step unless `transient`, e.g. while a slider is dragged). */
  update: (patch: Partial<PlaygroundDocument>, options?: { transient?: boolean }) => void;
  /** Replace the subtree at `path` ('L'/'R' steps) by `replacement`; the text becomes the edited tree's EML. */
  editNode: (path: string, replacement: EmlNode) => void;
  /** Load a whole document (an example, or a reset): an undoable step. */
  load: (doc: PlaygroundDocument) => void;
  /** Start from a restored document (link or autosave), with no history. */
  boot: (doc: PlaygroundDocument, draft: string) => void;
}

export interface ViewSlice {
  selectedPath: string | null;
  hoverPath: string | null;
  /** Named blocks the user expanded (true) or collapsed (false), by path; the rest follow the tree's size. */
  blockOverrides: Readonly<Record<string, boolean>>;
  showBlocksInFormula: boolean;
  /** The Tree region draws each distinct subtree once (the shared DAG) instead of the tree. */
  sharedSubtrees: boolean;
  select: (path: string | null) => void;
  hover: (path: string | null) => void;
  setBlockExpanded: (path: string, expanded: boolean) => void;
  setShowBlocksInFormula: (show: boolean) => void;
  setSharedSubtrees: (on: boolean) => void;
}

export interface HistorySlice {
  past: PlaygroundDocument[];
  future: PlaygroundDocument[];
  undo: () => void;
  redo: () => void;
}

export type PlaygroundState = DocumentSlice & ViewSlice & HistorySlice;

export const usePlayground = create<PlaygroundState>()((set, get) => {
  /** Move to `doc`, recording the current document for undo. */
  const commit = (doc: PlaygroundDocument, extra: Partial<PlaygroundState> = {}) => {
    const { doc: current, past } = get();
    const textChanged = deriveKey(doc) !== get().derived.key;
    set({
      doc,
      derived: extra.derived ?? (textChanged ? derive(doc) : get().derived),
      past: [...past, current].slice(-HISTORY_LIMIT),
      future: [],
      ...(textChanged ? { blockOverrides: {}, hoverPath: null } : {}),
      ...extra,
    });
  };
  const restore = (doc: PlaygroundDocument, past: PlaygroundDocument[], future: PlaygroundDocument[]) =>
    set({
      doc,
      draft: doc.text,
      derived: derive(doc),
      past,
      future,
      blockOverrides: {},
      hoverPath: null,
      selectedPath: null,
    });

  return {
    doc: DEFAULT_DOCUMENT,
    draft: DEFAULT_DOCUMENT.text,
    derived: derive(DEFAULT_DOCUMENT),
    setDraft: (draft) => set({ draft }),
    applyDraft: () => {
      const { draft, doc } = get();
      if (draft === doc.text) return get().derived.reading.ok;
      const next = { ...doc, text: draft };
      const derived = derive(next);
      if (!derived.reading.ok) return false;
      commit(next, { derived, selectedPath: null });
      return true;
    },
    update: (patch, options) => {
      const next = { ...get().doc, ...patch };
      if (options?.transient) set({ doc: next });
      else commit(next);
    },
    editNode: (path, replacement) => {
      const { doc, derived } = get();
      if (!derived.reading.ok) return;
      const tree = replaceAt(derived.reading.tree, path, replacement);
      const text = printFunctional(tree);
      const next: PlaygroundDocument = { ...doc, text, inputKind: 'eml' };
      commit(next, { draft: text, selectedPath: path, derived: derive(next, tree) });
    },
    load: (doc) => commit(doc, { draft: doc.text, selectedPath: null }),
    boot: (doc, draft) =>
      set({
        doc,
        draft,
        derived: derive(doc),
        past: [],
        future: [],
        selectedPath: null,
        hoverPath: null,
        blockOverrides: {},
      }),

    selectedPath: null,
    hoverPath: null,
    blockOverrides: {},
    showBlocksInFormula: true,
    sharedSubtrees: false,
    select: (selectedPath) => set({ selectedPath }),
    hover: (hoverPath) => set({ hoverPath }),
    setBlockExpanded: (path, expanded) => set({ blockOverrides: { ...get().blockOverrides, [path]: expanded } }),
    setShowBlocksInFormula: (showBlocksInFormula) => set({ showBlocksInFormula }),
    setSharedSubtrees: (sharedSubtrees) => set({ sharedSubtrees }),

    past: [],
    future: [],
    undo: () => {
      const { past, future, doc } = get();
      if (past.length === 0) return;
      restore(past[past.length - 1], past.slice(0, -1), [doc, ...future]);
    },
    redo: () => {
      const { past, future, doc } = get();
      if (future.length === 0) return;
      restore(future[0], [...past, doc], future.slice(1));
    },
  };
});

/** The current tree, or null while the applied text does not read (only possible for a loaded document). */
export const selectTree = (s: PlaygroundState): EmlNode | null =>
  s.derived.reading.ok ? s.derived.reading.tree : null;
