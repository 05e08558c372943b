/**
 * A link that reproduces the run: data (inline, or its generator when large), mapping, split, subsample and settings.
 * A link that could not be opened again is never made: a pasted table too large to travel inline (about 1 MB of
 * text compresses past the codec's limit, and compressing it would block the page) is refused with what to do.
 */
import { useState } from 'react';
import { encodeRun, MAX_ENCODED, type RunState } from '../../fit/runCodec.ts';
import { runStateOf, useFit } from '../../store/fitStore.ts';

/** Inline tables longer than this are not compressed into a link (lz-string needs ~0.3 s per MB here). */
const MAX_LINK_TEXT = 400_000;

/** The run's `#fit/…` hash, or null when the data is too large for a link that could be opened again. */
export function runHash(run: RunState): string | null {
  if (run.data.kind === 'inline' && run.data.text.length > MAX_LINK_TEXT) return null;
  const encoded = encodeRun(run);
  // A search result too large for a link is left out: the link then opens on the data, and Play reproduces it.
  if (encoded.length > MAX_ENCODED && run.search) return runHash({ ...run, search: undefined });
  return encoded.length > MAX_ENCODED ? null : `#fit/${encoded}`;
}

export function ShareLink() {
  const [link, setLink] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const make = () => {
    const s = useFit.getState();
    const p = s.prepared;
    const mapping = p.ok ? p.mapping : (s.mapping ?? { output: 1, inputs: [0], weights: null });
    const run = runStateOf(s, mapping);
    setLink(null);
    const hash = runHash(run);
    if (!hash)
      return setProblem(
        `The table (${s.text.length.toLocaleString('en')} characters) is too large to travel in a link, which could not be opened again. Share the file instead, or export the run JSON from the result.`,
      );
    setProblem(null);
    history.replaceState(null, '', hash);
    setLink(location.href);
    void navigator.clipboard?.writeText(location.href).catch(() => undefined);
  };
  return (
    <div className="share">
      <button type="button" onClick={make}>
        Share this run (link)
      </button>
      {problem && (
        <p className="notice" role="status">
          {problem}
        </p>
      )}
      {link && (
        <label className="field">
          Share link (copied)
          <input type="text" readOnly value={link} onFocus={(e) => e.target.select()} />
        </label>
      )}
    </div>
  );
}
