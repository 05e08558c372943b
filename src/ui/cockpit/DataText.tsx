/**
 * The data table's text box. Up to LARGE_TEXT_CHARS it is an ordinary textarea. A larger table is not put in the
 * textarea: laying out a textarea costs about 0.5 ms per kilobyte here (127 ms for a 260 KB table of 10 000 columns,
 * seconds for a 50 MB file), all on the main thread. Instead the box shows a bounded excerpt (its first lines, each
 * cut short) with its size, an empty textarea to paste a replacement into, and a button to edit the full text anyway.
 */
import { useState } from 'react';

export const LARGE_TEXT_CHARS = 100_000;
const EXCERPT_LINES = 12;
const EXCERPT_LINE_CHARS = 120;

/** The first lines of `text`, each cut to EXCERPT_LINE_CHARS; reads only as far as it shows. */
export function textExcerpt(text: string): string {
  const out: string[] = [];
  let at = 0;
  while (out.length < EXCERPT_LINES && at < text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(at, Math.min(end, at + EXCERPT_LINE_CHARS)).replace(/\r$/, '');
    out.push(end - at > EXCERPT_LINE_CHARS ? `${line}… (${(end - at).toLocaleString('en')} characters)` : line);
    at = end + 1;
  }
  return out.join('\n');
}

interface Props {
  id: string;
  text: string;
  invalid: boolean;
  describedBy: string | undefined;
  onText: (text: string) => void;
}

export function DataText({ id, text, invalid, describedBy, onText }: Props) {
  const [fullFor, setFullFor] = useState<string | null>(null);
  const large = text.length > LARGE_TEXT_CHARS && fullFor !== text;
  if (!large) {
    return (
      <textarea
        id={id}
        className="data-text"
        value={text}
        spellCheck={false}
        rows={8}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(e) => onText(e.target.value)}
      />
    );
  }
  return (
    <div className="data-text-large" data-testid="data-text-large">
      <p className="help" role="status">
        A large table is loaded ({text.length.toLocaleString('en')} characters). Its first lines are shown below, cut
        short, so the page stays responsive; it is read, saved and fitted in full.
      </p>
      <pre className="data-excerpt" aria-label="Excerpt of the loaded table">
        {textExcerpt(text)}
      </pre>
      <textarea
        id={id}
        className="data-text"
        value=""
        rows={3}
        spellCheck={false}
        placeholder="Paste a new table here to replace the loaded one"
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(e) => e.target.value && onText(e.target.value)}
      />
      <button type="button" onClick={() => setFullFor(text)}>
        Edit the full text (slow for very large tables)
      </button>
    </div>
  );
}
