/**
 * The complex-plane view's worker: the float64 image (raster.ts) in bands of rows with progress, and the departure
 * mask (departureMask.ts). Between bands it yields to its message queue, so a cancel or a newer render stops the
 * current one without terminating the worker (PlaneRequest in, PlaneReply out; planeProtocol.ts).
 */
import { readInput, type InputReading } from '../eml/input.ts';
import { departureMask } from '../eml/plane/departureMask.ts';
import { preparePlane, type PlaneProgram } from '../eml/plane/program.ts';
import { createRaster } from '../eml/plane/raster.ts';
import { PLANE_BAND_ROWS, type PlaneRenderRequest, type PlaneReply, type PlaneRequest } from './planeProtocol.ts';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<PlaneRequest>) => void) | null;
  postMessage(m: PlaneReply, transfer?: Transferable[]): void;
};

/** The id of the render that may run; anything else stops at its next band. */
let current = 0;
let last: { key: string; reading: InputReading; program: PlaneProgram } | null = null;

function programOf(m: PlaneRenderRequest) {
  const key = `${m.options.kind}|${m.options.compileMode}|${m.options.clean}|${m.text}`;
  if (last?.key === key) return last;
  const reading = readInput(m.text, m.options);
  if (!reading.ok) throw new Error(`the expression does not read: ${reading.error.message}`);
  last = { key, reading, program: preparePlane(reading.tree) };
  return last;
}

const yieldToQueue = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function render(m: PlaneRenderRequest): Promise<void> {
  // While the user pans, requests queue up faster than they are drawn: only the newest is worth drawing.
  await yieldToQueue();
  if (current !== m.id) return scope.postMessage({ type: 'cancelled', id: m.id });
  const { reading, program } = programOf(m);
  if (m.raster) {
    const start = performance.now();
    const raster = createRaster(program, m);
    const from = m.band?.from ?? 0;
    const rows = (m.band?.to ?? m.height) - from;
    while (raster.rowsDone < rows) {
      raster.rows(raster.rowsDone + PLANE_BAND_ROWS);
      scope.postMessage({ type: 'progress', id: m.id, rowsDone: raster.rowsDone, rows });
      await yieldToQueue();
      if (current !== m.id) return scope.postMessage({ type: 'cancelled', id: m.id });
    }
    const rgba = raster.rgba.buffer as ArrayBuffer;
    const ms = performance.now() - start;
    scope.postMessage({ type: 'raster', id: m.id, width: m.width, height: m.height, from, rgba, ms }, [rgba]);
  }
  if (m.departure && reading.ok && reading.kind === 'math') {
    const reference = { math: reading.compiled.math, variables: reading.compiled.variables };
    const mask = departureMask(program, reference, m.window, m.departure.cols, m.departure.rows, m.y);
    const cells = mask.cells.buffer as ArrayBuffer;
    scope.postMessage({ type: 'departure', id: m.id, cols: mask.cols, rows: mask.rows, cells, count: mask.count }, [
      cells,
    ]);
  }
  scope.postMessage({ type: 'done', id: m.id });
}

scope.onmessage = (e) => {
  const m = e.data;
  if (m.type === 'cancel') {
    if (current === m.id) current = 0;
    return;
  }
  current = m.id;
  render(m).catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    scope.postMessage({
      type: 'error',
      id: m.id,
      message: message.length > 300 ? `${message.slice(0, 300)}…` : message,
    });
  });
};
