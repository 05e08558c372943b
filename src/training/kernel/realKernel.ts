/**
 * Loading the WebAssembly SIMD kernel of the native engine's real fast path (realKernel.wat). The module is
 * compiled once per thread, synchronously: it is 3.3 kB, under the 4 kB Chrome compiles synchronously on a page's main
 * thread (workers, where training runs, have no such limit). Each NativeTree instantiates it over its own memory. Where WebAssembly or its SIMD instructions are missing (or a Content-Security-Policy forbids compiling),
 * `realKernelAvailable()` is false and the engine runs its JavaScript path.
 */
import { REAL_KERNEL_BASE64 } from './realKernel.wasm.ts';

/** The kernel's exports (byte offsets into its memory; see realKernel.wat for the arguments). */
export interface RealKernelExports {
  forward(
    cl: number,
    cr: number,
    o: number,
    e: number,
    ok: number,
    n: number,
    sL: number,
    sR: number,
    byL: number,
    byR: number,
    C: number,
    thr: number,
    withInter: number,
    lg: number,
  ): number;
  backward(
    cl: number,
    cr: number,
    o: number,
    e: number,
    ok: number,
    n: number,
    sL: number,
    sR: number,
    byL: number,
    byR: number,
    thr: number,
    kInter: number,
    vre: number,
    ere: number,
    gre: number,
    assign: number,
  ): void;
  leafForward(out: number, x1: number, x2: number, n: number, w0: number, w1: number, w2: number): void;
  leafGrad(g: number, x1: number, x2: number, n: number): void;
}

/** Bytes at the start of the memory reserved by the kernel (the backward pass's sums). */
export const KERNEL_SCRATCH_BYTES = 1024;
const PAGE = 65536;

let compiled: WebAssembly.Module | null | undefined;

function kernelModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const text = atob(REAL_KERNEL_BASE64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    compiled = new WebAssembly.Module(bytes);
  } catch {
    compiled = null;
  }
  return compiled;
}

/** Whether this thread can run the kernel. */
export function realKernelAvailable(): boolean {
  return kernelModule() !== null;
}

/** A kernel instance over a fresh memory of at least `bytes` bytes, or null where the kernel is unavailable. */
export function instantiateRealKernel(bytes: number): { memory: WebAssembly.Memory; kernel: RealKernelExports } | null {
  const module = kernelModule();
  if (!module) return null;
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE)) });
  const instance = new WebAssembly.Instance(module, { env: { memory }, math: { exp: Math.exp, log: Math.log } });
  return { memory, kernel: instance.exports as unknown as RealKernelExports };
}
