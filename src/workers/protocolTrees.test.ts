/**
 * Every worker message carries its trees in one form, eml/treeCodec.ts EncodedTree, never as text to parse again.
 * The check is on the types of the whole message table (tsc runs it as part of `npm test`): any field named `tree`
 * or `trees` that can hold a string, at any depth of any message, is an error here. The runtime part walks encoded
 * samples of each tree-carrying message.
 * The complex-plane request (planeProtocol.ts) sends the page's tree encoded with its compiled-from math, and the
 * formula search's report (`search-report`, reportWire.ts) each Pareto row's tree encoded with its `_cN` leaves.
 */
import { describe, expect, it } from 'vitest';
import type { ReadReply, ReadRequest } from '../ui/expression/readProtocol.ts';
import type { DecompileReply, DecompileRequest } from '../ui/formula/decompileClient.ts';
import type { FactsReply, FactsRequest } from '../ui/formula/factsClient.ts';
import type { EnumCommand, EnumMessage, ShardEvent } from './enumerateProtocol.ts';
import type { ShardTask } from '../eml/enumerate/shards.ts';
import type { MapReply, MapRequest } from './mapProtocol.ts';
import type { PlaneReply, PlaneRequest } from './planeProtocol.ts';
import type {
  CertifyReply,
  CertifyRequest,
  Command,
  DataReply,
  DataRequest,
  SearchCommand,
  SearchEvent,
  TrainingEvent,
  WorkerEvent,
} from './protocol.ts';
import { encodeWorkerEvent } from './treeWire.ts';
import type { RunResult } from '../training/schedule.ts';
import type { FitReport } from '../fit/search/report.ts';

type Primitive = string | number | boolean | bigint | symbol | null | undefined;

/** The names of `tree`/`trees` fields that can hold a string anywhere in T (never: none). */
type StringTreeFields<T, Depth extends unknown[] = []> = Depth['length'] extends 10
  ? never
  : T extends Primitive | ArrayBufferView | ArrayBuffer
    ? never
    : T extends readonly (infer E)[]
      ? StringTreeFields<E, [...Depth, 0]>
      : T extends object
        ? {
            [K in keyof T]-?: K extends 'tree' | 'trees'
              ? [Extract<NonNullable<T[K]>, string | readonly string[]>] extends [never]
                ? StringTreeFields<T[K], [...Depth, 0]>
                : K
              : StringTreeFields<T[K], [...Depth, 0]>;
          }[keyof T]
        : never;

/** Every message a worker of the page sends or receives. */
type AllMessages =
  | Command
  | WorkerEvent
  | CertifyRequest
  | CertifyReply
  | DataRequest
  | DataReply
  | SearchCommand
  | SearchEvent
  | EnumCommand
  | EnumMessage
  | ShardTask
  | ShardEvent
  | ReadRequest
  | ReadReply
  | FactsRequest
  | FactsReply
  | DecompileRequest
  | DecompileReply
  | PlaneRequest
  | PlaneReply
  | MapRequest
  | MapReply;

const noStringTrees: [StringTreeFields<AllMessages>] extends [never] ? true : false = true;
// The check can fail: a string tree a few levels down is found, and so are the trainer's own events (TrainingEvent,
// trees as text), which is what the workers posted before they encoded.
const caught: [StringTreeFields<{ a: { b: [{ tree?: string }] } }>] extends [never] ? false : true = true;
const textual: [StringTreeFields<TrainingEvent>] extends [never] ? false : true = true;
// So is the search report as finish.ts makes it (rows' trees as text), which the search worker posted before.
const reportText: [StringTreeFields<FitReport>] extends [never] ? false : true = true;

describe('trees in worker messages', () => {
  it('no message type has a tree as a string (a type-level check over the message table)', () => {
    expect(noStringTrees).toBe(true);
    expect(caught).toBe(true);
    expect(textual).toBe(true);
    expect(reportText).toBe(true);
  });

  it('the training messages as posted hold their trees as Int32Array encodings', () => {
    const r: RunResult = {
      run: 0,
      init: 'biased',
      seedIndex: 0,
      fit: true,
      symbol: true,
      stable: true,
      exact: true,
      abandoned: false,
      mseTrain: 0,
      mseFresh: 0,
      uncertain: 0,
      k: 3,
      tree: 'EML[x,1]',
      steps: 1,
      nanRestarts: 0,
      attempts: 1,
      ms: 1,
    };
    const posted = [
      encodeWorkerEvent({ type: 'snapshot', restart: 0, tree: 'EML[x,1]', k: 3, depth: 1, mseTrain: 0, uncertain: 0 }),
      encodeWorkerEvent({ type: 'run', result: r }),
      encodeWorkerEvent({ type: 'result', runOffset: 0, results: [r, r], ms: 1 }),
    ];
    const trees: unknown[] = [];
    const walk = (v: unknown): void => {
      if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) return;
      for (const [k, x] of Object.entries(v)) {
        if (k === 'tree') trees.push(x);
        walk(x);
      }
    };
    posted.forEach(walk);
    expect(trees).toHaveLength(4);
    for (const t of trees) expect((t as { nodes: unknown }).nodes).toBeInstanceOf(Int32Array);
  });
});
