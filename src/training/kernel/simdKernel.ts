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

  /** Leaf i's values w0 + w1·x1 + w2·x2. */
  leafForward(i: number, w0: number, w1: number, w2: number): void {
    this.k.leafForward(this.at.vre + i * this.row, this.at.x1, this.at.x2, this.n, w0, w1, w2);
  }

  /** Leaf i's weight gradients into sums[2..4]. */
  leafGrad(i: number): void {
    this.k.leafGrad(this.at.gre + i * this.row, this.at.x1, this.at.x2, this.n);
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
