/**
 * The per-point arrays of one NativeTree, either plain typed arrays (the JavaScript path) or views into the memory
 * of its own instance of the SIMD kernel (realKernel.wat), which then reads and writes them in place.
 */
import type { TreeShape } from '../model.ts';
import { instantiateRealKernel, KERNEL_SCRATCH_BYTES, realKernelAvailable } from './realKernel.ts';
import { SimdKernel } from './simdKernel.ts';

/** The real fast path's implementation: WebAssembly SIMD, or JavaScript (bit-identical to the pinned traces). */
export type NativeKernel = 'simd' | 'js';
export const NATIVE_KERNELS: readonly NativeKernel[] = ['simd', 'js'];

/** 'simd' where this thread can compile the kernel, else 'js'. */
export function defaultNativeKernel(): NativeKernel {
  return realKernelAvailable() ? 'simd' : 'js';
}

export interface TreeArrays {
  vre: Float64Array;
  vim: Float64Array;
  gre: Float64Array;
  gim: Float64Array;
  ere: Float64Array;
  eim: Float64Array;
  ok: Uint8Array;
  kernel: SimdKernel | null;
}

/**
 * Arrays for a tree of `shape` over n points in rows of `st` (n rounded up to even). With kernel 'simd' where the kernel is
 * unavailable, falls back to plain arrays (kernel null): the caller reports the kernel in use.
 */
export function treeArrays(
  shape: TreeShape,
  n: number,
  st: number,
  kernel: NativeKernel,
  columns: readonly ArrayLike<number>[],
): TreeArrays {
  const slotLen = shape.nSlots * st;
  const nodeLen = shape.nInternal * st;
  if (kernel === 'simd') {
    const align = (b: number) => Math.ceil(b / 16) * 16;
    const at = { vre: KERNEL_SCRATCH_BYTES, vim: 0, gre: 0, gim: 0, ere: 0, eim: 0, ok: 0, lg: 0, end: 0 };
    at.vim = align(at.vre + 8 * slotLen);
    at.gre = align(at.vim + 8 * slotLen);
    at.gim = align(at.gre + 8 * slotLen);
    at.ere = align(at.gim + 8 * slotLen);
    at.eim = align(at.ere + 8 * nodeLen);
    at.ok = align(at.eim + 8 * nodeLen);
    at.lg = align(at.ok + nodeLen);
    const leaves = columns.length === 1 || columns.length === 2;
    const x1 = at.lg + 8 * st;
    const x2 = columns.length === 2 ? x1 + 8 * st : x1;
    at.end = leaves ? x2 + 8 * st : x1;
    const made = instantiateRealKernel(at.end);
    if (made) {
      const buf = made.memory.buffer;
      if (leaves) columns.forEach((c, i) => new Float64Array(buf, i === 0 ? x1 : x2, c.length).set(c));
      return {
        vre: new Float64Array(buf, at.vre, slotLen),
        vim: new Float64Array(buf, at.vim, slotLen),
        gre: new Float64Array(buf, at.gre, slotLen),
        gim: new Float64Array(buf, at.gim, slotLen),
        ere: new Float64Array(buf, at.ere, nodeLen),
        eim: new Float64Array(buf, at.eim, nodeLen),
        ok: new Uint8Array(buf, at.ok, nodeLen),
        kernel: new SimdKernel(
          made.kernel,
          made.memory,
          { vre: at.vre, gre: at.gre, ere: at.ere, ok: at.ok, lg: at.lg, x1: leaves ? x1 : -1, x2: leaves ? x2 : -1 },
          shape,
          n,
          st,
        ),
      };
    }
  }
  return {
    vre: new Float64Array(slotLen),
    vim: new Float64Array(slotLen),
    gre: new Float64Array(slotLen),
    gim: new Float64Array(slotLen),
    ere: new Float64Array(nodeLen),
    eim: new Float64Array(nodeLen),
    ok: new Uint8Array(nodeLen),
    kernel: null,
  };
}
