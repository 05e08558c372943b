/**
 * The details of the construction last hovered or focused on the map: its template, K in each mode (worded with
 * the mode, as everywhere in the app), what it uses and what uses it (each a button that moves to that node), and
 * the two ways to open it: in the playground, or the tour step that explains it.
 */
import type { MapNode } from '../../eml/compiler/constructionGraphWire.ts';
import { kWording, SIZE_MODES, type KByMode } from '../../eml/compiler/kWording.ts';
import { tourStepOf } from './mapModel.ts';
import { openInPlayground } from './openConstruction.ts';

function NodeList({
  ids,
  byId,
  onPick,
  label,
}: {
  ids: readonly string[];
  byId: ReadonlyMap<string, MapNode>;
  onPick: (id: string) => void;
  label: string;
}) {
  if (ids.length === 0) return <p className="map-none">{label}: nothing.</p>;
  return (
    <div className="map-list">
      <span>{label}:</span>
      <ul aria-label={label}>
        {ids.map((id) => (
          <li key={id}>
            <button type="button" className="link-button" onClick={() => onPick(id)}>
              {byId.get(id)?.title ?? id}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function MapDetails({
  node,
  byId,
  sizes,
  onPick,
}: {
  node: MapNode | null;
  byId: ReadonlyMap<string, MapNode>;
  /** K of its value per compile mode, once computed. */
  sizes: KByMode | undefined;
  onPick: (id: string) => void;
}) {
  if (!node)
    return (
      <aside className="map-details" aria-label="Construction details">
        <p className="map-none">Hover or focus a construction to see what it uses and what uses it.</p>
      </aside>
    );
  const step = tourStepOf(node.id);
  // Worded from paper mode's K where paper mode compiles the value (the tour's convention), else the first that does.
  const operands = node.kind === 'rule' ? ['x', 'y'].filter((v) => new RegExp(`\\b${v}\\b`).test(node.math)) : [];
  const own = sizes && SIZE_MODES.find((m) => sizes[m] !== null);
  const modes =
    node.kind === 'lowering'
      ? "Paper mode lowers it through its exp/log form (the compiler's lowering table): it has no rule of its own."
      : node.modes.length === 0
        ? 'recognised by the decompiler; no compile mode emits it'
        : `emitted by ${node.modes.map((m) => (m === 'compact' ? 'the robust and shortest modes' : 'paper mode')).join(' and ')}`;
  return (
    <aside className="map-details" aria-label="Construction details" aria-live="polite">
      <h3>
        {node.title} <code>{node.id}</code>
      </h3>
      {node.formula && (
        <p>
          {node.kind === 'lowering' ? 'Exp/log form' : 'Template'}: <code>{node.formula}</code>
        </p>
      )}
      <p>
        {node.kind === 'lowering' ? "Paper mode's tree of " + node.math : 'This construction'}: K {node.k}
        {operands.length > 0
          ? ` with the variable${operands.length > 1 ? 's' : ''} ${operands.join(', ')} as operands`
          : ''}
        .
      </p>
      {sizes && own && (
        <p>
          The value <code>{node.math}</code> compiled: {kWording(sizes[own]!, [own], sizes)}.
        </p>
      )}
      <p className="map-modes-note">{node.kind === 'lowering' ? modes : `Rule ${modes}.`}</p>
      <NodeList ids={node.dependsOn} byId={byId} onPick={onPick} label="Uses" />
      <NodeList ids={node.usedBy} byId={byId} onPick={onPick} label="Used by" />
      <div className="button-row">
        <button type="button" className="primary" onClick={() => openInPlayground(node)}>
          Open {node.id} in the playground
        </button>
        {step && (
          <a className="map-tour-link" href={`#tour/${step.id}`}>
            Tour step: {step.title}
          </a>
        )}
      </div>
    </aside>
  );
}
