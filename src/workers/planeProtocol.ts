/**
 * The complex-plane worker's protocol (planeWorker.ts ↔ clients/planeClient.ts). The tree crosses as the page's
 * already-derived tree, encoded (eml/treeCodec.ts, its buffer transferred), with what it was compiled from for the
 * departure overlay — the facts request's form (ui/formula/compileFacts.ts FactsSource) — so the worker never reads
 * the document's text. A worker keeps the last source it was sent: a render names its source by id and carries it
 * only to a worker that does not hold that id yet, so panning sends no tree at all. A newer render replaces the one
 * in flight; `cancel` stops it between bands.
 */
import type { CompileResult } from '../eml/compiler/compile.ts';
import type { MathNode } from '../eml/math/ast.ts';
import type { PlaneWindow } from '../eml/plane/raster.ts';
import type { EncodedTree } from '../eml/treeCodec.ts';

/** The tree to draw, and for ordinary math what it was compiled from (null: EML input, no departure overlay). */
export interface PlaneSource {
  tree: EncodedTree;
  /** The math AST is plain data (its numbers are bigint pairs), cloned as it is. */
  compiled: { math: MathNode; mode: CompileResult['mode']; clean: boolean } | null;
}

export interface PlaneRenderRequest {
  type: 'render';
  id: number;
  /** `id` names the page's tree; `sent` carries it to a worker not yet holding that id, null to one that does. */
  source: { id: number; sent: PlaneSource | null };
  window: PlaneWindow;
  width: number;
  height: number;
  y: number;
  overlays: { cut: boolean; fail: boolean };
  /** Draw the float64 image (the CPU path); false when the GPU draws and only the departure mask is wanted. */
  raster: boolean;
  /** Only these rows of the float64 image (the client splits a picture among its workers); all when absent. */
  band?: { from: number; to: number };
  /** Grid of the departure mask, or null for none. */
  departure: { cols: number; rows: number } | null;
}

export type PlaneRequest = PlaneRenderRequest | { type: 'cancel'; id: number };

export type PlaneReply =
  | { type: 'progress'; id: number; rowsDone: number; rows: number }
  /** The image's rows [from, from + rgba rows) (all of it without a band). */
  | { type: 'raster'; id: number; width: number; height: number; from: number; rgba: ArrayBuffer; ms: number }
  | { type: 'departure'; id: number; cols: number; rows: number; cells: ArrayBuffer; count: number }
  /** Every part asked for was sent. */
  | { type: 'done'; id: number }
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id: number; message: string };

/** Rows per band: progress and cancel are looked at between bands (~30 ms each for K ≈ 300 at 512 wide). */
export const PLANE_BAND_ROWS = 16;
