// @vitest-environment jsdom
/**
 * One expression walked from the Expression box to the views: the parser or compiler runs once per apply, the
 * trace at the sliders once per change (shared by the Tree, the Formula and the Plot), the plot model once, and
 * the draft is read once while typing. Counted with spies around the core's entry points.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_DOCUMENT } from '../store/document.ts';
import { usePlayground } from '../store/store.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const calls = vi.hoisted(() => ({ parse: 0, compile: 0, atSliders: 0, preparePlot: 0 }));
/** The arguments of every compile call (the facts worker's own compiles are told apart by them). */
const compileArgs = vi.hoisted(() => [] as unknown[][]);
vi.mock('../eml/syntax/index.ts', async (original) => {
  const real = await original<typeof import('../eml/syntax/index.ts')>();
  return { ...real, parseEml: (...a: Parameters<typeof real.parseEml>) => (calls.parse++, real.parseEml(...a)) };
});
vi.mock('../eml/compiler/compile.ts', async (original) => {
  const real = await original<typeof import('../eml/compiler/compile.ts')>();
  return {
    ...real,
    compile: (...a: Parameters<typeof real.compile>) => (calls.compile++, compileArgs.push(a), real.compile(...a)),
  };
});
/** An evaluation at the sliders: the environment is exactly the document's (x, y). */
const atSliders = (env: Readonly<Record<string, unknown>> = {}) => {
  const { x, y } = usePlayground.getState().doc;
  return Object.keys(env).length === 2 && env.x === x && env.y === y;
};
vi.mock('../eml/evaluate/interpreter.ts', async (original) => {
  const real = await original<typeof import('../eml/evaluate/interpreter.ts')>();
  return {
    ...real,
    trace: (...a: Parameters<typeof real.trace>) => {
      if (atSliders(a[1])) calls.atSliders++;
      return real.trace(...a);
    },
    evaluate: (...a: Parameters<typeof real.evaluate>) => {
      if (atSliders(a[1])) calls.atSliders++;
      return real.evaluate(...a);
    },
  };
});
vi.mock('../eml/evaluate/plotSampling.ts', async (original) => {
  const real = await original<typeof import('../eml/evaluate/plotSampling.ts')>();
  return {
    ...real,
    preparePlot: (...a: Parameters<typeof real.preparePlot>) => (calls.preparePlot++, real.preparePlot(...a)),
    valueAt: (...a: Parameters<typeof real.valueAt>) => (calls.atSliders++, real.valueAt(...a)),
  };
});

const { ExpressionPanel } = await import('./ExpressionPanel.tsx');
const { compileFacts } = await import('./formula/compileFacts.ts');
const { decodeTree } = await import('../eml/treeCodec.ts');
const { FormulaPanel } = await import('./FormulaPanel.tsx');
const { PlotView } = await import('./plot/PlotView.tsx');
const { TreeView } = await import('./tree/TreeView.tsx');

let host: HTMLDivElement;
let root: Root;
beforeEach(() => {
  usePlayground.getState().boot({ ...DEFAULT_DOCUMENT, text: 'eml(x, 1)', inputKind: 'auto' }, 'eml(x, 1)');
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() =>
    root.render(
      <>
        <ExpressionPanel />
        <TreeView />
        <FormulaPanel />
        <PlotView />
      </>,
    ),
  );
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

/** Types `text` into the Expression box as a user would (React's own value setter, then an input event). */
function type(text: string): void {
  const box = host.querySelector<HTMLTextAreaElement>('textarea.expression-input')!;
  const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
  act(() => {
    setter.call(box, text);
    box.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Waits until the views show the applied tree's value (every view has drawn it). */
async function settled(): Promise<void> {
  await vi.waitFor(() => expect(host.querySelector('[data-testid="value-re"]')!.textContent).not.toBe('—'));
  await act(async () => undefined);
}

async function applyAndSettle(text: string): Promise<void> {
  type(text);
  await vi.waitFor(() => expect(usePlayground.getState().doc.text).toBe(text), { timeout: 5_000 });
  await settled();
}

describe('the playground derives once per change', () => {
  it.each([
    ['EML', 'eml(eml(x, 1), y)', { parse: 1, compile: 0 }],
    ['ordinary math', 'sin(x) + y', { parse: 0, compile: 1 }],
  ])(
    '%s input: one parse or compile per apply, one evaluation at the sliders, one plot model',
    async (_, text, expected) => {
      await settled();
      Object.assign(calls, { parse: 0, compile: 0, atSliders: 0, preparePlot: 0 });
      await applyAndSettle(text);
      expect({ parse: calls.parse, compile: calls.compile }).toEqual(expected);
      expect(calls.atSliders).toBe(1);
      expect(calls.preparePlot).toBe(1);
      const reading = usePlayground.getState().derived.reading;
      expect(reading.ok && host.querySelector('[data-testid="metric-k"]')!.textContent).toBe(
        reading.ok && String(reading.tree.k),
      );
    },
  );

  it('moving a slider evaluates once for all three views and reads nothing', async () => {
    await applyAndSettle('eml(x, y)');
    Object.assign(calls, { parse: 0, compile: 0, atSliders: 0, preparePlot: 0 });
    act(() => usePlayground.getState().update({ x: 0.5 }, { transient: true }));
    await act(async () => undefined);
    expect(calls).toEqual({ parse: 0, compile: 0, atSliders: 1, preparePlot: 0 });
  });

  it("the Formula panel's workers get the applied tree encoded: the facts worker compiles from the math, never the text", async () => {
    // Workers that record what they are sent (jsdom has none); the facts and the decompiler then go to them.
    const posted: Array<{ type: string; tree?: unknown; source?: Parameters<typeof compileFacts>[0] }> = [];
    class RecordingWorker {
      onmessage = null;
      onerror = null;
      postMessage(m: (typeof posted)[number]): void {
        posted.push(m);
      }
      terminate(): void {}
    }
    vi.stubGlobal('Worker', RecordingWorker);
    try {
      await settled();
      Object.assign(calls, { parse: 0, compile: 0, atSliders: 0, preparePlot: 0 });
      compileArgs.length = 0;
      await applyAndSettle('cos(x) * y - 1');
      await vi.waitFor(() => expect(posted.some((m) => m.type === 'facts')).toBe(true));
      expect({ parse: calls.parse, compile: calls.compile }).toEqual({ parse: 0, compile: 1 });
      const reading = usePlayground.getState().derived.reading;
      if (!reading.ok || reading.kind !== 'math') throw new Error('not compiled');
      const facts = posted.filter((m) => m.type === 'facts').at(-1)!;
      const decompiled = posted.filter((m) => m.type === 'decompile').at(-1)!;
      // Both carry the applied tree itself (hash-consed: decoding gives the very node), not text to read again.
      expect(decodeTree(facts.source!.tree)).toBe(reading.tree);
      expect(decodeTree(decompiled.tree as Parameters<typeof decodeTree>[0])).toBe(reading.tree);
      // What the facts worker then does: from the math, never the text, its own mode once more (the construction
      // records that label the domain's ends, compileFacts.ts) and each other mode once.
      compileArgs.length = 0;
      const answer = compileFacts(structuredClone(facts.source!));
      expect(answer.ok).toBe(true);
      expect(calls.parse).toBe(0);
      const modes = compileArgs.map(([input, o]) => [typeof input, (o as { mode?: string }).mode]);
      expect(modes.length).toBeGreaterThan(0);
      expect(modes.every(([input]) => input === 'object')).toBe(true);
      expect(modes.map(([, mode]) => mode).sort()).toEqual(['robust', 'shortest']);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
