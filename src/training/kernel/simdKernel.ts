/**
 * One NativeTree's instance of the SIMD kernel (realKernel.wat) and the byte offsets of the rows it works on: the
 * tree calls it per leaf and per node with row indices, and reads the sums it leaves behind from `sums`.
 */
import { BYPASS_THR, type TreeShape } from '../model.ts';
import type { RealKernelExports } from './realKernel.ts';

/** Byte offsets of the tree's arrays in the kernel's memory (x1 = x2 = −1: the leaves stay in JavaScript). */
export interface KernelOffsets {
  vre: number;
  gre: number;
  ere: number;
  ok: number;
  /** A scratch row of the forward pass (the log arguments). */
  lg: number;
  x1: number;
  x2: number;
}

export class SimdKernel {
  /** Left by the kernel: [gate-gradient sum L, R, leaf-weight gradients Σg, Σg·x1, Σg·x2]. */
  readonly sums: Float64Array;
  /** Whether the leaf rows run in the kernel (trees of one or two variables). */
  readonly leaves: boolean;
  private readonly row: number;

  constructor(
    private readonly k: RealKernelExports,
    memory: WebAssembly.Memory,
    private readonly at: KernelOffsets,
    private readonly shape: TreeShape,
    private readonly n: number,
    st: number,
  ) {
    this.sums = new Float64Array(memory.buffer, 0, 5);
    this.leaves = at.x1 >= 0;
    this.row = 8 * st;
  }

  /** Every leaf's values w0 + w1·x1 (+ w2·x2), as nativeLeaves.ts leafValues. */
  leafValues(w: Float64Array): void {
    const { shape, at, row, n } = this;
    const c = shape.nCols;
    for (let i = 0; i < shape.nLeaves; i++)
      this.k.leafForward(at.vre + i * row, at.x1, at.x2, n, w[i * c], w[i * c + 1], c === 3 ? w[i * c + 2] : 0);
  }

  /** Adds every leaf weight's gradient into gw, as nativeLeaves.ts leafGradients. */
  leafGradients(gw: Float64Array): void {
    const { shape, at, row, n, sums } = this;
    const c = shape.nCols;
    for (let i = 0; i < shape.nLeaves; i++) {
      this.k.leafGrad(at.gre + i * row, at.x1, at.x2, n);
      gw[i * c] += sums[2];
      gw[i * c + 1] += sums[3];
      if (c === 3) gw[i * c + 2] += sums[4];
    }
  }

  /** Node j on the real fast path with gates sL, sR; its overflow-penalty sum, or −1 for a complex logarithm. */
  forward(j: number, sL: number, sR: number, clamp: number, thr: number, withInter: boolean): number {
    const { shape, row, at } = this;
    return this.k.forward(
      at.vre + shape.childL[j] * row,
      at.vre + shape.childR[j] * row,
      at.vre + (shape.nLeaves + j) * row,
      at.ere + j * row,
      at.ok + (j * row) / 8,
      this.n,
      sL,
      sR,
      sL > BYPASS_THR ? 1 : 0,
      sR > BYPASS_THR ? 1 : 0,
      clamp,
      thr,
      withInter ? 1 : 0,
      at.lg,
    );
  }

  /**
   * Reverse mode through real node j (real ancestors): adds into the children's gradient rows (assign: writes them,
   * when every node is real and no row was cleared), gate sums into sums[0..1].
   */
  backward(j: number, sL: number, sR: number, thr: number, kInter: number, assign: boolean): void {
    const { shape, row, at } = this;
    this.k.backward(
      shape.childL[j] * row,
      shape.childR[j] * row,
      (shape.nLeaves + j) * row,
      j * row,
      at.ok + (j * row) / 8,
      this.n,
      sL,
      sR,
      sL > BYPASS_THR ? 1 : 0,
      sR > BYPASS_THR ? 1 : 0,
      thr,
      kInter,
      at.vre,
      at.ere,
      at.gre,
      assign ? 1 : 0,
    );
  }
}
