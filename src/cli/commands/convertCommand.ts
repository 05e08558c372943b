import { writeTreeJson } from '../../eml/export/json.ts';
import { print, type PrintSyntax } from '../../eml/syntax/index.ts';
import { EXIT_BAD_INPUT, UsageError, type Command } from '../command.ts';
import { parseInput } from '../input.ts';

/** CLI names of the output forms; "eml" is the eml(a, b) call form, "json" the eml-tree document (export/json.ts). */
const TARGETS: Record<string, PrintSyntax | 'json'> = {
  eml: 'functional',
  mathematica: 'mathematica',
  rpn: 'rpn',
  latex: 'latex',
  tree: 'tree',
  json: 'json',
};

export const convertCommand: Command = {
  name: 'convert',
  summary: 'print an EML expression in another syntax',
  readsExpression: true,
  usage: `convert <expr> --to ${Object.keys(TARGETS).join('|')} [--json]`,
  options: { to: { type: 'string' }, json: { type: 'boolean', default: false }, syntax: { type: 'string' } },
  run(positionals, values, io) {
    const to = values.to === undefined ? undefined : String(values.to);
    if (!to || !(to in TARGETS)) throw new UsageError(`--to must be one of ${Object.keys(TARGETS).join(', ')}`);
    const parsed = parseInput(positionals, values, io);
    if (!parsed) return EXIT_BAD_INPUT;
    const target = TARGETS[to];
    const text = target === 'json' ? writeTreeJson(parsed.tree).trimEnd() : print(parsed.tree, target);
    io.out(
      values.json
        ? JSON.stringify({ from: parsed.syntax, to, text, k: parsed.tree.k, depth: parsed.tree.depth }, null, 2)
        : text,
    );
    return 0;
  },
};
