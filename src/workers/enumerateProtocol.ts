/**
 * Messages between the page and the shortest-form search worker (enumerateWorker.ts). One worker holds one run
 * (the table of distinct functions lives there, and the page asks it for pages of rows); commands are matched to
 * their run by id, so events of a cancelled run that arrive late are recognised and dropped.
 * Kept beside protocol.ts rather than inside it: this worker shares no message with the training and fit workers.
 * Trees travel encoded (eml/treeCodec.ts EncodedTree, as in every worker message): the worker posts EnumMessage;
 * the client (enumerateClient.ts) decodes each tree once on arrival and hands the page EnumEvent, whose trees are
 * the functional EML text the page shows and opens in the playground.
 */
import type { EncodedTree } from '../eml/treeCodec.ts';
import type { EnumSemantics, LevelStats } from '../eml/enumerate/enumerator.ts';
import type { Leaves } from '../eml/enumerate/probes.ts';
import type { FunctionRow, RowFilter } from '../eml/enumerate/rows.ts';
import type { ScannedLevel, SearchProgress, SearchState } from '../eml/enumerate/search.ts';
import type { Rung } from '../eml/enumerate/ladder.ts';

export interface EnumStartSpec {
  leaves: Leaves;
  semantics: EnumSemantics;
  seed: number;
  maxK: number;
  maxBytes: number;
  /** The function to look for (EML or ordinary math), or null to enumerate only. */
  target: string | null;
  /** Shard workers for the large levels (default: navigator.hardwareConcurrency − 1; below 2: one thread). */
  workers?: number;
  /** Count the distinct functions of a level only scanned for the target (default true; about doubles the scan's cost). */
  countScanned?: boolean;
}

/** From a shard worker (enumerateShardWorker.ts) to the search worker; the task itself is a ShardTask. */
export type { ShardEvent } from '../eml/enumerate/shards.ts';

/** A rung of the ladder the worker computes for a function (a compiled tree or a published bound), on the page. */
export type LadderRung = Rung;
/** The same rung as the worker posts it. */
export type LadderRungMessage = Omit<Rung, 'tree'> & { tree?: EncodedTree };
/** A row of the function table as the worker posts it (the page gets rows.ts FunctionRow). */
export type FunctionRowMessage = Omit<FunctionRow, 'tree'> & { tree: EncodedTree };

export type EnumCommand =
  | { type: 'enum-start'; id: number; spec: EnumStartSpec }
  | { type: 'enum-cancel'; id: number }
  | { type: 'enum-rows'; id: number; request: number; filter: RowFilter; offset: number; limit: number }
  /** The compiled rungs and the search settings for a function (text as in the Expression box). */
  | { type: 'enum-ladder'; request: number; text: string; kind: 'eml' | 'math' };

/** The search's best tree on the page (functional EML text). */
export interface EnumFound {
  tree: string;
  k: number;
  verifiedPoints: number;
}
/** The same as the worker posts it. */
export type EnumFoundMessage = Omit<EnumFound, 'tree'> & { tree: EncodedTree };

/** Worker → page, as posted (trees encoded). The client turns each into an EnumEvent. */
export type EnumMessage =
  | Exclude<EnumEvent, { type: 'enum-done' | 'enum-rows' | 'enum-ladder' }>
  | (Omit<Extract<EnumEvent, { type: 'enum-done' }>, 'found'> & { found: EnumFoundMessage | null })
  | (Omit<Extract<EnumEvent, { type: 'enum-rows' }>, 'rows'> & { rows: FunctionRowMessage[] })
  | (Omit<Extract<EnumEvent, { type: 'enum-ladder'; ok: true }>, 'rungs'> & { rungs: LadderRungMessage[] })
  | Extract<EnumEvent, { type: 'enum-ladder'; ok: false }>;

/** Worker → page, as the client hands it to the page (trees decoded, as text). */
export type EnumEvent =
  | {
      type: 'enum-progress';
      id: number;
      progress: SearchProgress;
      perK: LevelStats[];
      elapsedMs: number;
      treesPerSecond: number;
    }
  | {
      type: 'enum-done';
      id: number;
      state: SearchState;
      perK: LevelStats[];
      progress: SearchProgress;
      scanned: ScannedLevel | null;
      found: EnumFound | null;
      lowerBound: number | null;
      elapsedMs: number;
    }
  | { type: 'enum-rows'; id: number; request: number; total: number; rows: FunctionRow[] }
  | {
      type: 'enum-ladder';
      request: number;
      ok: true;
      rungs: LadderRung[];
      leaves: Leaves;
      /** The text the search looks for (the applied expression). */
      target: string;
    }
  | { type: 'enum-ladder'; request: number; ok: false; message: string }
  | { type: 'enum-error'; id: number; message: string };

const EVENTS = new Set(['enum-progress', 'enum-done', 'enum-rows', 'enum-ladder', 'enum-error']);

export function isEnumMessage(m: unknown): m is EnumMessage {
  return typeof m === 'object' && m !== null && EVENTS.has((m as { type?: string }).type ?? '');
}
