import type { EmlSyntaxError } from '../eml/syntax/index.ts';

/** Longest message or hint shown: the core bounds its messages, this bounds anything else that reaches here. */
const LIMIT = 300;
const MARK_LIMIT = 80;
const clip = (s: string) => (s.length > LIMIT ? `${s.slice(0, LIMIT)}…` : s);

/** A parse error with the offending span of the user's text underlined; the text itself is never lost or rewritten. */
export function ParseErrorView({ id, source, error }: { id: string; source: string; error: EmlSyntaxError }) {
  const start = Math.min(error.offset, source.length);
  // The underline itself is bounded too: a 50 000-character name is one error span.
  const end = Math.min(source.length, start + Math.max(1, Math.min(error.length, MARK_LIMIT)));
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  const lineEndRaw = source.indexOf('\n', start);
  const lineEnd = lineEndRaw === -1 ? source.length : lineEndRaw;
  // Long lines are clipped around the error so the message stays readable.
  const from = Math.max(lineStart, start - 60);
  const to = Math.min(lineEnd, Math.max(end, start + 60));
  return (
    <div id={id} className="parse-error" role="alert">
      <p>
        <strong>
          Line {error.line}, column {error.column}:
        </strong>{' '}
        {clip(error.message)}
      </p>
      <pre className="error-context">
        {from > lineStart ? '…' : ''}
        {source.slice(from, start)}
        <mark>{source.slice(start, end) || ' '}</mark>
        {source.slice(end, to)}
        {to < lineEnd || end < start + error.length ? '…' : ''}
      </pre>
      {error.hint && <p className="hint">Hint: {clip(error.hint)}</p>}
    </div>
  );
}
