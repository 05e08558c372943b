/**
 * `search --count published`: counts constants by the paper's repository's rule (src/eml/enumerate/published.ts)
 * and prints each level beside the sequence it published (MacBookPro_M3MAX.txt) and the same program's other run.
 * Options are checked here; the search command hands over when --count is "published".
 */
import { countPublished, LIBM_TEXT, LIBMS, type Libm } from '../../eml/enumerate/published.ts';
import published from '../../eml/enumerate/fixtures/publishedCounts.json';
import { UsageError, type CommandIO } from '../command.ts';
import { numberOption } from '../commands/fitCommand.ts';

export const COUNT_RULES = ['distinct', 'published'] as const;
export type CountRule = (typeof COUNT_RULES)[number];

const RULE_TEXT =
  'per level K, the distinct real float64 values of eml(l, r) = exp(l) − ln(r) over the levels a and K − 1 − a (pairs with a non-finite exp(l), ln(r) or result skipped), bit-equal values once, values of smaller K not removed';

const LISTED = new Map(published.perLevel.map((l) => [l.k, l.unique]));
const OTHER_RUN = new Map(published.sameRuleElsewhere.differs.map((l) => [l.k, l.unique]));

/** The --count value, checked. */
export function countRule(values: Record<string, unknown>): CountRule {
  const raw = String(values.count ?? 'distinct');
  if (!(COUNT_RULES as readonly string[]).includes(raw))
    throw new UsageError(`--count must be one of ${COUNT_RULES.join(', ')}, got "${raw}"`);
  if (raw === 'distinct' && values.libm !== undefined)
    throw new UsageError('--libm applies only to --count published (the distinct count compares complex functions)');
  return raw as CountRule;
}

export function runPublishedCount(values: Record<string, unknown>, io: CommandIO): number {
  const leaves = String(values.leaves ?? '1');
  if (leaves !== '1')
    throw new UsageError(`--count published counts constants only: give --leaves 1 (got "${leaves}")`);
  for (const name of ['target', 'seed', 'semantics'])
    if (values[name] !== undefined)
      throw new UsageError(`--${name} does not apply to --count published (real float64 values, no target)`);
  const libm = String(values.libm ?? 'correct');
  if (!(LIBMS as readonly string[]).includes(libm))
    throw new UsageError(`--libm must be one of ${LIBMS.join(', ')}, got "${libm}"`);
  const maxK = numberOption(values, 'max-k', 35, 3, 61, true);
  if (maxK % 2 === 0) throw new UsageError(`--max-k must be odd (K = 2·leaves − 1), got ${maxK}`);
  const maxMb = numberOption(values, 'max-mb', 900, 16, 1000, true);
  const json = Boolean(values.json);
  if (!json) io.out(`leaves {1}, counted by the published rule: ${RULE_TEXT}; ${LIBM_TEXT[libm as Libm]}`);
  const t0 = performance.now();
  const r = countPublished({ maxK, libm: libm as Libm, maxBytes: maxMb * 2 ** 20 }, (l) => {
    if (json) return;
    const theirs = LISTED.get(l.k);
    const other = OTHER_RUN.get(l.k);
    const cmp =
      theirs === undefined
        ? 'not published'
        : `published ${theirs}${other !== undefined ? ` (other run ${other})` : ''}: ${l.unique === theirs ? 'equal' : `${l.unique > theirs ? '+' : ''}${l.unique - theirs}`}`;
    io.out(`K ${String(l.k).padStart(2)}: ${l.unique} values (${l.candidates} finite pairs); ${cmp}`);
  });
  const seconds = (performance.now() - t0) / 1000;
  if (json) {
    io.out(
      JSON.stringify(
        {
          count: 'published',
          rule: RULE_TEXT,
          libm,
          libmText: LIBM_TEXT[libm as Libm],
          leaves: '1',
          maxK,
          state: r.state,
          perK: r.perK.map((l) => ({
            k: l.k,
            distinct: l.unique,
            trees: l.candidates,
            published: LISTED.get(l.k) ?? null,
            publishedOtherRun: OTHER_RUN.get(l.k) ?? LISTED.get(l.k) ?? null,
          })),
          publishedSource: published.source,
          peakBytes: r.peakBytes,
          shortest: null,
          lowerBound: null,
          seconds,
        },
        null,
        2,
      ),
    );
    return 0;
  }
  if (r.state === 'memory') io.out(`stopped: the next level does not fit in ${maxMb} MB (--max-mb)`);
  io.out(`${(r.peakBytes / 2 ** 20).toFixed(1)} MB at most, ${seconds.toFixed(2)} s`);
  return 0;
}
