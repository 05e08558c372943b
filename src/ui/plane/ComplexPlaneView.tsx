/**
 * The "Complex plane" region: the current tree's domain colouring over an editable, zoomable window of x, with y
 * from its slider (the document's y, shared with the Plot). The GPU draws it from the tree's fragment shader
 * (eml/plane/glsl.ts) in float32; the float64 worker (workers/planeWorker.ts) draws it where WebGL2 is missing,
 * when the window is narrower than float32 resolves, or when the user asks for it. The worker also computes the
 * departure overlay; it is sent the tree the store derived, encoded, never the document's text. Hovering or the
 * keyboard cursor shows a point's details (eml/plane/probe.ts) and lights the first failing node in the Tree
 * through the store's hover path.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { PlaneProbe } from '../../eml/plane/probe.ts';
import { probePlane } from '../../eml/plane/probe.ts';
import type { PlaneWindow } from '../../eml/plane/raster.ts';
import { DEFAULT_PLANE_WINDOW, float32Resolves, panWindow, pointAt, zoomWindow } from '../../eml/plane/window.ts';
import { usePlayground } from '../../store/store.ts';
import { renderPlane, type PlaneTree } from '../../workers/clients/planeClient.ts';
import { context2d, createPlaneGl, type PlaneGl } from './glRenderer.ts';
import {
  OverlayToggles,
  RendererSelect,
  WindowFields,
  YSlider,
  type Overlays,
  type RendererChoice,
} from './PlaneControls.tsx';
import { PlaneDetails, PlaneLegend } from './PlaneLegend.tsx';
import { planeModelOf } from './planeModel.ts';
import { drawDepartures } from './departureLayer.ts';
import { usePlaneGestures } from './usePlaneGestures.ts';
import './plane.css';

/** Pixels of the drawing (both renderers); the page scales it to the column's width. */
export const PLANE_SIZE = 512;
/** Cells of the departure overlay per side: the reference is evaluated per cell in float64. */
const DEPARTURE_CELLS = 64;
const KEY_STEP = 1 / 32;

type Status =
  | { kind: 'gpu'; ms: number }
  | { kind: 'cpu-running'; percent: number }
  | { kind: 'cpu'; ms: number; workers: number }
  | { kind: 'error'; message: string };

