import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { readStartState, startAutosave } from './store/persistence.ts';
import { usePlayground } from './store/store.ts';
import { App } from './ui/App.tsx';
import './ui/app.css';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const start = readStartState(location.hash, storage());
usePlayground.getState().boot(start.doc, start.draft);
const store = storage();
if (store) startAutosave((listener) => usePlayground.subscribe((s) => listener({ doc: s.doc, draft: s.draft })), store);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App notice={start.notice} />
  </StrictMode>,
);
