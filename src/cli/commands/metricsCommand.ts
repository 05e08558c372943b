import { metrics } from '../../eml/metrics.ts';
import { EXIT_BAD_INPUT, type Command } from '../command.ts';
import { parseInput } from '../input.ts';

export const metricsCommand: Command = {
  name: 'metrics',
  summary: 'size measures of an EML expression: K, depth, leaves, nodes, variables, distinct subtrees',
  readsExpression: true,
  usage: 'metrics <expr> [--json]',
  options: { json: { type: 'boolean', default: false }, syntax: { type: 'string' } },
  run(positionals, values, io) {
    const parsed = parseInput(positionals, values, io);
    if (!parsed) return EXIT_BAD_INPUT;
    const m = metrics(parsed.tree);
    if (values.json) {
      io.out(JSON.stringify({ syntax: parsed.syntax, ...m }, null, 2));
      return 0;
    }
    io.out(`K: ${m.k}`);
    io.out(`depth: ${m.depth}`);
    io.out(`leaves: ${m.leaves}`);
    io.out(`eml nodes: ${m.emlNodes}`);
    io.out(`variables: ${m.variables.join(', ') || '(none)'}`);
    io.out(`distinct subtrees: ${m.distinctSubtrees} (${m.distinctEmlNodes} distinct eml nodes)`);
    return 0;
  },
};
