/**
 * The one message protocol between the UI and its workers. Training workers: commands go UI → worker, events
 * worker → UI. The two helper workers (the certifier and the table reader) answer one request with one reply,
 * matched by id; their messages are at the end of this file.
 * Numeric arrays travel as typed arrays (listed in `transferables`), never as plain number arrays. A pool of
 * workers speaks the same protocol; each worker owns the restarts [runOffset, runOffset + restarts).
 * The page's side of each worker sits beside this file in clients/: trainingClient.ts (the training pool),
 * certifyClient.ts (the certifier) and dataPipeline.ts (the table reader); searchPool.ts drives the search workers.
 * Trees travel in one form, eml/treeCodec.ts EncodedTree (an Int32Array, transferred, each distinct node once): the
 * trainer and the page speak of trees as EML text (TrainingEvent; RunResult.tree is what the CLI and the exports
 * print), and treeWire.ts converts at the thread boundary, the worker encoding, the client decoding each distinct tree
 * once on arrival. protocolTrees.test.ts checks that no message here carries a tree as a string.
 */
import type { EncodedTree } from '../eml/treeCodec.ts';
import type { Phase, RunResult } from '../training/schedule.ts';
import type { TrainSettings } from '../training/settings.ts';
import type { TrainingData } from '../training/targets.ts';
import type { EngineName } from '../training/engine.ts';
import type { Semantics } from '../eml/evaluate/semantics.ts';
import type { Certificate } from '../fit/certificate.ts';
import type { Dataset } from '../fit/dataset.ts';
import type { DataInputs, DataPayload, Prepared } from '../fit/prepare.ts';
import type { FitReport, FormulaResult } from '../fit/search/report.ts';

// The data a training run carries is defined by the data pipeline (fit/prepare.ts), which the protocol sends.
export type { DataPayload };

/** Live-adjustable schedule values (applied without a reset, as TF Playground does). */
export interface LivePatch {
  lr?: number;
  tauSearch?: number;
  tauHard?: number;
  hardeningTauPower?: number;
}

/** Enough to continue a run on another engine: the schedule state and parameters of every restart. */
export interface Checkpoint {
  step: number;
  /** Per restart: the Trainer's JSON-able state (Float64Arrays inside are structured-cloned). */
  states: unknown[];
  /** [restarts × nParams] current parameters. */
  params: Float64Array;
}

export type Command =
  | {
      type: 'start';
      settings: TrainSettings;
      data: DataPayload;
      runOffset: number;
      restarts: number;
      checkpoint?: Checkpoint;
      progressHz?: number;
    }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'step'; n: number }
  | { type: 'stop' }
  | { type: 'reset' }
  | { type: 'set'; patch: LivePatch };

export interface ProgressEvent {
  type: 'progress';
  runOffset: number;
  /** Lockstep engine steps done by this worker. */
  step: number;
  phase: Phase[];
  tau: Float64Array;
  /** Per restart: last soft data MSE, and last hard (τ_hard) MSE at an evaluation. */
  soft: Float64Array;
  hard: Float64Array;
  /** Restart (global index) with the lowest soft loss, and its current soft weights (leaf logits then gates). */
  bestRestart: number;
  weights: Float64Array;
  stepsPerSecond: number;
  paused: boolean;
}

/** The live snapshot in the trainer's and the page's terms (tree as text); it travels as a SnapshotMessage. */
export interface SnapshotEvent {
  type: 'snapshot';
  restart: number;
  /**
   * The best tree the restarts have so far (training/restartState.ts bestSoFar: what they would report if stopped
   * now), in the paper's EML[·,·] syntax. The client forwards the best of its pool's workers.
   */
  tree: string;
  k: number;
  /** The model's depth (the run's depth, as a result's candidate has). */
  depth: number;
  mseTrain: number;
  uncertain: number;
}

export interface ResultEvent {
  type: 'result';
  runOffset: number;
  results: RunResult[];
  ms: number;
}

