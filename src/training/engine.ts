/**
 * The interface both training engines implement. An engine holds R restarts of one tree shape on one data set and
 * does per-restart optimisation steps; everything about phases, plateaus, snapping and success lives in
 * schedule.ts, which drives either engine the same way. Each restart has its own τ, penalty weights and
 * learning-rate multiplier, because restarts move through the schedule independently.
 */
import type { TreeShape } from './model.ts';
import type { TrainingData } from './targets.ts';
import type { NativeKernel } from './kernel/treeArrays.ts';

export type EngineName = 'native' | 'tfjs';

export interface StepControl {
  tau: Float64Array;
  lamEnt: Float64Array;
  lamBin: Float64Array;
  lrMult: Float64Array;
  /** 1 = step this restart; 0 = leave it alone (finished, paused or abandoned). */
  active: Uint8Array;
}

export interface StepOutput {
  /** Total loss at the parameters before the step (NaN/∞ when the step was skipped). */
  total: Float64Array;
  /** Soft data MSE at the parameters before the step. */
  data: Float64Array;
  /** 1 when the loss and the gradient were finite and the update was applied. */
  finite: Uint8Array;
}

export interface EngineOptions {
  shape: TreeShape;
  data: TrainingData;
  restarts: number;
  lr: number;
  lamInter: number;
  interThreshold: number;
  emlClamp: number;
  gradClip: number;
  /** The native engine's real fast path; absent = 'simd' where this thread runs WebAssembly SIMD. */
  kernel?: NativeKernel;
  /** The tfjs engine's loss graph; absent = 'fused' where the backend has the fused kernels (tfjsEngine.ts). */
  tfjsGraph?: TfjsGraph;
}

/** fused: a level of eml nodes is one kernel (tfjsFused/); composite: tfjs's own ops, on any backend. */
export const TFJS_GRAPHS = ['fused', 'composite'] as const;
export type TfjsGraph = (typeof TFJS_GRAPHS)[number];

export interface TrainEngine {
  readonly name: EngineName;
  /** 'float64' or 'float64 simd' for native; the tfjs backend in use (webgpu, webgl, wasm, cpu), + ' fused' where
   * the fused graph runs on it, otherwise. */
  readonly backend: string;
  readonly shape: TreeShape;
  readonly restarts: number;
  setParams(r: number, params: ArrayLike<number>): void;
  getParams(r: number, out: Float64Array): void;
  /** A fresh Adam for restart r (the reference recreates the optimiser on phase changes and NaN restores). */
  resetOptimizer(r: number): void;
  setLr(lr: number): void;
  step(ctl: StepControl, out: StepOutput): void;
  /** Data MSE at temperature τ for each active restart (forward only). */
  evalMse(tau: number, active: Uint8Array, out: Float64Array): void;
  dispose(): void;
}

export function makeStepControl(R: number): StepControl {
  return {
    tau: new Float64Array(R),
    lamEnt: new Float64Array(R),
    lamBin: new Float64Array(R),
    lrMult: new Float64Array(R),
    active: new Uint8Array(R),
  };
}

export function makeStepOutput(R: number): StepOutput {
  return { total: new Float64Array(R), data: new Float64Array(R), finite: new Uint8Array(R) };
}

/** The `auto` choice between engines (by measured throughput at the requested batch) is in autoEngine.ts. */
