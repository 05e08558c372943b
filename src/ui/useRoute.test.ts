// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { routeOf, setViewFlag, viewFlags } from './useRoute.ts';

describe('view flags (?present, ?embed)', () => {
  it('reads a flag with no value or any value but an off word as on', () => {
    expect(viewFlags('')).toEqual({ present: false, embed: false });
    expect(viewFlags('?present')).toEqual({ present: true, embed: false });
    expect(viewFlags('?embed=1&present=yes')).toEqual({ present: true, embed: true });
    for (const off of ['0', 'false', 'OFF', 'no']) expect(viewFlags(`?present=${off}`).present).toBe(false);
  });

  it('toggles a flag in the address bar, keeping the other query parameters and the hash (the route)', () => {
    history.replaceState(null, '', '/?lang=en#tour/pi');
    let events = 0;
    window.addEventListener('eml-view-flags', () => events++);
    setViewFlag('present', true);
    expect(location.search).toBe('?lang=en&present');
    expect(location.hash).toBe('#tour/pi');
    expect(viewFlags(location.search).present).toBe(true);
    setViewFlag('present', false);
    expect(location.search).toBe('?lang=en');
    expect(routeOf(location.hash)).toEqual({ screen: 'tour', step: 'pi' });
    expect(events).toBe(2);
  });
});

describe('routes', () => {
  it('reads #map as the map of constructions, and anything else as before', () => {
    expect(routeOf('#map')).toEqual({ screen: 'map' });
    expect(routeOf('#map/x')).toEqual({ screen: 'playground' });
    expect(routeOf('#fit')).toEqual({ screen: 'fit', run: null });
    expect(routeOf('')).toEqual({ screen: 'playground' });
  });
});
