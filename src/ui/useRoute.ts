import { useSyncExternalStore } from 'react';

/**
 * Which screen the URL hash asks for: the tour (`#tour` or `#tour/<step>`), the fitting cockpit (`#fit` or
 * `#fit/<encoded run>`) or the playground (anything else).
 */
export type Route =
  { screen: 'playground' } | { screen: 'tour'; step: string | null } | { screen: 'fit'; run: string | null };

export function routeOf(hash: string): Route {
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
