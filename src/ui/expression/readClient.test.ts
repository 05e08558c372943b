import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readInput, type InputOptions } from '../../eml/input.ts';
import { metrics } from '../../eml/metrics.ts';
import { EmlSyntaxError } from '../../eml/syntax/index.ts';
import { CompileError } from '../../eml/math/errors.ts';
import { createReader, type OffThreadReading, type WorkerLike } from './readClient.ts';
import { replyFor, type ReadReply, type ReadRequest } from './readProtocol.ts';

const EML: InputOptions = { kind: 'auto', compileMode: 'robust', clean: false };

/** A scripted worker: requests are recorded; the test answers (as the real worker would, or not) or crashes it. */
class FakeWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<ReadReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  requests: ReadRequest[] = [];
  terminated = false;
  postMessage(m: ReadRequest) {
    this.requests.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  /** Answers request `i` with what readWorker.ts would send. */
  answer(i = this.requests.length - 1) {
    const { id, text, options } = this.requests[i];
    this.onmessage?.({ data: replyFor(id, readInput(text, options), 1, () => 0).reply } as MessageEvent<ReadReply>);
  }
  crash() {
    this.onerror?.({ preventDefault() {} } as ErrorEvent);
  }
}

function setup(decodeSlice = 1_000) {
  const workers: FakeWorker[] = [];
  const tasks: Array<() => void> = [];
  const reader = createReader({
    spawn: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    later: (fn) => tasks.push(fn),
    clock: () => 0,
    timeLimitMs: 5_000,
    decodeSlice,
    // The clock stands still, so each task takes exactly one step: the slicing is then deterministic.
    sliceMs: 0,
  });
  const runTasks = () => {
    let n = 0;
    while (tasks.length > 0) {
      tasks.shift()!();
      n++;
    }
    return n;
  };
  return { reader, workers, runTasks, tasks };
}

const chainText = (depth: number) => `${'eml('.repeat(depth)}x${', 1)'.repeat(depth)}`;