export function ComplexPlaneView() {
  const headingId = useId();
  const reading = usePlayground((s) => s.derived.reading);
  const doc = usePlayground((s) => s.doc);
  const model = useMemo(() => (reading.ok ? planeModelOf(reading.tree) : null), [reading]);
  const reference = useMemo(
    () =>
      reading.ok && reading.kind === 'math'
        ? { math: reading.compiled.math, variables: reading.compiled.variables }
        : null,
    [reading],
  );
  // What the worker draws from: the tree already derived (sent encoded), never the document's text again.
  const source = useMemo<PlaneTree | null>(
    () =>
      reading.ok
        ? {
            tree: reading.tree,
            compiled:
              reading.kind === 'math'
                ? { math: reading.compiled.math, mode: reading.compiled.mode, clean: reading.compiled.clean }
                : null,
          }
        : null,
    [reading],
  );
  // The window is the document's (share link, autosave, undo): each change is an undoable step, a gesture one.
  const window = usePlayground((s) => s.doc.planeWindow);
  const setWindow = (next: PlaneWindow) => {
    if (!sameWindow(next, usePlayground.getState().doc.planeWindow))
      usePlayground.getState().update({ planeWindow: next });
  };
  const [overlays, setOverlays] = useState<Overlays>({ cut: true, fail: true, departs: true });
  const [choice, setChoice] = useState<RendererChoice>('auto');
  const [gl, setGl] = useState<PlaneGl | null | 'pending'>('pending');
  const [shaderError, setShaderError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [probe, setProbe] = useState<PlaneProbe | null>(null);
  const [cursor, setCursor] = useState<{ px: number; py: number } | null>(null);
  const [stack, setStack] = useState<HTMLDivElement | null>(null);
  const glCanvas = useRef<HTMLCanvasElement>(null);
  const cpuCanvas = useRef<HTMLCanvasElement>(null);
  const departsCanvas = useRef<HTMLCanvasElement>(null);
  const shaderOf = useRef<unknown>(null);

  useEffect(() => {
    const created = glCanvas.current ? createPlaneGl(glCanvas.current) : null;
    setGl(created);
    return () => created?.dispose();
  }, []);

  const program = model?.ok ? model.program : null;
  const useGpu =
    gl !== 'pending' &&
    gl !== null &&
    choice === 'auto' &&
    model?.ok === true &&
    shaderError === null &&
    float32Resolves(window, PLANE_SIZE, PLANE_SIZE);
  const departsWanted = overlays.departs && reference !== null;

  // GPU: link the tree's shader when the tree changes, draw on every change of window, y or overlays.
  useEffect(() => {
    if (!useGpu || !model?.ok) return;
    try {
      const start = performance.now();
      if (shaderOf.current !== model.shader) {
        gl.setShader(model.shader.fragment);
        shaderOf.current = model.shader;
      }
      gl.draw(window, doc.y, overlays);
      setStatus({ kind: 'gpu', ms: performance.now() - start });
    } catch (e) {
      setShaderError(e instanceof Error ? e.message : String(e));
    }
  }, [useGpu, model, gl, window, doc.y, overlays]);

  // A new tree gets a fresh chance on the GPU.
  useEffect(() => setShaderError(null), [model]);

  // Worker: the float64 image when the GPU does not draw, and the departure mask when that overlay is on.
  useEffect(() => {
    if (!program || !source || gl === 'pending') return;
    const wantRaster = !useGpu;
    if (!wantRaster && !departsWanted) return;
    if (wantRaster) setStatus({ kind: 'cpu-running', percent: 0 });
    const overlayCanvas = departsCanvas.current;
    if (overlayCanvas) context2d(overlayCanvas)?.clearRect(0, 0, PLANE_SIZE, PLANE_SIZE);
    return renderPlane(
      {
        source,
        window,
        width: PLANE_SIZE,
        height: PLANE_SIZE,
        y: doc.y,
        overlays: { cut: overlays.cut, fail: overlays.fail },
        raster: wantRaster,
        departure: departsWanted ? { cols: DEPARTURE_CELLS, rows: DEPARTURE_CELLS } : null,
      },
      {
        progress: (done, rows) => setStatus({ kind: 'cpu-running', percent: Math.round((100 * done) / rows) }),
        raster: (image) => {
          const ctx = cpuCanvas.current ? context2d(cpuCanvas.current) : null;
          ctx?.putImageData(new ImageData(new Uint8ClampedArray(image.rgba), image.width, image.height), 0, 0);
          setStatus({ kind: 'cpu', ms: image.ms, workers: image.workers });
        },
        departure: (mask) => overlayCanvas && drawDepartures(overlayCanvas, mask),
        error: (message) => setStatus({ kind: 'error', message }),
      },
    );
  }, [program, source, gl, useGpu, departsWanted, window, doc.y, overlays.cut, overlays.fail]);

  usePlaneGestures(stack, {
    read: () => usePlayground.getState().doc.planeWindow,
    live: (next) => usePlayground.getState().update({ planeWindow: next }, { transient: true }),
    commit: commitWindow,
  });

  const pixel = { re: (window.reMax - window.reMin) / PLANE_SIZE, im: (window.imMax - window.imMin) / PLANE_SIZE };
  const probeAt = (px: number, py: number) => {
    if (!program) return;
    const z = pointAt(window, PLANE_SIZE, PLANE_SIZE, px, py);
    const p = probePlane(program, z, doc.y, pixel, departsWanted ? reference : null);
    setProbe(p);
    usePlayground.getState().hover(p.fail?.path ?? p.cut?.path ?? null);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const px = Math.min(PLANE_SIZE - 1, Math.max(0, ((e.clientX - r.left) / r.width) * PLANE_SIZE));
    const py = Math.min(PLANE_SIZE - 1, Math.max(0, ((e.clientY - r.top) / r.height) * PLANE_SIZE));
    setCursor(null);
    probeAt(px, py);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const arrows: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
    };
    const c = cursor ?? { px: PLANE_SIZE / 2, py: PLANE_SIZE / 2 };
    if (e.key in arrows) {
      e.preventDefault();
      const [dx, dy] = arrows[e.key];
      if (e.shiftKey) {
        setWindow(panWindow(window, dx * 0.1, -dy * 0.1));
        return;
      }
      const next = {
        px: Math.min(PLANE_SIZE - 1, Math.max(0, c.px + dx * KEY_STEP * PLANE_SIZE)),
        py: Math.min(PLANE_SIZE - 1, Math.max(0, c.py + dy * KEY_STEP * PLANE_SIZE)),
      };
      setCursor(next);
      probeAt(next.px, next.py);
    } else if (e.key === '+' || e.key === '=') {
      e.preventDefault();
      setWindow(zoomWindow(window, 1 / 1.5, c.px / PLANE_SIZE, c.py / PLANE_SIZE));
    } else if (e.key === '-' || e.key === '_') {
      e.preventDefault();
      setWindow(zoomWindow(window, 1.5, c.px / PLANE_SIZE, c.py / PLANE_SIZE));
    } else if (e.key === '0') {
      e.preventDefault();
      setWindow(DEFAULT_PLANE_WINDOW);
    }
  };

  // The e2e pixel test's hook: raw float32 values of the GPU path at given pixels, and the current window.
  useEffect(() => {
    const hook = {
      size: PLANE_SIZE,
      window,
      y: doc.y,
      renderer: useGpu ? 'gpu' : 'cpu',
      readValues: (pixels: Array<[number, number]>) => (useGpu ? gl.readValues(window, doc.y, pixels) : null),
    };
    (globalThis as { __emlPlane?: typeof hook }).__emlPlane = hook;
  }, [window, doc.y, useGpu, gl]);

  const setY = (y: number, transient: boolean) => usePlayground.getState().update({ y }, { transient });
  const renderer = useGpu ? 'gpu' : 'cpu';
  const ready = status && (status.kind === 'gpu' || status.kind === 'cpu');
  const message = !reading.ok
    ? 'The expression does not read, so there is nothing to draw.'
    : model && !model.ok
      ? `The complex plane cannot draw this tree: ${model.message}.`
      : null;

  return (
    <section className="panel plane-panel" aria-labelledby={headingId}>
      <div className="plane-header">
        <h2 id={headingId}>Complex plane</h2>
        <div className="plane-buttons">
          <button type="button" onClick={() => setWindow(zoomWindow(window, 1 / 1.5))}>
            Zoom in
          </button>
          <button type="button" onClick={() => setWindow(zoomWindow(window, 1.5))}>
            Zoom out
          </button>
          <button type="button" onClick={() => setWindow(DEFAULT_PLANE_WINDOW)}>
            Reset view
          </button>
        </div>
      </div>
      <WindowFields window={window} onApply={setWindow} />
      {message && <p className="plane-message">{message}</p>}
      {/* Always mounted (hidden when there is nothing to draw): the GPU context is made once, on this canvas. */}
      <div
        ref={setStack}
        className="plane-stack"
        data-plane-view=""
        hidden={message !== null}
        data-renderer={renderer}
        data-state={ready ? 'ready' : 'drawing'}
        data-cpu-ms={status?.kind === 'cpu' ? status.ms.toFixed(1) : undefined}
        data-cpu-workers={status?.kind === 'cpu' ? status.workers : undefined}
        tabIndex={0}
        role="application"
        aria-label="Complex plane of f(x): arrow keys move the point, Shift+arrows pan, + and − zoom, 0 resets"
        aria-describedby={`${headingId}-status`}
        onPointerMove={onPointerMove}
        onPointerLeave={() => usePlayground.getState().hover(null)}
        onKeyDown={onKeyDown}
      >
        <canvas ref={glCanvas} data-plane-layer="gpu" width={PLANE_SIZE} height={PLANE_SIZE} hidden={!useGpu} />
        <canvas ref={cpuCanvas} data-plane-layer="cpu" width={PLANE_SIZE} height={PLANE_SIZE} hidden={useGpu} />
        <canvas
          ref={departsCanvas}
          data-plane-layer="departs"
          width={PLANE_SIZE}
          height={PLANE_SIZE}
          hidden={!departsWanted}
        />
        {cursor && (
          <span
            className="plane-cursor"
            style={{
              left: `${(100 * (cursor.px + 0.5)) / PLANE_SIZE}%`,
              top: `${(100 * (cursor.py + 0.5)) / PLANE_SIZE}%`,
            }}
            aria-hidden="true"
          />
        )}
      </div>
      <p id={`${headingId}-status`} className="plane-status" role="status">
        {statusText(status, cpuReason(shaderError, gl === null, choice, window))}
      </p>
      {program?.usesY && <YSlider value={doc.y} onMove={(v) => setY(v, true)} onCommit={(from) => commitY(from)} />}
      <OverlayToggles overlays={overlays} onChange={setOverlays} departsAvailable={reference !== null} />
      <RendererSelect value={choice} onChange={setChoice} />
      <PlaneLegend renderer={renderer} semantics={doc.semantics} />
      <PlaneDetails probe={probe} />
    </section>
  );
}

