import { decompile } from '../../eml/decompiler/decompile.ts';
import { EXIT_BAD_INPUT, type Command } from '../command.ts';
import { parseInput, reportError } from '../input.ts';

export const decompileCommand: Command = {
  name: 'decompile',
  summary:
    'explain an EML tree in ordinary math (text and LaTeX); a part with no simpler reading is spelled exp(a) - ln(b)',
  readsExpression: true,
  usage: 'decompile <eml> [--syntax functional|mathematica|rpn|json] [--json]',
  options: { json: { type: 'boolean', default: false }, syntax: { type: 'string' } },
  run(positionals, values, io) {
    const parsed = parseInput(positionals, values, io);
    if (!parsed) return EXIT_BAD_INPUT;
    const r = decompile(parsed.tree);
    // A refusal is bad input like any other (exit 2 with the error JSON), not a result with an empty explanation.
    if (r.tooLarge) {
      const source = positionals.join(' ');
      reportError(
        {
          message: r.text,
          offset: 0,
          line: 1,
          column: 1,
          length: Math.max(1, source.length),
          hint: `decompile a tree of K ≤ ${r.tooLarge.limit}`,
        },
        Boolean(values.json),
        io,
      );
      return EXIT_BAD_INPUT;
    }
    if (values.json) {
      io.out(
        JSON.stringify(
          { text: r.text, latex: r.latex, unexplained: r.unexplained, via: r.via, k: parsed.tree.k },
          null,
          2,
        ),
      );
    } else {
      io.out(r.text);
      io.out(`LaTeX: ${r.latex}`);
      if (r.unexplained > 0) io.out(`(${r.unexplained} eml node${r.unexplained === 1 ? '' : 's'} left unexplained)`);
    }
    return 0;
  },
};
