import { afterEach, describe, expect, it, vi } from 'vitest';
import { readInput, type InputOptions } from '../../eml/input.ts';
import { decodeTree } from '../../eml/treeCodec.ts';
import { compile } from '../../eml/compiler/compile.ts';
import { factsSource } from './compileFacts.ts';
import {
  createFactsClient,
  type CompileFacts,
  type FactsReply,
  type FactsRequest,
  type FactsWorkerLike,
} from './factsClient.ts';

/** A scripted stand-in for the worker: records what it was sent and whether it was terminated; the test answers. */
class FakeWorker implements FactsWorkerLike {
  onmessage: ((e: MessageEvent<FactsReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  sent: FactsRequest[] = [];
  terminated = false;
  postMessage(m: FactsRequest): void {
    this.sent.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(r: FactsReply): void {
    this.onmessage?.({ data: r } as MessageEvent<FactsReply>);
  }
  crash(): void {
    this.onerror?.({ preventDefault() {} } as ErrorEvent);
  }
}

const options: InputOptions = { kind: 'math', compileMode: 'shortest', clean: false };
/** What the page sends for `text`: its compiled tree, encoded, and the math it came from. */
const src = (text: string) => {
  const r = readInput(text, options);
  if (!r.ok) throw new Error(r.error.message);
  return factsSource(r);
};

function setup(timeLimitMs = 1000) {
  const workers: FakeWorker[] = [];
  const client = createFactsClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  }, timeLimitMs);
  return { client, workers };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('factsClient', () => {
  it('sends the compiled tree encoded (not the text), and passes on the domain and paper K of the matching reply', () => {
    const { client, workers } = setup();
    const got: CompileFacts[] = [];
    client.request(src('sin(x)'), (r) => got.push(r));
    expect(workers[0].sent).toHaveLength(1);
    const sent = workers[0].sent[0];
    expect(sent).toMatchObject({ type: 'facts', id: 1, source: { compiled: { mode: 'shortest', clean: false } } });
    expect(decodeTree(sent.source.tree)).toBe(compile('sin(x)', { mode: 'shortest' }).tree);
    expect(JSON.stringify(sent, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).not.toContain('"text"');
    workers[0].reply({
      type: 'facts',
      id: 1,
      ok: true,
      domain: { text: 'equals sin(x) for all real x' },
      paperK: 123,
      knownDefects: [],
    });
    expect(got).toEqual([
      { status: 'ok', domain: { text: 'equals sin(x) for all real x' }, paperK: 123, knownDefects: [] },
    ]);
  });

  it('passes on a null domain with its reason and a null paper K', () => {
    const { client, workers } = setup();
    const got: CompileFacts[] = [];
    client.request(src('x+y+z'), (r) => got.push(r));
    workers[0].reply({
      type: 'facts',
      id: 1,
      ok: true,
      domain: { text: null, reason: 'more than two variables' },
      paperK: null,
      knownDefects: [],
    });
    expect(got).toEqual([
      { status: 'ok', domain: { text: null, reason: 'more than two variables' }, paperK: null, knownDefects: [] },
    ]);
  });

  it('a newer request replaces the one in flight: its worker is terminated and the old answer never arrives', () => {
    const { client, workers } = setup();
    const first: CompileFacts[] = [];
    const second: CompileFacts[] = [];
    client.request(src('sin(x)'), (r) => first.push(r));
    client.request(src('cos(x)'), (r) => second.push(r));
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    workers[0].reply({ type: 'facts', id: 1, ok: true, domain: { text: 'stale' }, paperK: 1, knownDefects: [] });
    workers[1].reply({ type: 'facts', id: 2, ok: true, domain: { text: 'fresh' }, paperK: 2, knownDefects: [] });
    expect(first).toEqual([]);
    expect(second).toEqual([{ status: 'ok', domain: { text: 'fresh' }, paperK: 2, knownDefects: [] }]);
  });

  it('an answered request keeps its worker for the next one', () => {
    const { client, workers } = setup();
    client.request(src('sin(x)'), () => {});
    workers[0].reply({ type: 'facts', id: 1, ok: true, domain: { text: 'a' }, paperK: 1, knownDefects: [] });
    client.request(src('cos(x)'), () => {});
    expect(workers).toHaveLength(1);
    expect(workers[0].terminated).toBe(false);
    expect(workers[0].sent.map((m) => m.id)).toEqual([1, 2]);
  });

  it('cancelling terminates a running request and drops its answer', () => {
    const { client, workers } = setup();
    const got: CompileFacts[] = [];
    const cancel = client.request(src('sin(x)'), (r) => got.push(r));
    cancel();
    expect(workers[0].terminated).toBe(true);
    workers[0].reply({ type: 'facts', id: 1, ok: true, domain: { text: 'late' }, paperK: 1, knownDefects: [] });
    expect(got).toEqual([]);
  });

  it('a worker error reply and a worker crash are failures with a reason; a crash restarts the worker', () => {
    const { client, workers } = setup();
    const got: CompileFacts[] = [];
    client.request(src('sin(x)'), (r) => got.push(r));
    workers[0].reply({ type: 'facts', id: 1, ok: false, error: 'boom at 3' });
    client.request(src('cos(x)'), (r) => got.push(r));
    workers[0].crash();
    expect(got).toEqual([
      { status: 'failed', reason: 'measuring failed: boom at 3' },
      { status: 'failed', reason: 'the measuring worker stopped unexpectedly' },
    ]);
    expect(workers[0].terminated).toBe(true);
    client.request(src('tan(x)'), () => {});
    expect(workers).toHaveLength(2);
  });

  it('a request unanswered within the time limit fails and its worker is stopped', () => {
    vi.useFakeTimers();
    const { client, workers } = setup(1000);
    const got: CompileFacts[] = [];
    client.request(src('sin(x)'), (r) => got.push(r));
    vi.advanceTimersByTime(999);
    expect(got).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(got).toEqual([{ status: 'failed', reason: 'measuring took over 1 s and was stopped' }]);
    expect(workers[0].terminated).toBe(true);
    workers[0].reply({ type: 'facts', id: 1, ok: true, domain: { text: 'late' }, paperK: 1, knownDefects: [] });
    expect(got).toHaveLength(1);
  });
});