describe('reading client', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('rebuilds the tree in slices, one task each, equal to reading on this thread', () => {
    const { reader, workers, runTasks } = setup(1_000);
    const results: OffThreadReading[] = [];
    const text = chainText(5_000);
    reader.read(text, EML, (r) => results.push(r));
    workers[0].answer();
    expect(results).toHaveLength(0);
    expect(runTasks()).toBe(Math.ceil(5_002 / 1_000));
    expect(results).toHaveLength(1);
    const r = results[0];
    if (r.status !== 'done' || !r.reading.ok) throw new Error('expected a tree');
    expect(r.reading.tree).toBe((readInput(text, EML) as { tree: unknown }).tree);
    expect(r.metrics.decodeTasks).toBe(6);
    // The views' sizes come measured from the worker.
    expect(r.sizes).toEqual(metrics(r.reading.tree));
  });

  it('brings errors back as the same typed, positioned errors', () => {
    const { reader, workers } = setup();
    const results: OffThreadReading[] = [];
    const name = 'a'.repeat(50_000);
    reader.read(`eml(${name}, 1)`, EML, (r) => results.push(r));
    workers[0].answer();
    const r = results[0];
    if (r.status !== 'done' || r.reading.ok) throw new Error('expected an error');
    const local = readInput(`eml(${name}, 1)`, EML);
    if (local.ok) throw new Error('expected an error');
    expect(r.reading.error).toBeInstanceOf(EmlSyntaxError);
    expect(r.reading.error).toMatchObject({
      code: local.error.code,
      offset: local.error.offset,
      length: local.error.length,
      line: 1,
      column: local.error.column,
      message: local.error.message,
    });

    reader.read('0^(-1) + x', { ...EML, kind: 'math' }, (r2) => results.push(r2));
    workers[0].answer();
    const c = results[1];
    if (c.status !== 'done' || c.reading.ok) throw new Error('expected a compile error');
    expect(c.reading.error).toBeInstanceOf(CompileError);
    expect((c.reading.error as CompileError).reason).toBe('division-by-zero');
  });

  it('a math reading keeps its compile summary; its math AST is parsed on first use', () => {
    const { reader, workers, runTasks } = setup();
    const results: OffThreadReading[] = [];
    reader.read('sin(x) + 1', { ...EML, kind: 'math' }, (r) => results.push(r));
    workers[0].answer();
    runTasks();
    const r = results[0];
    if (r.status !== 'done' || !r.reading.ok || r.reading.kind !== 'math') throw new Error('expected a math tree');
    const local = readInput('sin(x) + 1', { ...EML, kind: 'math' });
    if (!local.ok || local.kind !== 'math') throw new Error('expected a math tree');
    expect(r.reading.tree).toBe(local.tree);
    expect(r.reading.compiled).toMatchObject({
      k: local.compiled.k,
      mode: local.compiled.mode,
      variables: ['x'],
      domain: null,
      paperK: null,
    });
    expect(r.reading.compiled.math).toEqual(local.compiled.math);
  });

  it('a newer draft cancels the older: its worker is terminated and its late reply ignored', () => {
    const { reader, workers, runTasks } = setup();
    const results: string[] = [];
    reader.read('eml(x, 1)', EML, () => results.push('old'));
    reader.read('eml(1, x)', EML, (r) =>
      results.push(r.status === 'done' && r.reading.ok ? `new K ${r.reading.tree.k}` : 'new failed'),
    );
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    workers[0].answer(); // the old worker's reply, had it got out before terminate()
    workers[1].answer();
    runTasks();
    expect(results).toEqual(['new K 3']);
  });

  it('a reply for an earlier request of the same worker is ignored', () => {
    const { reader, workers, runTasks } = setup();
    const results: OffThreadReading[] = [];
    const cancel = reader.read('eml(x, 1)', EML, (r) => results.push(r));
    cancel();
    expect(workers[0].terminated).toBe(true);
    workers[0].answer();
    runTasks();
    expect(results).toHaveLength(0);
  });

  it('cancelling while the tree is rebuilt stops the rebuilding', () => {
    const { reader, workers, runTasks } = setup(100);
    const results: OffThreadReading[] = [];
    const cancel = reader.read(chainText(1_000), EML, (r) => results.push(r));
    workers[0].answer();
    cancel();
    expect(runTasks()).toBe(1); // the first slice sees the cancellation and stops
    expect(results).toHaveLength(0);
  });

  it('a worker that dies ends the reading with a message; the next reading starts a fresh worker', () => {
    const { reader, workers, runTasks } = setup();
    const results: OffThreadReading[] = [];
    reader.read('eml(x, 1)', EML, (r) => results.push(r));
    workers[0].crash();
    expect(results).toEqual([{ status: 'failed', reason: 'the reading worker stopped unexpectedly' }]);
    reader.read('eml(x, 1)', EML, (r) => results.push(r));
    expect(workers).toHaveLength(2);
    workers[1].answer();
    runTasks();
    expect(results[1].status).toBe('done');
  });

  it('a worker that never answers is stopped at the time limit with a message', () => {
    const { reader, workers } = setup();
    const results: OffThreadReading[] = [];
    reader.read('eml(x, 1)', EML, (r) => results.push(r));
    vi.advanceTimersByTime(4_999);
    expect(results).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(results).toEqual([{ status: 'failed', reason: 'reading took over 5 s and was stopped' }]);
    expect(workers[0].terminated).toBe(true);
  });

  it('a damaged reply is a failed reading, not a wrong tree', () => {
    const { reader, workers, runTasks } = setup();
    const results: OffThreadReading[] = [];
    reader.read('eml(x, 1)', EML, (r) => results.push(r));
    const id = workers[0].requests[0].id;
    workers[0].onmessage?.({
      data: {
        id,
        ok: true,
        kind: 'eml',
        syntax: 'functional',
        tree: { nodes: new Int32Array([-1, 0, 5, 0]), names: [] },
        metrics: { readMs: 0, encodeMs: 0, nodes: 2 },
      },
    } as unknown as MessageEvent<ReadReply>);
    runTasks();
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/damaged.*node 1 refers to 5/),
    });
  });
});
