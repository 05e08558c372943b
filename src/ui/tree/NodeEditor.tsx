/**
 * Editing the selected node. Every action builds a replacement subtree with the core's constructors and goes
 * through the store's `editNode`, so it is one undoable step and every view updates from the same document.
 * Typed text is never thrown away: a parse error is shown at its position next to the text that caused it.
 */
import { useId, useState } from 'react';
import { eml, invalidVariableReason, nodeAt, ONE, variable, type EmlNode } from '../../eml/ast.ts';
import { readInput } from '../../eml/input.ts';
import { EmlSyntaxError } from '../../eml/syntax/index.ts';
import { selectTree, usePlayground } from '../../store/store.ts';
import { ParseErrorView } from '../ParseErrorView.tsx';
import { describePath } from './NodeTooltip.tsx';
import { blockTree, readSavedBlocks, removeBlock, saveBlock, type SavedBlock } from './savedBlocks.ts';

export function NodeEditor() {
  const tree = usePlayground(selectTree);
  const path = usePlayground((s) => s.selectedPath);
  const compileMode = usePlayground((s) => s.doc.compileMode);
  const clean = usePlayground((s) => s.doc.clean);
  const editNode = usePlayground((s) => s.editNode);
  const [varName, setVarName] = useState('x');
  const [text, setText] = useState('');
  const [textError, setTextError] = useState<EmlSyntaxError | string | null>(null);
  const [blockName, setBlockName] = useState('');
  const [saved, setSaved] = useState<SavedBlock[]>(() => readSavedBlocks());
  const [message, setMessage] = useState<string | null>(null);
  const uid = useId();
  const node = tree && path !== null ? nodeAt(tree, path) : undefined;

  if (!tree || path === null || !node) {
    return (
      <section className="node-editor" aria-labelledby={`${uid}-h`}>
        <h3 id={`${uid}-h`}>Edit node</h3>
        <p className="help">
          Select a node (click it, or press Space on the focused node) to replace, wrap or delete it.
        </p>
      </section>
    );
  }

  const replace = (replacement: EmlNode, what: string) => {
    editNode(path, replacement);
    setMessage(`${what}. Undo with Ctrl+Z.`);
  };
  const varProblem = invalidVariableReason(varName.trim());
  const applyText = () => {
    const reading = readInput(text, { kind: 'auto', compileMode, clean });
    if (!reading.ok) {
      setTextError(reading.error);
      return;
    }
    setTextError(null);
    replace(reading.tree, 'Replaced with the typed text');
  };
  const errorId = `${uid}-err`;

  return (
    <section className="node-editor" aria-labelledby={`${uid}-h`}>
      <h3 id={`${uid}-h`}>
        Edit node at {describePath(path)} <span className="muted">(K {node.k})</span>
      </h3>
      <div className="editor-row" role="group" aria-label="Replace">
        <button type="button" onClick={() => replace(ONE, 'Replaced with 1')}>
          Replace with 1
        </button>
        <button type="button" onClick={() => replace(eml(ONE, ONE), 'Replaced with eml(1, 1)')}>
          Replace with eml(1, 1)
        </button>
        <label htmlFor={`${uid}-var`}>Variable name</label>
        <input
          id={`${uid}-var`}
          className="short-input"
          value={varName}
          spellCheck={false}
          aria-invalid={varProblem !== null}
          aria-describedby={varProblem ? `${uid}-varerr` : undefined}
          onChange={(e) => setVarName(e.currentTarget.value)}
        />
        <button
          type="button"
          disabled={varProblem !== null}
          onClick={() => replace(variable(varName.trim()), `Replaced with ${varName.trim()}`)}
        >
          Replace with variable
        </button>
        {varProblem && (
          <span id={`${uid}-varerr`} className="field-error">
            {varProblem}
          </span>
        )}
      </div>
      <div className="editor-row">
        {/* Not "expression": the page's main textbox owns that accessible name. */}
        <label htmlFor={`${uid}-expr`}>Replacement (EML or math)</label>
        <input
          id={`${uid}-expr`}
          className="expr-input"
          value={text}
          spellCheck={false}
          placeholder="eml(x, 1) or x - 1"
          aria-invalid={textError !== null}
          aria-describedby={textError ? errorId : undefined}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && applyText()}
        />
        <button type="button" disabled={text.trim() === ''} onClick={applyText}>
          Replace with typed
        </button>
      </div>
      {textError instanceof EmlSyntaxError ? (
        <ParseErrorView id={errorId} source={text} error={textError} />
      ) : textError ? (
        <p id={errorId} className="field-error" role="alert">
          {textError}
        </p>
      ) : null}
      <div className="editor-row" role="group" aria-label="Restructure">
        <button type="button" onClick={() => replace(eml(node, ONE), 'Wrapped in exp')}>
          Wrap in exp
        </button>
        <button type="button" onClick={() => replace(eml(ONE, node), 'Wrapped in eml(1, ·)')}>
          Wrap in eml(1, ·)
        </button>
        <button
          type="button"
          disabled={node.kind !== 'eml'}
          onClick={() => node.kind === 'eml' && replace(eml(node.right, node.left), 'Swapped children')}
        >
          Swap children
        </button>
        <button type="button" disabled={node.kind === 'one'} onClick={() => replace(ONE, 'Deleted the subtree')}>
          Delete subtree
        </button>
      </div>
      <details className="saved-blocks">
        <summary>Saved blocks ({saved.length})</summary>
        <div className="editor-row">
          <label htmlFor={`${uid}-bname`}>Block name</label>
          <input
            id={`${uid}-bname`}
            className="short-input"
            value={blockName}
            maxLength={40}
            onChange={(e) => setBlockName(e.currentTarget.value)}
          />
          <button
            type="button"
            onClick={() => {
              const { list, error } = saveBlock(blockName, node);
              setSaved(list);
              setMessage(error ?? `Saved “${blockName.trim()}”.`);
            }}
          >
            Save this subtree as a block
          </button>
        </div>
        {saved.length > 0 && (
          <ul className="saved-list">
            {saved.map((b) => (
              <li key={b.name}>
                <button
                  type="button"
                  onClick={() => {
                    const t = blockTree(b);
                    if (t) replace(t, `Inserted “${b.name}”`);
                    else setMessage(`“${b.name}” no longer reads as EML.`);
                  }}
                >
                  Insert {b.name}
                </button>{' '}
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Remove saved block ${b.name}`}
                  onClick={() => setSaved(removeBlock(b.name))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
      </details>
      <p className="editor-status" role="status">
        {message}
      </p>
    </section>
  );
}
