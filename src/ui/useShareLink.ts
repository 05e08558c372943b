import { useEffect, useState } from 'react';
import { usePlayground } from '../store/store.ts';
import { decodeDocument, stateFromHash } from '../store/urlCodec.ts';

/**
 * A share link opened in a tab that already runs the app (pasted into the address bar, or clicked in a page of
 * the app) changes only the hash: read it as start-up does, load it when it reads, and say so when it does not,
 * instead of ignoring it. Returns the notice to show, or null.
 */
export function useShareLinkNotice(): [string | null, () => void] {
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    const onHash = () => {
      const encoded = stateFromHash(location.hash);
      if (encoded === null) return;
      const r = decodeDocument(encoded);
      if (r.ok) {
        usePlayground.getState().load(r.doc);
        setNotice(r.notice ? `The shared link was opened, but ${r.notice}.` : null);
      } else {
        setNotice(`The shared link could not be opened: ${r.error}. The playground is unchanged.`);
      }
      history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return [notice, () => setNotice(null)];
}
