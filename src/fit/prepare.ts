/**
 * The whole data pipeline as one pure function, so the UI, the URL codec and the tests derive the same thing from
 * the same inputs: text → table → mapped dataset (a seeded subsample of the chosen size above 100 000 rows) → seeded train/validation split,
 * plus the certificate's fresh points (validation rows, and noise-free off-grid points when a generator made the
 * data). Nothing here touches the DOM.
 */
import { unweighted, type TrainingData } from '../training/targets.ts';
import {
  concatDatasets,
  datasetOf,
  defaultMapping,
  splitDataset,
  toTrainingData,
  validateMapping,
  type ColumnMapping,
  type Dataset,
  type Split,
} from './dataset.ts';
import { freshPoints, type GeneratorSpec } from './generate.ts';
import { readTable, type HeaderMode, type Table } from './table.ts';

export interface DataInputs {
  text: string;
  header: HeaderMode;
  /** null = the default mapping for the table. */
  mapping: ColumnMapping | null;
  validation: number;
  splitSeed: number;
  /** Subsample size for tables over MAX_ROWS rows. */
  sampleRows: number;
  /** The generator that produced `text`, when it did (and the text was not edited since). */
  generator: GeneratorSpec | null;
}

export type Prepared =
  /** 'reading': a large table is being read in a worker (workers/clients/dataPipeline.ts); errors says what. */
  | { ok: false; stage: 'table' | 'mapping' | 'reading'; errors: string[]; table: Table | null }
  | {
      ok: true;
      table: Table;
      warnings: string[];
      mapping: ColumnMapping;
      dataset: Dataset;
      split: Split;
      fresh: Dataset[];
    };

export const FRESH_POINTS = 200;

/** What a training worker gets (workers/protocol.ts sends it): the training rows and the fresh points. */
export interface DataPayload {
  train: TrainingData;
  /** Fresh points off the training grid, for the exact-recovery confirmation. */
  fresh: TrainingData;
}

export function prepare(inp: DataInputs): Prepared {
  const t = readTable(inp.text, inp.header);
  if (!t.ok) return { ok: false, stage: 'table', errors: t.errors, table: null };
  const mapping = inp.mapping && inp.mapping.output < t.table.columns.length ? inp.mapping : defaultMapping(t.table);
  const problems = validateMapping(t.table, mapping);
  if (problems.length) return { ok: false, stage: 'mapping', errors: problems, table: t.table };
  const dataset = datasetOf(t.table, mapping, inp.splitSeed, inp.sampleRows);
  const split = splitDataset(dataset, inp.validation, inp.splitSeed);
  const fresh: Dataset[] = [];
  if (split.validation.n > 0) fresh.push(split.validation);
  const g = inp.generator;
  // Off-grid points are only meaningful when the generator's variables are the model's (x[, y]) in order.
  if (
    g &&
    g.noise === 0 &&
    mapping.inputs.length === g.inputs &&
    mapping.inputs.every((c, i) => c === i) &&
    mapping.output === g.inputs
  ) {
    const f = freshPoints(g, FRESH_POINTS, g.seed + 1);
    if (f && f.n > 0) fresh.push(f);
  }
  return { ok: true, table: t.table, warnings: t.warnings, mapping, dataset, split, fresh };
}

/** What the workers get: the (weighted) training rows, and the fresh points the trainer confirms exactness on (unweighted: an exact tree is exact at every point). */
export function payloadOf(p: Extract<Prepared, { ok: true }>): DataPayload {
  const fresh = p.fresh.length === 0 ? p.split.train : p.fresh.reduce((a, b) => concatDatasets(a, b));
  return { train: toTrainingData(p.split.train), fresh: unweighted(toTrainingData(fresh)) };
}
