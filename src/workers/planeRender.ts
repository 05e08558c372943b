/**
 * What the complex-plane worker does with each request, apart from the worker's plumbing (planeWorker.ts) so it can
 * be tested without a worker: the float64 image (raster.ts) in bands of rows with progress, and the departure mask
 * (departureMask.ts). Between bands it yields to the message queue, so a cancel or a newer render stops the current
 * one without terminating the worker. The tree arrives encoded with its compiled-from math (PlaneSource); it is
 * decoded once per source id and nothing here reads EML or math text.
 */
import { mathVariables, type MathNode } from '../eml/math/ast.ts';
import { departureMask } from '../eml/plane/departureMask.ts';
import { preparePlane, type PlaneProgram } from '../eml/plane/program.ts';
import { createRaster } from '../eml/plane/raster.ts';
import { decodeTree } from '../eml/treeCodec.ts';
import {
  PLANE_BAND_ROWS,
  type PlaneRenderRequest,
  type PlaneReply,
  type PlaneRequest,
  type PlaneSource,
} from './planeProtocol.ts';

type Post = (m: PlaneReply, transfer?: Transferable[]) => void;

interface Held {
  id: number;
  sent: PlaneSource;
  /** Built on the first render that needs it (a source whose renders were all replaced is never decoded). */
  ready: { program: PlaneProgram; reference: { math: MathNode; variables: string[] } | null } | null;
}

const yieldToQueue = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A handler for one worker's messages; `yieldNow` lets tests drive the bands without timers. */
export function createPlaneHandler(
  post: Post,
  yieldNow: () => Promise<void> = yieldToQueue,
): (m: PlaneRequest) => void {
  /** The id of the render that may run; anything else stops at its next band. */
  let current = 0;
  let held: Held | null = null;

  const prepared = (m: PlaneRenderRequest) => {
    if (held?.id !== m.source.id)
      throw new Error(`the worker holds no tree ${m.source.id} (the page must send it with its first render)`);
    if (!held.ready) {
      const { tree, compiled } = held.sent;
      held.ready = {
        program: preparePlane(decodeTree(tree)),
        reference: compiled ? { math: compiled.math, variables: mathVariables(compiled.math) } : null,
      };
    }
    return held.ready;
  };

  async function render(m: PlaneRenderRequest): Promise<void> {
    // While the user pans, requests queue up faster than they are drawn: only the newest is worth drawing.
    await yieldNow();
    if (current !== m.id) return post({ type: 'cancelled', id: m.id });
    const { program, reference } = prepared(m);
    if (m.raster) {
      const start = performance.now();
      const raster = createRaster(program, m);
      const from = m.band?.from ?? 0;
      const rows = (m.band?.to ?? m.height) - from;
      while (raster.rowsDone < rows) {
        raster.rows(raster.rowsDone + PLANE_BAND_ROWS);
        post({ type: 'progress', id: m.id, rowsDone: raster.rowsDone, rows });
        await yieldNow();
        if (current !== m.id) return post({ type: 'cancelled', id: m.id });
      }
      const rgba = raster.rgba.buffer as ArrayBuffer;
      const ms = performance.now() - start;
      post({ type: 'raster', id: m.id, width: m.width, height: m.height, from, rgba, ms }, [rgba]);
    }
    if (m.departure && reference) {
      const mask = departureMask(program, reference, m.window, m.departure.cols, m.departure.rows, m.y);
      const cells = mask.cells.buffer as ArrayBuffer;
      post({ type: 'departure', id: m.id, cols: mask.cols, rows: mask.rows, cells, count: mask.count }, [cells]);
    }
    post({ type: 'done', id: m.id });
  }

  return (m) => {
    if (m.type === 'cancel') {
      if (current === m.id) current = 0;
      return;
    }
    // Kept at once, not when the render starts: a render replaced before it starts still delivered its tree.
    if (m.source.sent) held = { id: m.source.id, sent: m.source.sent, ready: null };
    current = m.id;
    render(m).catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      post({ type: 'error', id: m.id, message: message.length > 300 ? `${message.slice(0, 300)}…` : message });
    });
  };
}
