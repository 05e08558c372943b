/**
 * Details of the hovered (or keyboard-focused, or selected) node: its subtree's value at the current x, y from the
 * core's trace, its meaning from the decompiler, its size and its flags with their explanations. A side panel
 * rather than a floating tooltip, so it can be read at leisure, zoomed, and reached by keyboard users.
 */
import { DocRefText } from '../docs/DocRefText.tsx';
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { memo, useMemo } from 'react';
import { nodeAt, type EmlNode } from '../../eml/ast.ts';
import type { DecompileResult } from '../../eml/decompiler/decompile.ts';
import { nodeReading } from '../../store/views.ts';
import { FLAG_INFO, type NodeFlag } from '../../eml/evaluate/flags.ts';
import type { Trace } from '../../eml/evaluate/interpreter.ts';
import { formatComplex } from '../../eml/format.ts';
import type { BlockInfo } from '../../eml/decompiler/blocks.ts';

/** Beyond these sizes the panel shows less rather than stall the hover. */
const MAX_DECOMPILE_K = 50_000;
const MAX_LATEX = 3000;

const meaningOf = (node: EmlNode): DecompileResult | null => (node.k > MAX_DECOMPILE_K ? null : nodeReading(node));

/** "root", or the walk from the root in words: "exp side › ln side". */
export function describePath(path: string): string {
  if (path === '') return 'the root';
  const steps = [...path].map((s) => (s === 'L' ? 'exp' : 'ln'));
  return steps.length > 6 ? `${steps.length} steps down: … ${steps.slice(-4).join(' › ')}` : steps.join(' › ');
}

export interface NodeTooltipProps {
  id: string;
  tree: EmlNode;
  path: string | null;
  trace: Trace | null;
  /** Why there is no trace (e.g. a variable without a value). */
  traceError: string | null;
  x: number;
  y: number;
  /** The named block standing at `path`, if any. */
  block: BlockInfo | null;
  /** Flags to show (for a collapsed block, those of its hidden nodes too). */
  flags: readonly NodeFlag[];
}

export const NodeTooltip = memo(function NodeTooltip({
  id,
  tree,
  path,
  trace,
  traceError,
  x,
  y,
  block,
  flags,
}: NodeTooltipProps) {
  const node = path === null ? undefined : nodeAt(tree, path);
  const meaning = useMemo(() => (node ? meaningOf(node) : null), [node]);
  const html = useMemo(() => {
    if (!meaning || meaning.latex.length > MAX_LATEX) return null;
    // trust: false keeps \href, \url and friends inert; throwOnError: false shows bad input instead of crashing.
    return katex.renderToString(meaning.latex, { trust: false, throwOnError: false, output: 'htmlAndMathml' });
  }, [meaning]);
  if (path === null || !node) {
    return (
      <aside id={id} className="node-details" aria-label="Node details">
        <p className="help">Hover or focus a node to see its value, meaning and flags.</p>
      </aside>
    );
  }
  const value = trace?.nodes.get(node.id)?.value;
  return (
    <aside id={id} className="node-details" aria-label="Node details" aria-live="polite">
      <h3>
        Node at {describePath(path)}
        {block ? <span className="block-name"> · {block.name} block</span> : null}
      </h3>
      <dl>
        <dt>
          Value at x = {x}, y = {y}
        </dt>
        <dd data-testid="node-value">{value ? formatComplex(value) : (traceError ?? '—')}</dd>
        <dt>Meaning</dt>
        <dd data-testid="node-meaning">
          {meaning ? (
            html ? (
              <span className="node-math">
                {/* KaTeX output (trust: false) is the only markup injected; the plain text follows for copying. */}
                <span dangerouslySetInnerHTML={{ __html: html }} />
                <code className="node-math-text">
                  {meaning.text.length > 400 ? `${meaning.text.slice(0, 400)}…` : meaning.text}
                </code>
              </span>
            ) : (
              <code>{meaning.text.length > 400 ? `${meaning.text.slice(0, 400)}…` : meaning.text}</code>
            )
          ) : (
            'too large to decompile here'
          )}
        </dd>
        <dt>Size</dt>
        <dd>
          K <span data-testid="node-k">{node.k}</span>, depth {node.depth}
        </dd>
        {block && (
          <>
            <dt>Recognised as</dt>
            <dd>
              {block.name}{' '}
              <span className="muted">
                (<DocRefText text={block.source} />)
              </span>
            </dd>
          </>
        )}
      </dl>
      {flags.length > 0 && (
        <ul className="flag-list" aria-label="Flags">
          {flags.map((f) => (
            <li key={f} data-flag={f}>
              <strong>{FLAG_INFO[f].label}</strong>: {FLAG_INFO[f].explanation}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
});
