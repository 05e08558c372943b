/**
 * The WebGL2 side of the complex-plane view: a canvas context, the tree's fragment shader (compiled in the core,
 * eml/plane/glsl.ts) linked once per tree, a full-screen quad, and a read-back of raw values through a float target
 * (the e2e pixel test compares them with the float64 evaluator).
 *
 * `?webgl=off` in the page's URL makes `createPlaneGl` behave as in a browser without WebGL2 (getContext('webgl2')
 * gives null), so the float64 fallback can be used and tested on any machine.
 */
import { OVERLAY_BITS, PLANE_VERTEX_SHADER } from '../../eml/plane/glsl.ts';
import type { PlaneWindow } from '../../eml/plane/raster.ts';

export const webglDisabledByUrl = (): boolean => new URLSearchParams(location.search).get('webgl') === 'off';

/**
 * A 2-D context, or null where the page has no canvas drawing at all (jsdom in the unit tests, whose getContext
 * logs "not implemented" on every call): the interface's absence says so without asking. Browsers define it.
 */
export const context2d = (canvas: HTMLCanvasElement): CanvasRenderingContext2D | null =>
  typeof CanvasRenderingContext2D === 'undefined' ? null : canvas.getContext('2d');

export interface PlaneGl {
  /** Links `fragment`; throws with the driver's log if it does not compile. */
  setShader(fragment: string): void;
  draw(window: PlaneWindow, y: number, overlays: { cut: boolean; fail: boolean }): void;
  /** (re, im, fail step, cut step) at each pixel (px, py from the top) of a width × height render of `window`. */
  readValues(window: PlaneWindow, y: number, pixels: ReadonlyArray<[number, number]>): number[][];
  dispose(): void;
}

function compileShader(gl: WebGL2RenderingContext, type: number, source: string): WebGLShader {
  const shader = gl.createShader(type)!;
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) {
    const log = gl.getShaderInfoLog(shader) ?? 'no log';
    gl.deleteShader(shader);
    throw new Error(`the GPU did not compile the tree's shader (${log.slice(0, 300)})`);
  }
  return shader;
}

/** A WebGL2 renderer on `canvas`, or null where WebGL2 is missing (or disabled by the URL). */
export function createPlaneGl(canvas: HTMLCanvasElement): PlaneGl | null {
  // A browser without the WebGL2 interface cannot give a context: do not ask (jsdom would log a complaint).
  if (webglDisabledByUrl() || typeof WebGL2RenderingContext === 'undefined') return null;
  // preserveDrawingBuffer: the PNG export and the tests read the canvas after the frame was shown.
  const gl = canvas.getContext('webgl2', { preserveDrawingBuffer: true, antialias: false });
  if (!gl) return null;
  const vertex = compileShader(gl, gl.VERTEX_SHADER, PLANE_VERTEX_SHADER);
  const quad = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, quad);
  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW);
  let program: WebGLProgram | null = null;

  const render = (window: PlaneWindow, y: number, mode: number, overlays: number, w: number, h: number) => {
    if (!program) throw new Error('no shader is set');
    gl.useProgram(program);
    gl.viewport(0, 0, w, h);
    gl.uniform2f(gl.getUniformLocation(program, 'u_min'), window.reMin, window.imMin);
    gl.uniform2f(gl.getUniformLocation(program, 'u_max'), window.reMax, window.imMax);
    gl.uniform2f(gl.getUniformLocation(program, 'u_size'), w, h);
    gl.uniform2f(gl.getUniformLocation(program, 'u_y'), y, 0);
    gl.uniform1i(gl.getUniformLocation(program, 'u_mode'), mode);
    gl.uniform1i(gl.getUniformLocation(program, 'u_overlays'), overlays);
    const at = gl.getAttribLocation(program, 'a_position');
    gl.bindBuffer(gl.ARRAY_BUFFER, quad);
    gl.enableVertexAttribArray(at);
    gl.vertexAttribPointer(at, 2, gl.FLOAT, false, 0, 0);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
  };

  return {
    setShader(fragment) {
      const f = compileShader(gl, gl.FRAGMENT_SHADER, fragment);
      const p = gl.createProgram()!;
      gl.attachShader(p, vertex);
      gl.attachShader(p, f);
      gl.linkProgram(p);
      gl.deleteShader(f);
      if (!gl.getProgramParameter(p, gl.LINK_STATUS)) {
        const log = gl.getProgramInfoLog(p) ?? 'no log';
        gl.deleteProgram(p);
        throw new Error(`the GPU did not link the tree's shader (${log.slice(0, 300)})`);
      }
      if (program) gl.deleteProgram(program);
      program = p;
    },
    draw(window, y, overlays) {
      gl.bindFramebuffer(gl.FRAMEBUFFER, null);
      const bits = (overlays.cut ? OVERLAY_BITS.cut : 0) | (overlays.fail ? OVERLAY_BITS.fail : 0);
      render(window, y, 0, bits, canvas.width, canvas.height);
    },
    readValues(window, y, pixels) {
      if (!gl.getExtension('EXT_color_buffer_float')) throw new Error('this GPU cannot render float values');
      const w = canvas.width;
      const h = canvas.height;
      const texture = gl.createTexture();
      gl.bindTexture(gl.TEXTURE_2D, texture);
      gl.texStorage2D(gl.TEXTURE_2D, 1, gl.RGBA32F, w, h);
      const fb = gl.createFramebuffer();
      gl.bindFramebuffer(gl.FRAMEBUFFER, fb);
      gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
      try {
        render(window, y, 1, 0, w, h);
        const out = new Float32Array(4);
        return pixels.map(([px, py]) => {
          gl.readPixels(px, h - 1 - py, 1, 1, gl.RGBA, gl.FLOAT, out);
          return Array.from(out);
        });
      } finally {
        gl.bindFramebuffer(gl.FRAMEBUFFER, null);
        gl.deleteFramebuffer(fb);
        gl.deleteTexture(texture);
      }
    },
    dispose() {
      if (program) gl.deleteProgram(program);
      gl.deleteShader(vertex);
      gl.deleteBuffer(quad);
    },
  };
}
