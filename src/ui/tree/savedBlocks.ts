/**
 * Saved blocks: small named subtrees the user keeps for reuse, stored in localStorage as EML text. Storage is
 * user-controlled input (another tab, an older version, a hand edit), so every read is validated and anything
 * malformed is dropped rather than trusted.
 */
import type { EmlNode } from '../../eml/ast.ts';
import { parseEml, printFunctional } from '../../eml/syntax/index.ts';

export const SAVED_BLOCKS_KEY = 'eml-playground:tree:saved-blocks:v1';
export const MAX_SAVED_BLOCKS = 50;
export const MAX_BLOCK_NAME = 40;
/** Saved subtrees are for reuse, not archives; this also bounds what a read has to parse. */
export const MAX_BLOCK_TEXT = 20_000;

export interface SavedBlock {
  name: string;
  /** EML in the functional syntax. */
  eml: string;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // Some privacy modes throw on access.
  }
}

/** Why `name` cannot name a block, or null. */
export function blockNameProblem(name: string): string | null {
  const t = name.trim();
  if (t === '') return 'Give the block a name.';
  if (t.length > MAX_BLOCK_NAME) return `Names are at most ${MAX_BLOCK_NAME} characters.`;
  return null;
}

function isSavedBlock(v: unknown): v is SavedBlock {
  if (typeof v !== 'object' || v === null) return false;
  const { name, eml } = v as Record<string, unknown>;
  if (typeof name !== 'string' || blockNameProblem(name) !== null) return false;
  if (typeof eml !== 'string' || eml.length > MAX_BLOCK_TEXT) return false;
  try {
    parseEml(eml);
    return true;
  } catch {
    return false;
  }
}

/** The valid saved blocks; a missing, corrupt or foreign value reads as an empty list. */
export function readSavedBlocks(store: Storage | null = storage()): SavedBlock[] {
  let raw: string | null;
  try {
    raw = store?.getItem(SAVED_BLOCKS_KEY) ?? null;
  } catch {
    return [];
  }
  if (raw === null || raw.length > MAX_SAVED_BLOCKS * (MAX_BLOCK_TEXT + 200)) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed
    .filter(isSavedBlock)
    .slice(0, MAX_SAVED_BLOCKS)
    .map(({ name, eml }) => ({ name: name.trim(), eml }));
}

function write(list: SavedBlock[], store: Storage | null): string | null {
  try {
    store?.setItem(SAVED_BLOCKS_KEY, JSON.stringify(list));
    return null;
  } catch {
    return 'The browser refused to store the block (storage full or disabled).';
  }
}

/** Saves (or replaces, by name) a block; returns the new list and an error message if storing failed. */
export function saveBlock(
  name: string,
  tree: EmlNode,
  store: Storage | null = storage(),
): { list: SavedBlock[]; error: string | null } {
  const problem = blockNameProblem(name);
  const current = readSavedBlocks(store);
  if (problem) return { list: current, error: problem };
  if (tree.k > 4000) return { list: current, error: 'This subtree is too large to save as a block (K above 4000).' };
  const eml = printFunctional(tree);
  if (eml.length > MAX_BLOCK_TEXT) return { list: current, error: 'This subtree is too large to save as a block.' };
  const entry = { name: name.trim(), eml };
  const list = [entry, ...current.filter((b) => b.name !== entry.name)].slice(0, MAX_SAVED_BLOCKS);
  return { list, error: write(list, store) };
}

export function removeBlock(name: string, store: Storage | null = storage()): SavedBlock[] {
  const list = readSavedBlocks(store).filter((b) => b.name !== name);
  write(list, store);
  return list;
}

/** The tree of a saved block (validated again: storage may have changed since the list was read). */
export function blockTree(block: SavedBlock): EmlNode | null {
  try {
    return parseEml(block.eml).tree;
  } catch {
    return null;
  }
}
