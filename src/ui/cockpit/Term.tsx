/**
 * A word of jargon with its one-line explanation: the word, and a small "?" disclosure that shows the line
 * (keyboard and screen-reader reachable; the button's description carries the line too).
 */
import { useId, useState } from 'react';

export function Term({ word, explain }: { word: string; explain: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <span className="jargon">
      {word}
      <button
        type="button"
        className="jargon-q"
        aria-expanded={open}
        aria-controls={id}
        aria-label={`What is “${word}”?`}
        title={explain}
        onClick={() => setOpen(!open)}
      >
        ?
      </button>
      <span id={id} className="jargon-explain" role="note" hidden={!open}>
        {explain}
      </span>
    </span>
  );
}
