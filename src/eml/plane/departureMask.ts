/**
 * Where the tree departs from the function it was compiled from, over the plane's window, on a coarse grid (the
 * reference is evaluated per point in float64, which is too slow for every pixel and not needed for a region
 * overlay). The criterion is departure.ts's (the validity domain's), so the overlay agrees with the Formula panel.
 */
import { departureAt } from '../compiler/departure.ts';
import { compileBatch } from '../evaluate/batch.ts';
import type { MathNode } from '../math/ast.ts';
import type { PlaneProgram } from './program.ts';
import type { PlaneWindow } from './raster.ts';

export interface DepartureMask {
  cols: number;
  rows: number;
  /** Row-major, top row first: 1 where the tree's value departs from the function's. */
  cells: Uint8Array;
  count: number;
}

/** Cell centres follow raster.ts's pixel centres, so a cell covers the pixels it is drawn over. */
export function departureMask(
  program: PlaneProgram,
  reference: { math: MathNode; variables: readonly string[] },
  window: PlaneWindow,
  cols: number,
  rows: number,
  y: number,
): DepartureMask {
  const n = cols * rows;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      re[r * cols + c] = window.reMin + ((c + 0.5) / cols) * (window.reMax - window.reMin);
      im[r * cols + c] = window.imMax - ((r + 0.5) / rows) * (window.imMax - window.imMin);
    }
  }
  const compiled = compileBatch(program.root, 'complex');
  const inputs: Record<string, { re: Float64Array; im?: Float64Array }> = {};
  if (compiled.variables.includes('x')) inputs.x = { re, im };
  if (compiled.variables.includes('y')) inputs.y = { re: new Float64Array(n).fill(y) };
  const values = compiled.run(inputs, n);
  const cells = new Uint8Array(n);
  let count = 0;
  for (let p = 0; p < n; p++) {
    const value = { re: values.re[p], im: values.im[p] };
    if (!(Number.isFinite(value.re) && Number.isFinite(value.im))) continue;
    if (departureAt(value, reference.math, reference.variables, { re: re[p], im: im[p] }, y)) {
      cells[p] = 1;
      count++;
    }
  }
  return { cols, rows, cells, count };
}
