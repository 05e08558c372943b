/** A link that reproduces the run: data (inline, or its generator when large), mapping, split, subsample and settings. */
import { useState } from 'react';
import { encodeRun } from '../../fit/runCodec.ts';
import { runStateOf, useFit } from '../../store/fitStore.ts';
import { preparedNow } from './controller.ts';

export function ShareLink() {
  const [link, setLink] = useState<string | null>(null);
  const make = () => {
    const s = useFit.getState();
    const p = preparedNow();
    const mapping = p.ok ? p.mapping : s.mapping ?? { output: 1, inputs: [0], weights: null };
    const hash = `#fit/${encodeRun(runStateOf(s, mapping))}`;
    history.replaceState(null, '', hash);
    setLink(location.href);
    void navigator.clipboard?.writeText(location.href).catch(() => undefined);
  };
  return (
    <div className="share">
      <button type="button" onClick={make}>
        Share this run (link)
      </button>
      {link && (
        <label className="field">
          Share link (copied)
          <input type="text" readOnly value={link} onFocus={(e) => e.target.select()} />
        </label>
      )}
    </div>
  );
}
