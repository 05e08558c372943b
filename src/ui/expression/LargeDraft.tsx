/**
 * The Expression box for a draft over LARGE_DRAFT_CHARS. Such a text is not put in the textarea by default: the
 * browser lays out a textarea's whole text on the main thread (100–650 ms for 800 kB here, even unwrapped), so
 * pasting 1 MB would freeze the page whatever the app does. As the cockpit's DataText does for tables, the box shows
 * a bounded excerpt with the text's size, an empty box to paste a replacement into (it keeps the name "Expression"),
 * "Edit the full text" (the textarea, on request, accepting its layout cost) and "Download text". The text itself
 * stays in the store: it is read, applied and autosaved in full.
 */
import { downloadBlob } from '../export/svgExport.ts';
import './expression.css';
import { takeLargePaste } from './largePaste.ts';

const HEAD_CHARS = 240;
const TAIL_CHARS = 80;

/** The start and end of `text`, single-line; reads only what it shows. */
function draftExcerpt(text: string): { head: string; tail: string } {
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  if (text.length <= HEAD_CHARS + TAIL_CHARS) return { head: flat(text), tail: '' };
  return { head: flat(text.slice(0, HEAD_CHARS)), tail: flat(text.slice(text.length - TAIL_CHARS)) };
}

interface Props {
  id: string;
  draft: string;
  invalid: boolean;
  describedBy: string | undefined;
  onText: (text: string) => void;
  onEditFull: () => void;
}

export function LargeDraft({ id, draft, invalid, describedBy, onText, onEditFull }: Props) {
  const { head, tail } = draftExcerpt(draft);
  return (
    <div className="expression-large" data-testid="expression-large">
      <p className="help">
        A long expression is in the box ({draft.length.toLocaleString('en')} characters). Its start and end are shown,
        so the page stays responsive; it is read, applied and saved in full.
      </p>
      <pre className="expression-excerpt" aria-label="Excerpt of the long expression">
        {head}
        {tail && `\n… ${(draft.length - head.length - tail.length).toLocaleString('en')} characters …\n${tail}`}
      </pre>
      <textarea
        id={id}
        className="expression-input"
        value=""
        rows={2}
        spellCheck={false}
        autoComplete="off"
        placeholder="Paste or type a new expression here to replace the long one"
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onPaste={(e) => takeLargePaste(e, onText)}
        onChange={(e) => e.currentTarget.value && onText(e.currentTarget.value)}
      />
      <div className="field-row">
        <button type="button" onClick={onEditFull}>
          Edit the full text (slow for very long texts)
        </button>
        <button
          type="button"
          onClick={() => downloadBlob(new Blob([draft], { type: 'text/plain' }), 'eml-expression.txt')}
        >
          Download text
        </button>
      </div>
    </div>
  );
}