/** A gesture's end: the start window back transiently, then the end as one undoable step (none if it came back). */
function commitWindow(from: PlaneWindow) {
  const { doc, update } = usePlayground.getState();
  const to = doc.planeWindow;
  if (sameWindow(from, to)) return;
  update({ planeWindow: from }, { transient: true });
  update({ planeWindow: to });
}

const sameWindow = (a: PlaneWindow, b: PlaneWindow) =>
  a.reMin === b.reMin && a.reMax === b.reMax && a.imMin === b.imMin && a.imMax === b.imMax;

/** The y slider's release: the start value back transiently, then the end as one undoable step. */
function commitY(from: number) {
  const { doc, update } = usePlayground.getState();
  const to = doc.y;
  update({ y: from }, { transient: true });
  update({ y: to });
}

/** Why the float64 worker draws instead of the GPU, as a parenthesis for the status line. */
function cpuReason(shaderError: string | null, noWebgl: boolean, choice: RendererChoice, window: PlaneWindow): string {
  if (shaderError) return ` (${shaderError})`;
  if (noWebgl) return ' (WebGL2 is not available here)';
  if (choice === 'cpu') return ' (chosen)';
  if (!float32Resolves(window, PLANE_SIZE, PLANE_SIZE)) return ' (zoomed in past what float32 resolves)';
  return '';
}

function statusText(status: Status | null, why: string): string {
  if (!status) return 'Drawing…';
  switch (status.kind) {
    case 'gpu':
      return `Drawn on the GPU in float32 (${status.ms.toFixed(1)} ms).`;
    case 'cpu-running':
      return `Drawing in float64 on the CPU${why}… ${status.percent} %`;
    case 'cpu':
      return `Drawn in float64 on the CPU${why} by ${status.workers} ${status.workers === 1 ? 'worker' : 'workers'} (one per core) in ${Math.round(status.ms)} ms.`;
    case 'error':
      return `The float64 drawing failed: ${status.message}`;
  }
}
