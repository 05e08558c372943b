/**
 * The app-level notices: saved state handed back as text after it could not be loaded, a failed autosave with a
 * download of the work, and errors caught outside every view. Each says what happened and what to do.
 */
import { useId, useState } from 'react';
import { autosaveJson, useAutosaveStatus, type Recovery } from '../store/persistence.ts';
import { usePlayground } from '../store/store.ts';
import { downloadBlob } from './export/svgExport.ts';
import { useBackgroundError } from './globalErrors.ts';

/** Characters of recovered text put in the read-only box; the download always has all of it. */
const SHOWN_LIMIT = 100_000;

function RecoveryItem({ item }: { item: Recovery }) {
  const id = useId();
  const [copied, setCopied] = useState<string>('');
  const label = item.source === 'link' ? 'The link that was being opened' : 'The saved work (autosave JSON)';
  const shown =
    item.text.length > SHOWN_LIMIT
      ? `${item.text.slice(0, SHOWN_LIMIT)}\n… (${item.text.length - SHOWN_LIMIT} more characters in the download)`
      : item.text;
  const copy = () =>
    navigator.clipboard
      ?.writeText(item.text)
      .then(() => setCopied('Copied.'))
      .catch(() => setCopied('The clipboard is not available: select the text and copy it by hand.'));
  return (
    <div className="recovery-item">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} readOnly rows={4} value={shown} className="recovery-text" />
      <div className="region-failed-actions">
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
        <button
          type="button"
          onClick={() =>
            downloadBlob(
              new Blob([item.text], { type: 'text/plain' }),
              item.source === 'link' ? 'eml-playground-link.txt' : 'eml-playground-autosave.json',
            )
          }
        >
          Download
        </button>
        <span role="status">{copied}</span>
      </div>
    </div>
  );
}

export function StartNotice({ notice, recovery }: { notice: string | null; recovery: readonly Recovery[] }) {
  const [open, setOpen] = useState(true);
  if (!notice || !open) return null;
  return (
    <div className="notice" role="alert" aria-label="Start-up notice">
      <p>{notice}</p>
      {recovery.map((item) => (
        <RecoveryItem key={item.source} item={item} />
      ))}
      <button type="button" onClick={() => setOpen(false)}>
        Dismiss
      </button>
    </div>
  );
}

function downloadWork(): void {
  const { doc, draft } = usePlayground.getState();
  downloadBlob(new Blob([autosaveJson({ doc, draft })], { type: 'application/json' }), 'eml-playground-work.json');
}

export function AutosaveNotice() {
  const message = useAutosaveStatus((s) => s.message);
  return (
    <div className="autosave-status" role="status" aria-live="polite">
      {message && (
        <p className="notice">
          {message}{' '}
          <button type="button" onClick={downloadWork}>
            Download your work
          </button>
        </p>
      )}
    </div>
  );
}

export function BackgroundErrorNotice() {
  const error = useBackgroundError((s) => s.error);
  const dismiss = useBackgroundError((s) => s.dismiss);
  if (!error) return null;
  return (
    <p className="notice" role="status">
      Something failed in the background{error.count > 1 ? ` (${error.count} times)` : ''}: {error.message}. The app
      keeps working.{' '}
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </p>
  );
}
