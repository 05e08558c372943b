/**
 * Errors nothing else caught: an exception in an event handler, a timer or a rejected promise. React's boundaries
 * only see render and effect failures; these reach `window` instead. They are shown as one polite line (the app
 * keeps working) rather than left to the console, and the listener itself can never throw.
 */
import { create } from 'zustand';

export interface BackgroundError {
  message: string;
  count: number;
}

export const useBackgroundError = create<{ error: BackgroundError | null; dismiss: () => void }>()((set) => ({
  error: null,
  dismiss: () => set({ error: null }),
}));

const LIMIT = 300;

export function describeError(reason: unknown): string {
  let text: string;
  try {
    text =
      reason instanceof Error
        ? `${reason.name}: ${reason.message}`
        : typeof reason === 'string'
          ? reason
          : String(reason);
  } catch {
    text = 'an unknown error';
  }
  return text.length > LIMIT ? `${text.slice(0, LIMIT)}…` : text;
}

function reportBackgroundError(reason: unknown): void {
  try {
    const message = describeError(reason);
    const previous = useBackgroundError.getState().error;
    useBackgroundError.setState({ error: { message, count: (previous?.count ?? 0) + 1 } });
  } catch {
    // Reporting must never become a second failure.
  }
}

/** Listen on `target` (the window); returns the function that stops listening. */
export function installGlobalErrorListeners(
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
): () => void {
  const onError = (e: Event) => {
    // Resource load errors (an image, a script) have no `error`; they are not the app failing.
    const error = (e as ErrorEvent).error ?? (e as ErrorEvent).message;
    if (error !== undefined && error !== '') reportBackgroundError(error);
  };
  const onRejection = (e: Event) => reportBackgroundError((e as PromiseRejectionEvent).reason);
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
}