/** Events a training share produces, in the trainer's terms (trees as EML text); posted as WorkerEvent. */
export type TrainingEvent =
  | { type: 'ready'; engine: EngineName; backend: string; stepsPerSecond: Record<string, number>; runOffset: number }
  | ProgressEvent
  | SnapshotEvent
  | ResultEvent
  /** One restart finished (success or not), before the whole share's result. */
  | { type: 'run'; result: RunResult }
  | { type: 'checkpoint'; runOffset: number; checkpoint: Checkpoint }
  | { type: 'error'; message: string; problems?: string[]; contextLost?: boolean; runOffset?: number };

/** A restart's result as it travels: its tree encoded (the constants map, for `_cN` leaves, as it is). */
export type RunResultMessage = Omit<RunResult, 'tree'> & { tree: EncodedTree };
export type SnapshotMessage = Omit<SnapshotEvent, 'tree'> & { tree: EncodedTree };

/** Worker → page, as posted: a TrainingEvent with its trees encoded (treeWire.ts). */
export type WorkerEvent =
  | Exclude<TrainingEvent, { type: 'snapshot' | 'result' | 'run' }>
  | SnapshotMessage
  | (Omit<ResultEvent, 'results'> & { results: RunResultMessage[] })
  | { type: 'run'; result: RunResultMessage };

/** The ArrayBuffers of a message, for postMessage's transfer list. Copies are made by the sender beforehand. */
export function transferables(msg: Command | WorkerEvent): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number): void => {
    if (depth > 6 || v === null || typeof v !== 'object') return;
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) out.add(v.buffer);
      return;
    }
    for (const x of Array.isArray(v) ? v : Object.values(v)) visit(x, depth + 1);
  };
  visit(msg, 0);
  return [...out];
}

const COMMANDS = new Set(['start', 'pause', 'resume', 'step', 'stop', 'reset', 'set']);
const EVENTS = new Set(['ready', 'progress', 'snapshot', 'result', 'run', 'checkpoint', 'error']);

export function isCommand(m: unknown): m is Command {
  return typeof m === 'object' && m !== null && COMMANDS.has((m as { type?: string }).type ?? '');
}

export function isWorkerEvent(m: unknown): m is WorkerEvent {
  return typeof m === 'object' && m !== null && EVENTS.has((m as { type?: string }).type ?? '');
}

/** Data as plain copies, so transferring them does not detach the caller's arrays. */
export function copyData(d: DataPayload): DataPayload {
  const one = (t: TrainingData): TrainingData => ({
    vars: [...t.vars],
    x: t.x.map((c) => Float64Array.from(c)),
    target: Float64Array.from(t.target),
    n: t.n,
    ...(t.weight ? { weight: Float64Array.from(t.weight) } : {}),
  });
  return { train: one(d.train), fresh: one(d.fresh) };
}

// ---------------------------------------------------------------------------------------------------------------
// Helper workers: one reply per request, matched by id.

/** certifyWorker.ts: certify a snapped tree (and typeset its formula), or warm up (build the decompiler's library). */
export type CertifyRequest =
  | {
      id: number;
      tree: EncodedTree;
      train: Dataset;
      fresh: Dataset[];
      semantics?: Semantics;
      /** The tree's decimal constant leaves and their values (fit/certificate.ts Constants). */
      constants?: Record<string, number>;
    }
  | { id: number; warmUp: true };
export type CertifyReply =
  | { id: number; ok: true; certificate: Certificate; formulaHtml: string }
  | { id: number; ok: false; error: string }
  | { id: number; ok: true; warm: true };

/** dataWorker.ts: run the data pipeline on a large table. */
export type DataRequest = { id: number; inputs: DataInputs };
export type DataReply = { id: number; ok: true; prepared: Prepared } | { id: number; ok: false; error: string };

// ---------------------------------------------------------------------------------------------------------------
// Formula-search workers (searchWorker.ts). A pool of them searches shards of one problem; one of them then
// finishes the merged candidates (refits, snapping, EML trees, verdicts, typesetting, plot values) so no part of
// the report is computed on the page. Every request carries the table text and the problem options, so each
// worker reads the same problem (same split, same precision) without the page parsing the table.

