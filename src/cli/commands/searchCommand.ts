/**
 * `search`: every distinct EML function up to K (src/eml/enumerate), the number first found at each K, and with
 * --target the shortest tree for it or the lower bound the enumeration proves. Runs in this process, one core.
 */
import { ENUM_SEMANTICS, type EnumSemantics } from '../../eml/enumerate/enumerator.ts';
import { isLeaves, LEAVES, type Leaves } from '../../eml/enumerate/probes.ts';
import { SearchRun } from '../../eml/enumerate/search.ts';
import { readTarget } from '../../eml/enumerate/target.ts';
import { printFunctional } from '../../eml/syntax/print.ts';
import { EXIT_BAD_INPUT, UsageError, type Command } from '../command.ts';
import { numberOption } from './fitCommand.ts';
import { countRule, runPublishedCount } from '../search/publishedCount.ts';

const SEMANTICS_TEXT: Record<EnumSemantics, string> = {
  complex: 'complex float64, principal branch, C99 special values (ln 0 = −∞)',
  finite: 'finite only: a tree with a non-finite value at any node on a probe point is left out',
};

export const searchCommand: Command = {
  name: 'search',
  summary:
    'enumerate every distinct EML function up to K (functional hashing): counts per K, the shortest tree for a target, or a lower bound',
  usage:
    'search [--leaves 1|1,x|1,x,y] [--max-k N] [--target EXPR] [--semantics complex|finite] [--seed S] [--max-mb M] [--count distinct|published [--libm correct|js]] [--json]',
  options: {
    // No defaults for leaves and semantics: --count published must tell a given option from a default one.
    leaves: { type: 'string' },
    'max-k': { type: 'string' },
    target: { type: 'string' },
    semantics: { type: 'string' },
    seed: { type: 'string' },
    'max-mb': { type: 'string' },
    json: { type: 'boolean', default: false },
    count: { type: 'string' },
    libm: { type: 'string' },
  },
  run(positionals, values, io) {
    if (positionals.length > 0)
      throw new UsageError(`search takes no arguments (got "${positionals[0]}"); give the target with --target EXPR`);
    if (countRule(values) === 'published') return runPublishedCount(values, io);
    const leaves = String(values.leaves ?? '1,x');
    if (!isLeaves(leaves)) throw new UsageError(`--leaves must be one of ${LEAVES.join(' | ')}, got "${leaves}"`);
    const semantics = String(values.semantics ?? 'complex');
    if (!(ENUM_SEMANTICS as readonly string[]).includes(semantics))
      throw new UsageError(`--semantics must be one of ${ENUM_SEMANTICS.join(', ')}, got "${semantics}"`);
    const maxK = numberOption(values, 'max-k', leaves === '1' ? 25 : leaves === '1,x' ? 15 : 11, 1, 61, true);
    if (maxK % 2 === 0) throw new UsageError(`--max-k must be odd (K = 2·leaves − 1), got ${maxK}`);
    const seed = numberOption(values, 'seed', 1, 0, 2 ** 31 - 1, true);
    const maxMb = numberOption(values, 'max-mb', 900, 16, 1000, true);
    const json = Boolean(values.json);
    let target = null;
    if (values.target !== undefined) {
      const r = readTarget(String(values.target), leaves as Leaves);
      if (!r.ok) {
        io.err(json ? JSON.stringify({ error: { message: r.message } }, null, 2) : `error: ${r.message}`);
        return EXIT_BAD_INPUT;
      }
      target = r.target;
    }
    const t0 = performance.now();
    const run = new SearchRun({
      leaves,
      semantics: semantics as EnumSemantics,
      seed,
      maxK,
      maxBytes: maxMb * 2 ** 20,
      target,
    });
    while (run.advance(1 << 18) === 'running');
    const seconds = (performance.now() - t0) / 1000;
    const p = run.progress();
    const found = run.found;
    if (json) {
      io.out(
        JSON.stringify(
          {
            leaves,
            semantics,
            semanticsText: SEMANTICS_TEXT[semantics as EnumSemantics],
            seed,
            maxK,
            state: run.state,
            perK: run.perK.map(({ k, distinct, trees }) => ({ k, distinct, trees })),
            scanned: run.scanned,
            distinct: p.distinct,
            trees: p.trees,
            bytes: p.bytes,
            target: target?.text ?? null,
            shortest: found
              ? { tree: printFunctional(found.tree), k: found.k, verifiedPoints: found.verification.points }
              : null,
            lowerBound: run.lowerBound,
            seconds,
          },
          null,
          2,
        ),
      );
      return 0;
    }
    io.out(`leaves {${leaves}}, ${SEMANTICS_TEXT[semantics as EnumSemantics]}, seed ${seed}`);
    for (const l of run.perK)
      io.out(`K ${String(l.k).padStart(2)}: ${l.distinct} new distinct functions (${l.trees} trees)`);
    if (run.scanned)
      io.out(
        `K ${String(run.scanned.k).padStart(2)}: ${run.scanned.trees} trees scanned for the target (not stored${run.scanned.distinct !== null ? `; its ${run.scanned.distinct} new distinct functions counted${run.scanned.approximate ? ' by 64-bit keys, approximately' : ''}` : ''})${run.scanned.complete ? '' : found ? ', up to the first verified match' : ', not finished'}`,
      );
    if (run.state === 'memory') io.out(`stopped: the next level does not fit in ${maxMb} MB (--max-mb)`);
    io.out(
      `${p.distinct} distinct functions, ${p.trees} trees evaluated, ${(p.bytes / 2 ** 20).toFixed(1)} MB, ${seconds.toFixed(2)} s`,
    );
    if (target) {
      if (found)
        io.out(
          `shortest: K ${found.k}  ${printFunctional(found.tree)}\n  verified at ${found.verification.points} fresh points; a minimum: no tree with K ≤ ${run.lowerBound} computes ${target.text}`,
        );
      else
        io.out(
          `not found: no tree with K ≤ ${run.lowerBound} computes ${target.text} (${p.distinct} distinct functions, ${p.trees} trees evaluated)`,
        );
      for (const r of run.rejected.slice(0, 3))
        io.out(`  (matched at the probes but not at ${r.failedAt}: ${printFunctional(r.tree)})`);
    }
    return 0;
  },
};
