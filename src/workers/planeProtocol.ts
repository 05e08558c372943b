/**
 * The complex-plane worker's protocol (planeWorker.ts ↔ clients/planeClient.ts). The tree crosses as the document's
 * text and read options: the worker reads it once per text (it needs the compiled-from function as well as the
 * tree, for the departure overlay). A newer render replaces the one in flight; `cancel` stops it between bands.
 */
import type { InputOptions } from '../eml/input.ts';
import type { PlaneWindow } from '../eml/plane/raster.ts';

export interface PlaneRenderRequest {
  type: 'render';
  id: number;
  text: string;
  options: InputOptions;
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
