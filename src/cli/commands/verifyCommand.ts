import { COMPILE_MODES, DEFAULT_COMPILE_MODE, isCompileMode, type CompileMode } from '../../eml/compiler/compile.ts';
import { ALL_SUITE_ITEMS } from '../../eml/suites/grids.ts';
import { verifyAll, type VerifyResult } from '../../eml/suites/verify.ts';
import { UsageError, type Command } from '../command.ts';

const fmt = (v: number) => (v === 0 ? '0' : v.toExponential(1));

function row(r: VerifyResult): string {
  const p = (v: number) => String(Number(v.toPrecision(12))); // grid points like 0.94 print without float noise
  const at = r.worst ? (r.worst.y === undefined ? `x=${p(r.worst.x)}` : `(${p(r.worst.x)}, ${p(r.worst.y)})`) : '-';
  return [
    r.item.padEnd(16),
    (r.mode + (r.clean ? '+clean' : '')).padEnd(14),
    String(r.k).padStart(5),
    String(r.depth).padStart(5),
    fmt(r.maxError).padStart(9),
    at.padEnd(12),
    fmt(r.maxImag).padStart(9),
    String(r.nonFinite).padStart(4),
    // The extended grid: points inside the stated domain to |x| = 710, wrong ones, and how far it reached.
    `${r.extended.samples}/${r.extended.wrong} ≤${Math.round(r.extended.maxAbsX)}`.padEnd(14),
    r.pass ? 'ok' : 'FAIL',
  ].join('  ');
}

export const verifyCommand: Command = {
  name: 'verify',
  summary:
    "run the paper's numeric suites (docs/semantics.md#numeric-grids) on compiled trees: error, worst point, non-finite count, and an extended grid inside each tree's stated domain to |x| = 710",
  usage: 'verify [--mode robust|shortest|paper|both] [--clean] [--item Name] [--json]',
  options: {
    mode: { type: 'string', default: 'both' },
    clean: { type: 'boolean', default: false },
    item: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  run(_positionals, values, io) {
    const m = String(values.mode);
    if (m !== 'both' && !isCompileMode(m)) throw new UsageError(`--mode must be ${COMPILE_MODES.join(', ')} or both`);
    // 'both': paper mode and the default (robust) mode.
    const modes: CompileMode[] = m === 'both' ? ['paper', DEFAULT_COMPILE_MODE] : [m as CompileMode];
    // The item is chosen before verifying: each item also measures its tree's domain for the extended grid.
    const items =
      values.item === undefined
        ? ALL_SUITE_ITEMS
        : ALL_SUITE_ITEMS.filter((i) => i.name.toLowerCase() === String(values.item).toLowerCase());
    if (items.length === 0) throw new UsageError(`no suite item named ${values.item}`);
    const results = modes.flatMap((mode) => verifyAll({ mode, clean: Boolean(values.clean) }, items));
    if (values.json) io.out(JSON.stringify(results, null, 2));
    else {
      io.out(
        [
          'item'.padEnd(16),
          'mode'.padEnd(14),
          '    K',
          'depth',
          'max error',
          'worst at'.padEnd(12),
          'max |Im|',
          '  nf',
          'extended/wrong',
          '',
        ].join('  '),
      );
      for (const r of results) io.out(row(r));
      const failed = results.filter((r) => !r.pass).length;
      io.out(failed === 0 ? `all ${results.length} pass` : `${failed} of ${results.length} FAIL`);
    }
    return results.every((r) => r.pass) ? 0 : 1;
  },
};