/** How the table becomes a fitting problem (fit/search/problem.ts ProblemOptions, 1-based column numbers). */
export interface SearchProblemSpec {
  text: string;
  /** Absent: readProblem's defaults (the last column is the output, the others are inputs). */
  target?: string;
  inputs?: string[];
  validationFraction: number;
  splitSeed: number;
  /** Relative noise level stated by the user (null: inferred from the digits). */
  noise: number | null;
  /** Significant digits of the output stated by the user (absent or null: read from the cells). */
  digits?: number | null;
  /** Column of point weights (1-based), absent for none: weighted least squares. */
  weights?: string;
}

/** A candidate as the search produced it (fit/search/search.ts RawCandidate; expressions are plain JSON). */
export interface SearchCandidate {
  expr: unknown;
  mse: number;
  size: number;
}

export type SearchCommand =
  | {
      type: 'search-start';
      id: number;
      problem: SearchProblemSpec;
      budgetMs: number;
      seed: number;
      shard: { index: number; count: number };
    }
  | {
      type: 'search-finish';
      id: number;
      problem: SearchProblemSpec;
      candidates: SearchCandidate[];
      seed: number;
      budgetMs: number;
    }
  /** Re-measure formulas restored from a link on the data (a link is untrusted) and compute their plot values. */
  | {
      type: 'search-replot';
      id: number;
      problem: SearchProblemSpec;
      formulas: Array<{ expr: unknown; params: number[]; latex: string }>;
    };

export interface SearchProgressEvent {
  type: 'search-progress';
  id: number;
  shard: number;
  elapsedMs: number;
  evaluated: number;
  /** gradient: the generalised gradient model trains (training/generalTrainer.ts). */
  phase: 'enumerate' | 'gradient' | 'evolve';
  level: number;
  bestMse: number;
  /** The shard's best structure key so far (kept, so Stop can finish with it when the shard is ended). */
  best: string;
}

/** Values for the fit plot: at most ~2000 data points, and for one input a dense curve per formula. */
export interface SearchPlot {
  vars: string[];
  target: string;
  /** Input columns of the plotted points, then their outputs; the first `nTrain` are training points. */
  x: Float64Array[];
  y: Float64Array;
  nTrain: number;
  /** Per formula (Pareto order): predictions at the plotted points. */
  pred: Float64Array[];
  /** One input: a sorted grid over its range, and each formula's values there. */
  grid: { x: Float64Array; pred: Float64Array[] } | null;
}

/**
 * A Pareto row as it travels (reportWire.ts): its tree encoded with each constant as a `_c<i>` leaf, whose value is
 * `params[i]`; the page prints the row's text from it (fit/search/toEml.ts treeText, as finish.ts does).
 */
export type FormulaRowMessage = Omit<FormulaResult, 'tree'> & { tree: EncodedTree };

/** fit/search/finish.ts FitReport as it travels: the rows encoded, the best as its index among them. */
export type FitReportMessage = Omit<FitReport, 'best' | 'pareto'> & { best: number; pareto: FormulaRowMessage[] };

export type SearchEvent =
  | SearchProgressEvent
  | {
      type: 'search-done';
      id: number;
      shard: number;
      candidates: SearchCandidate[];
      evaluated: number;
      elapsedMs: number;
      stopped: 'budget' | 'cancelled' | 'target' | 'exhausted';
    }
  /** `report` is fit/search/finish.ts FitReport with its trees encoded; `html` the KaTeX of each row's formula. */
  /** scores: PySR's score per Pareto row, −Δln(loss)/ΔK from the previous row (NaN for the first). */
  | {
      type: 'search-report';
      id: number;
      report: FitReportMessage;
      bestIndex: number;
      html: string[];
      scores: number[];
      plot: SearchPlot;
      warnings: string[];
    }
  /** rmse: each formula's RMSE over all points, re-measured here (NaN where it cannot be evaluated). */
  | { type: 'search-replotted'; id: number; html: string[]; plot: SearchPlot; rmse: number[] }
  | { type: 'search-error'; id: number; message: string };

const SEARCH_EVENTS = new Set(['search-progress', 'search-done', 'search-report', 'search-replotted', 'search-error']);

export function isSearchEvent(m: unknown): m is SearchEvent {
  return (
    typeof m === 'object' &&
    m !== null &&
    SEARCH_EVENTS.has((m as { type?: string }).type ?? '') &&
    typeof (m as { id?: unknown }).id === 'number'
  );
}
