/**
 * The complex-plane client and worker handler together, over fake workers that clone each message as postMessage
 * does (transfer lists included): the worker draws from the tree the page derived, sent encoded, and never reads
 * the document's text (counted with spies on every reader and the compiler). Panning sends no tree; a new tree is
 * sent again; the pictures equal the core's own for the page's tree.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compile } from '../eml/compiler/compile.ts';
import { readInput, type InputOptions } from '../eml/input.ts';
import { parseMath } from '../eml/math/parser.ts';
import { mathVariables } from '../eml/math/ast.ts';
import { departureMask } from '../eml/plane/departureMask.ts';
import { preparePlane } from '../eml/plane/program.ts';
import { createRaster } from '../eml/plane/raster.ts';
import { parseEml, parseFunctional, parseRpn } from '../eml/syntax/index.ts';
import {
  createPlaneClient,
  planePoolSize,
  type PlaneRenderOptions,
  type PlaneTree,
  type PlaneWorkerLike,
} from './clients/planeClient.ts';
import type { PlaneReply, PlaneRequest } from './planeProtocol.ts';
import { createPlaneHandler } from './planeRender.ts';

vi.mock('../eml/compiler/compile.ts', async (original) => {
  const real = await original<typeof import('../eml/compiler/compile.ts')>();
  return { ...real, compile: vi.fn(real.compile) };
});
vi.mock('../eml/input.ts', async (original) => {
  const real = await original<typeof import('../eml/input.ts')>();
  return { ...real, readInput: vi.fn(real.readInput) };
});
vi.mock('../eml/math/parser.ts', async (original) => {
  const real = await original<typeof import('../eml/math/parser.ts')>();
  return { ...real, parseMath: vi.fn(real.parseMath) };
});
vi.mock('../eml/syntax/index.ts', async (original) => {
  const real = await original<typeof import('../eml/syntax/index.ts')>();
  return {
    ...real,
    parseEml: vi.fn(real.parseEml),
    parseFunctional: vi.fn(real.parseFunctional),
    parseRpn: vi.fn(real.parseRpn),
  };
});

const readers = () => [compile, readInput, parseMath, parseEml, parseFunctional, parseRpn].map((f) => vi.mocked(f));
const readerCalls = () => readers().reduce((n, f) => n + f.mock.calls.length, 0);

/** A worker whose messages go, cloned as postMessage clones them, to a planeRender handler and back. */
class LoopbackWorker implements PlaneWorkerLike {
  onmessage: ((e: MessageEvent<PlaneReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  sent: Array<{ message: PlaneRequest; transfer: Transferable[] }> = [];
  private readonly handle = createPlaneHandler((r, transfer) => {
    const data = structuredClone(r, { transfer: transfer ?? [] });
    queueMicrotask(() => this.onmessage?.({ data } as MessageEvent<PlaneReply>));
  });
  postMessage(message: PlaneRequest, transfer: Transferable[] = []) {
    this.sent.push({ message, transfer });
    const data = structuredClone(message, { transfer });
    queueMicrotask(() => this.handle(data));
  }
  terminate() {}
}

function setup(workers = 2) {
  const pool: LoopbackWorker[] = [];
  const render = createPlaneClient(
    () => {
      pool.push(new LoopbackWorker());
      return pool.at(-1)!;
    },
    () => workers,
  );
  /** One render to its end: the picture and mask it delivered, or its error. */
  const draw = (request: PlaneRenderOptions) =>
    new Promise<{ rgba: Uint8ClampedArray | null; cells: Uint8Array | null }>((resolve, reject) => {
      let rgba: Uint8ClampedArray | null = null;
      let cells: Uint8Array | null = null;
      render(request, {
        raster: (image) => (rgba = image.rgba),
        departure: (mask) => (cells = mask.cells),
        done: () => resolve({ rgba, cells }),
        error: (message) => reject(new Error(message)),
      });
    });
  return { pool, draw };
}

const WINDOW = { reMin: -2, reMax: 2, imMin: -1.5, imMax: 1.5 };
const SIZE = 12;

function sourceOf(text: string, options: InputOptions): PlaneTree {
  const reading = readInput(text, options);
  if (!reading.ok) throw new Error(reading.error.message);
  return {
    tree: reading.tree,
    compiled:
      reading.kind === 'math'
        ? { math: reading.compiled.math, mode: reading.compiled.mode, clean: reading.compiled.clean }
        : null,
  };
}

const request = (source: PlaneTree, window = WINDOW): PlaneRenderOptions => ({
  source,
  window,
  width: SIZE,
  height: SIZE,
  y: 0.25,
  overlays: { cut: true, fail: true },
  raster: true,
  departure: { cols: 4, rows: 4 },
});

/** The picture and mask the core makes for the page's own tree, in this thread. */
function expected(source: PlaneTree, window = WINDOW) {
  const program = preparePlane(source.tree);
  const raster = createRaster(program, {
    window,
    width: SIZE,
    height: SIZE,
    y: 0.25,
    overlays: { cut: true, fail: true },
  });
  raster.rows(SIZE);
  const math = source.compiled?.math;
  const mask = math ? departureMask(program, { math, variables: mathVariables(math) }, window, 4, 4, 0.25) : null;
  return { rgba: raster.rgba, cells: mask?.cells ?? null };
}

afterEach(() => readers().forEach((f) => f.mockClear()));

describe('complex-plane worker messages', () => {
  it('draws the page tree, sent encoded once per worker, without reading any text', async () => {
    const source = sourceOf('sqrt(x) + ln(x*y)', { kind: 'math', compileMode: 'shortest', clean: false });
    readers().forEach((f) => f.mockClear());
    const { pool, draw } = setup(2);
    const first = await draw(request(source));
    expect(readerCalls()).toBe(0);
    expect(pool).toHaveLength(2);
    for (const w of pool) {
      const { message, transfer } = w.sent[0];
      if (message.type !== 'render') throw new Error('not a render');
      expect(message).not.toHaveProperty('text');
      expect(message.source.sent?.tree.nodes).toBeInstanceOf(Int32Array);
      // The copy sent was transferred (detached here), so no worker's tree was copied twice.
      expect(transfer).toHaveLength(1);
      expect(message.source.sent?.tree.nodes.length).toBe(0);
    }
    const want = expected(source);
    expect(first.rgba).toEqual(want.rgba);
    expect(first.cells).toEqual(want.cells);
    expect(first.cells?.some((c) => c > 0)).toBe(true); // sqrt and ln depart from the principal branch somewhere

    // Panning: the same tree, held by every worker, is not sent again.
    const moved = { ...WINDOW, reMin: -1, reMax: 3 };
    const second = await draw(request(source, moved));
    for (const w of pool) {
      const last = w.sent.at(-1)!;
      expect(last.message.type === 'render' && last.message.source.sent).toBe(null);
      expect(last.transfer).toHaveLength(0);
    }
    expect(second.rgba).toEqual(expected(source, moved).rgba);
    expect(readerCalls()).toBe(0);

    // A new tree is a new source, sent again.
    const other = sourceOf('EML[x, EML[x, 1]]', { kind: 'eml', compileMode: 'shortest', clean: false });
    readers().forEach((f) => f.mockClear());
    const third = await draw(request(other));
    const sent = pool[0].sent.at(-1)!.message;
    if (sent.type !== 'render') throw new Error('not a render');
    expect(sent.source.id).not.toBe(pool[0].sent[0].message.type === 'render' && pool[0].sent[0].message.source.id);
    expect(sent.source.sent?.compiled).toBe(null);
    expect(third.rgba).toEqual(expected(other).rgba);
    // EML input: nothing was compiled, so there is no departure overlay even when asked.
    expect(third.cells).toBe(null);
    expect(readerCalls()).toBe(0);
  });

  it('splits a picture among a worker per core and says how many drew it', async () => {
    expect([1, 2, 6, 64, undefined].map(planePoolSize)).toEqual([1, 2, 6, 8, 2]);
    const source = sourceOf('sin(x)*x + y', { kind: 'math', compileMode: 'robust', clean: false });
    for (const size of [1, 3]) {
      const render = createPlaneClient(
        () => new LoopbackWorker(),
        () => size,
      );
      const image = await new Promise<{ rgba: Uint8ClampedArray; workers: number }>((resolve) =>
        render(request(source), { raster: resolve }),
      );
      expect(image.workers).toBe(size);
      expect(image.rgba).toEqual(expected(source).rgba);
    }
  });

  it('a worker not holding the named tree answers with an error, not a wrong picture', async () => {
    const replies: PlaneReply[] = [];
    let settle = () => {};
    const answered = new Promise<void>((resolve) => (settle = resolve));
    const handle = createPlaneHandler((r) => {
      replies.push(r);
      if (r.type === 'error' || r.type === 'done') settle();
    });
    const { source: _page, ...rest } = request(sourceOf('1', { kind: 'eml', compileMode: 'shortest', clean: false }));
    handle({ type: 'render', id: 1, ...rest, source: { id: 7, sent: null } });
    await answered;
    expect(replies.at(-1)).toMatchObject({ type: 'error', id: 1, message: expect.stringMatching(/holds no tree 7/) });
  });

  it('a damaged encoding is an error naming the entry', async () => {
    const source = sourceOf('exp(x)', { kind: 'math', compileMode: 'paper', clean: false });
    const replies: PlaneReply[] = [];
    let settle = () => {};
    const answered = new Promise<void>((resolve) => (settle = resolve));
    const handle = createPlaneHandler((r) => {
      replies.push(r);
      if (r.type === 'error' || r.type === 'done') settle();
    });
    const nodes = new Int32Array([0, 0]);
    const { source: _page, ...rest } = request(source);
    handle({ type: 'render', id: 2, ...rest, source: { id: 1, sent: { tree: { nodes, names: [] }, compiled: null } } });
    await answered;
    expect(replies.at(-1)).toMatchObject({
      type: 'error',
      id: 2,
      message: expect.stringMatching(/encoded tree: node 0/),
    });
  });
});
