import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { beginBoot, BOOT_SETTLE_MS, endBoot } from './store/boot.ts';
import { DEFAULT_DOCUMENT } from './store/document.ts';
import { readStartState, startAutosave } from './store/persistence.ts';
import { usePlayground } from './store/store.ts';
import { App } from './ui/App.tsx';
import { RegionBoundary } from './ui/ErrorBoundary.tsx';
import { installGlobalErrorListeners } from './ui/globalErrors.ts';
import { installTokens } from './ui/theme/tokens.ts';
import { viewFlags } from './ui/useRoute.ts';
import './ui/styles/base.css';
import './ui/styles/layout.css';
import './ui/styles/playground.css';

function storage(kind: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    return window[kind];
  } catch {
    return null;
  }
}

installGlobalErrorListeners();
installTokens();
// An embedded view (an iframe in slides) shows the link's document and leaves the reader's own session alone.
const embedded = viewFlags(location.search).embed;
const session = storage('sessionStorage');
const store = embedded ? null : storage('localStorage');
// Mark the boot before anything restored is touched; a mark left from last time means that boot failed.
const { lastBootFailed } = beginBoot(session);
const start = readStartState(location.hash, store, { lastBootFailed });
// The link being recovered is offered as text; leaving it in the address bar would open it again on reload.
if (start.recovery.some((r) => r.source === 'link'))
  history.replaceState(null, '', `${location.pathname}${location.search}`);
usePlayground.getState().boot(start.doc, start.draft);
if (store) {
  startAutosave(
    (listener) => usePlayground.subscribe((s) => listener({ doc: s.doc, draft: s.draft })),
    store,
    undefined,
    (flush) => {
      window.addEventListener('pagehide', flush);
      return () => window.removeEventListener('pagehide', flush);
    },
  );
}

/** Clears the boot mark once the app has rendered and stayed up; it sits inside the root boundary on purpose. */
function BootSettled() {
  useEffect(() => {
    const timer = setTimeout(() => endBoot(session), BOOT_SETTLE_MS);
    return () => clearTimeout(timer);
  }, []);
  return null;
}

// A failure outside every region's boundary still leaves a message and a way back, never a blank page.
const startOver = () => usePlayground.getState().boot(DEFAULT_DOCUMENT, usePlayground.getState().draft);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RegionBoundary name="EML Playground" onReset={startOver}>
      <BootSettled />
      <App notice={start.notice} recovery={start.recovery} />
    </RegionBoundary>
  </StrictMode>,
);
