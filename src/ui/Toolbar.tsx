import { useEffect, useState } from 'react';
import { DEFAULT_DOCUMENT } from '../store/document.ts';
import { usePlayground } from '../store/store.ts';
import { documentToHash } from '../store/urlCodec.ts';
import { setViewFlag } from './useRoute.ts';

/** Longest expression put in a share link: longer ones make links that browsers and urlCodec refuse to open. */
const SHARE_MAX_TEXT = 100_000;

const isTextField = (el: Element | null) =>
  el instanceof HTMLTextAreaElement ||
  (el instanceof HTMLInputElement && !['checkbox', 'radio', 'range', 'button'].includes(el.type));

/** Undo/redo, share and reset, with the usual shortcuts (text fields keep their own undo). */
export function Toolbar() {
  const canUndo = usePlayground((s) => s.past.length > 0);
  const canRedo = usePlayground((s) => s.future.length > 0);
  const { undo, redo } = usePlayground.getState();
  const [status, setStatus] = useState('');

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || isTextField(document.activeElement)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  const share = async () => {
    const { text } = usePlayground.getState().doc;
    if (text.length > SHARE_MAX_TEXT) {
      // Compressing it would hold the page for seconds, and the link would be too long to open (urlCodec's guard).
      setStatus(
        `This expression (${text.length} characters) is too long for a link: Export (JSON or EML text) keeps it whole.`,
      );
      return;
    }
    const url = `${location.origin}${location.pathname}${documentToHash(usePlayground.getState().doc)}`;
    history.replaceState(null, '', url);
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Link copied to the clipboard.');
    } catch {
      setStatus('The link is in the address bar (the clipboard is not available here).');
    }
  };
  const reset = () => {
    if (
      !window.confirm('Reset the playground to the default example? Your current expression stays in the undo history.')
    )
      return;
    usePlayground.getState().load(DEFAULT_DOCUMENT);
    setStatus('Reset to the default example.');
  };
  return (
    <div className="toolbar" role="toolbar" aria-label="Playground actions">
      <button type="button" onClick={undo} disabled={!canUndo} aria-keyshortcuts="Control+Z Meta+Z">
        Undo
      </button>
      <button type="button" onClick={redo} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z">
        Redo
      </button>
      <button type="button" onClick={share}>
        Share
      </button>
      <button type="button" onClick={reset}>
        Reset
      </button>
      <span className="status" role="status">
        {status}
      </span>
    </div>
  );
}

/**
 * The view toggle, on every screen: presenter mode (also `?present` in the URL) for a projector. Escape leaves it,
 * since its own button is the only chrome left on screen.
 */
export function ViewToolbar({ present }: { present: boolean }) {
  useEffect(() => {
    if (!present) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !isTextField(document.activeElement)) setViewFlag('present', false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [present]);
  return (
    <div className="toolbar view-toolbar" role="toolbar" aria-label="View">
      <button
        type="button"
        className="view-toggle"
        aria-pressed={present}
        aria-keyshortcuts={present ? 'Escape' : undefined}
        onClick={() => setViewFlag('present', !present)}
      >
        Presenter mode
      </button>
    </div>
  );
}
