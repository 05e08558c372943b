import { topoOrder } from '../../eml/ast.ts';
import { metrics } from '../../eml/metrics.ts';
import { evaluate, EvaluationError, trace, pathTo } from '../../eml/evaluate/interpreter.ts';
import { isSemantics, SEMANTICS } from '../../eml/evaluate/semantics.ts';
import { FLAG_INFO, type NodeFlag } from '../../eml/evaluate/flags.ts';
import type { Complex } from '../../eml/evaluate/complex.ts';
import { EXIT_BAD_INPUT, UsageError, type Command } from '../command.ts';
import { formatComplex, jsonComplex, parseValue } from '../../eml/format.ts';
import { parseInput } from '../input.ts';

export const evalCommand: Command = {
  name: 'eval',
  summary: 'evaluate an EML expression at a point',
  readsExpression: true,
  usage: 'eval <expr> [--x v] [--y v] [--var name=v ...] [--mode complex|real-extended|finite] [--json]',
  options: {
    x: { type: 'string' },
    y: { type: 'string' },
    var: { type: 'string', multiple: true },
    mode: { type: 'string', default: 'complex' },
    json: { type: 'boolean', default: false },
    syntax: { type: 'string' },
  },
  run(positionals, values, io) {
    const mode = String(values.mode);
    if (!isSemantics(mode)) throw new UsageError(`--mode must be one of ${SEMANTICS.join(', ')}, not "${mode}"`);
    const parsed = parseInput(positionals, values, io);
    if (!parsed) return EXIT_BAD_INPUT;
    const { tree } = parsed;
    // No prototype, so --var __proto__=1 is an ordinary own entry and lookups never reach Object.prototype.
    const env: Record<string, Complex> = Object.create(null);
    if (values.x !== undefined) env.x = parseValue(String(values.x));
    if (values.y !== undefined) env.y = parseValue(String(values.y));
    for (const assignment of (values.var as unknown as string[] | undefined) ?? []) {
      const eq = assignment.indexOf('=');
      if (eq <= 0) throw new UsageError(`--var takes name=value, not "${assignment}"`);
      env[assignment.slice(0, eq)] = parseValue(assignment.slice(eq + 1));
    }
    const m = metrics(tree);
    const missing = m.variables.filter((v) => !Object.hasOwn(env, v));
    if (missing.length > 0) {
      throw new UsageError(
        `no value for ${missing.join(', ')}: pass ${missing.map((v) => (v === 'x' || v === 'y' ? `--${v} <value>` : `--var ${v}=<value>`)).join(' ')}`,
      );
    }
    const t = trace(tree, env, mode);
    const byId = new Map(topoOrder(tree).map((n) => [n.id, n]));
    const flagged: Array<{ path: string; flags: NodeFlag[] }> = [];
    for (const [id, nodeTrace] of t.nodes) {
      if (nodeTrace.flags.length === 0) continue;
      flagged.push({ path: pathTo(tree, byId.get(id)!) ?? '', flags: [...nodeTrace.flags] });
    }
    let error: string | null = null;
    try {
      evaluate(tree, env, mode);
    } catch (e) {
      if (!(e instanceof EvaluationError)) throw e;
      error = e.message;
    }
    if (values.json) {
      io.out(
        JSON.stringify(
          { value: jsonComplex(t.value), k: m.k, depth: m.depth, semantics: mode, error, flags: flagged },
          null,
          2,
        ),
      );
    } else {
      io.out(`value: ${formatComplex(t.value)}`);
      io.out(`K: ${m.k}   depth: ${m.depth}   semantics: ${mode}`);
      if (error) io.out(`error: ${error}`);
      for (const f of flagged)
        io.out(`flag at ${f.path || 'root'}: ${f.flags.map((x) => `${FLAG_INFO[x].label}`).join(', ')}`);
    }
    return error ? 1 : 0;
  },
};
