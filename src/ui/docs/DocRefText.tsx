import { Fragment } from 'react';
import { DOC_REF } from '../../docs/anchors.ts';
import { docHref, docLabel } from '../../docs/pages.ts';

/**
 * A source note such as "docs/constructions.md#primitives (case 21)" as the reader sees it: each docs reference
 * becomes a link into the app's #docs view, labelled with the page and heading titles; the rest stays text.
 */
export function DocRefText({ text }: { text: string }) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(DOC_REF)) {
    const at = m.index;
    if (at > last) parts.push(<Fragment key={`t${at}`}>{text.slice(last, at)}</Fragment>);
    parts.push(
      <a key={`a${at}`} href={docHref(m[1], m[2])}>
        {docLabel(m[1], m[2])}
      </a>,
    );
    last = at + m[0].length;
  }
  if (last < text.length) parts.push(<Fragment key="end">{text.slice(last)}</Fragment>);
  return <>{parts}</>;
}
