import { Fragment } from 'react';
import { Katex } from '../Katex.tsx';

/** Prose with inline TeX between $…$: the prose stays plain React text, only the TeX goes through KaTeX. */
export function TexText({ text }: { text: string }) {
  const parts = text.split('$');
  return (
    <>{parts.map((part, i) => (i % 2 === 1 ? <Katex key={i} tex={part} /> : <Fragment key={i}>{part}</Fragment>))}</>
  );
}
