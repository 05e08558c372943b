import { useSyncExternalStore } from 'react';

/**
 * Which screen the URL hash asks for: the tour (`#tour` or `#tour/<step>`), the fitting cockpit (`#fit` or
 * `#fit/<encoded run>`), the map of constructions (`#map`) or the playground (anything else).
 */
export type Route =
  | { screen: 'playground' }
  | { screen: 'tour'; step: string | null }
  | { screen: 'fit'; run: string | null }
  | { screen: 'map' };

export function routeOf(hash: string): Route {
  if (hash === '#map') return { screen: 'map' };
  const f = /^#fit(?:\/(.*))?$/.exec(hash);
  if (f) return { screen: 'fit', run: f[1] || null };
  const m = /^#tour(?:\/([\w-]+))?$/.exec(hash);
  return m ? { screen: 'tour', step: m[1] ?? null } : { screen: 'playground' };
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => location.hash);
}

/**
 * How the page is shown, from the query string (it survives the hash changes of navigation and share links):
 * `?present` is presenter mode (large type, high contrast, no editing chrome, clicker keys step the tour);
 * `?embed` shows one view without chrome, for an iframe (the playground's tree and formula, or one tour step).
 * A flag is on when present with no value or with any value but 0 / false / off.
 */
export interface ViewFlags {
  readonly present: boolean;
  readonly embed: boolean;
}

const flagOn = (params: URLSearchParams, name: string) => {
  const v = params.get(name);
  return v !== null && !/^(0|false|off|no)$/i.test(v);
};

export function viewFlags(search: string): ViewFlags {
  const params = new URLSearchParams(search);
  return { present: flagOn(params, 'present'), embed: flagOn(params, 'embed') };
}

const FLAGS_EVENT = 'eml-view-flags';
const subscribeFlags = (onChange: () => void) => {
  window.addEventListener('popstate', onChange);
  window.addEventListener(FLAGS_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(FLAGS_EVENT, onChange);
  };
};

/** The query string, re-read when a flag is toggled (setViewFlag) or on back/forward. */
export function useViewFlags(): ViewFlags {
  const search = useSyncExternalStore(subscribeFlags, () => location.search);
  return viewFlags(search);
}

/** Turns a flag on or off in the address bar (replacing the entry: a toggle is not a page to go back to). */
export function setViewFlag(name: keyof ViewFlags, on: boolean): void {
  const params = new URLSearchParams(location.search);
  if (on) params.set(name, '');
  else params.delete(name);
  const query = params.toString().replace(/=(?=&|$)/g, '');
  history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  window.dispatchEvent(new Event(FLAGS_EVENT));
}
