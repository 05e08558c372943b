/**
 * Draws the departure mask (cells where the tree departs from the function it was compiled from) as a hatched,
 * translucent layer over the plane, so the colouring stays visible beneath it.
 */
import { context2d } from './glRenderer.ts';

export const DEPARTS_COLOUR = 'rgba(0, 0, 0, 0.55)';

export function drawDepartures(canvas: HTMLCanvasElement, mask: { cols: number; rows: number; cells: Uint8Array }) {
  const ctx = context2d(canvas);
  if (!ctx) return;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const tile = document.createElement('canvas');
  tile.width = tile.height = 8;
  const t = tile.getContext('2d')!;
  t.strokeStyle = DEPARTS_COLOUR;
  t.lineWidth = 2;
  t.beginPath();
  // Diagonal stripes that join across tiles.
  t.moveTo(-2, 10);
  t.lineTo(10, -2);
  t.moveTo(-2, 2);
  t.lineTo(2, -2);
  t.moveTo(6, 10);
  t.lineTo(10, 6);
  t.stroke();
  ctx.fillStyle = ctx.createPattern(tile, 'repeat') ?? DEPARTS_COLOUR;
  const cw = canvas.width / mask.cols;
  const ch = canvas.height / mask.rows;
  for (let r = 0; r < mask.rows; r++)
    for (let c = 0; c < mask.cols; c++)
      if (mask.cells[r * mask.cols + c])
        ctx.fillRect(Math.floor(c * cw), Math.floor(r * ch), Math.ceil(cw), Math.ceil(ch));
}
