/**
 * The formula search's report at the thread boundary. The finishing worker has each Pareto row's tree with its
 * constants as `_c<i>` leaves (fit/search/finish.ts FinishedSearch); it posts that tree encoded (eml/treeCodec.ts,
 * transferable) instead of its text, as the training workers post theirs (treeWire.ts). The page decodes each row
 * once on arrival and prints the user-facing text from the node exactly as finish.ts printed it (toEml.ts
 * treeText: the constants as decimals), so links, the autosave, the CLI JSON and the exports see the same bytes.
 * The CLI finishes in its own thread (cli/fit/pool.ts): its report never crosses a thread and needs no wire.
 */
import type { EmlNode } from '../eml/ast.ts';
import { decodeTree, encodeTree } from '../eml/treeCodec.ts';
import type { FitReport, FormulaResult } from '../fit/search/report.ts';
import { treeText } from '../fit/search/toEml.ts';
import type { FitReportMessage, FormulaRowMessage } from './protocol.ts';

/** Worker side: the report with each row's symbolic tree encoded. Throws if a row's tree is missing (a bug). */
export function encodeReport(report: FitReport, trees: ReadonlyMap<FormulaResult, EmlNode>): FitReportMessage {
  const best = report.pareto.indexOf(report.best);
  if (best < 0) throw new Error('search report: the chosen formula is not on its Pareto front');
  const pareto = report.pareto.map((r, i): FormulaRowMessage => {
    const tree = trees.get(r);
    if (!tree) throw new Error(`search report: row ${i + 1} has no tree`);
    return { ...r, tree: encodeTree(tree) };
  });
  return { ...report, best, pareto };
}

const CONSTANT = /^_c(\d+)$/;

/**
 * Page side: the report in the page's terms, each row's text printed from its decoded tree. Throws a message naming
 * the row when a tree is damaged or names a constant the row does not have (it would print as "undefined").
 */
export function decodeReport(m: FitReportMessage): FitReport {
  const pareto = m.pareto.map((row, i): FormulaResult => {
    try {
      const node = decodeTree(row.tree);
      for (const name of row.tree.names) {
        const c = CONSTANT.exec(name);
        if (c && !(Number(c[1]) < row.params.length))
          throw new Error(`it names constant ${name}, but has ${row.params.length} constants`);
      }
      return { ...row, tree: treeText(node, row.params) };
    } catch (err) {
      throw new Error(`search report, row ${i + 1}: ${err instanceof Error ? err.message : String(err)}`, {
        cause: err,
      });
    }
  });
  const best = pareto[m.best];
  if (!Number.isInteger(m.best) || !best)
    throw new Error(`search report: best formula ${m.best} is not one of its ${pareto.length} rows`);
  return { ...m, best, pareto };
}
