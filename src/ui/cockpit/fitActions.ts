/**
 * What the cockpit's controls do for the chosen method (fitSettings.ts methodFor): the formula search (the fit
 * store's search slice) or the gradient trainer (controller.ts). Event handlers only; nothing here is read in render.
 */
import { methodFor } from '../../fit/fitSettings.ts';
import { useFit } from '../../store/fitStore.ts';
import type { SearchProblemSpec } from '../../workers/protocol.ts';
import { controller } from './controller.ts';

/** The current method: search or gradient training. */
export function currentMethod(): 'search' | 'gradient' {
  const s = useFit.getState();
  return methodFor(s.settings, s.source);
}

/**
 * The problem the search reads (table text, output and inputs as 1-based columns, split, the stated precision), or
 * why there is none. A stated noise level takes the place of stated digits (the verdict card accepts only one).
 */
export function searchSpecNow(
  noise = useFit.getState().settings.noise,
  digits = useFit.getState().settings.digits,
): SearchProblemSpec | string {
  const s = useFit.getState();
  const p = s.prepared;
  if (!p.ok)
    return p.stage === 'reading'
      ? 'The table is still being read; press Play again in a moment.'
      : `The data cannot be fitted yet: ${p.errors[0] ?? 'fix the table first'}.`;
  return {
    text: s.text,
    target: String(p.mapping.output + 1),
    inputs: p.mapping.inputs.map((i) => String(i + 1)),
    validationFraction: s.validation,
    splitSeed: s.splitSeed,
    noise,
    ...(noise === null && digits !== null ? { digits } : {}),
    ...(p.mapping.weights !== null ? { weights: String(p.mapping.weights + 1) } : {}),
  };
}

export function startSearchNow(): void {
  const s = useFit.getState();
  if (s.search.status === 'running' || s.search.status === 'finishing') return;
  const spec = searchSpecNow();
  if (typeof spec === 'string') return s.patchSearch({ status: 'error', message: spec });
  void s.startSearch(spec, { seed: s.settings.seed, budgetS: s.settings.budgetS });
}

export const fitActions = {
  play(): void {
    if (currentMethod() === 'search') startSearchNow();
    else controller.playPause();
  },
  step(): void {
    if (currentMethod() === 'gradient') controller.step();
  },
  stop(): void {
    if (currentMethod() === 'search') useFit.getState().stopSearch();
    else controller.stop();
  },
  reset(): void {
    if (currentMethod() === 'search') useFit.getState().resetSearch();
    else controller.reset();
  },
};
