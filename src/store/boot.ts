/**
 * Boot-failure detection. A mark is written before the app renders and cleared once it has rendered and stayed
 * up for a moment; a mark still there at the next load means the last boot never got that far (an exception
 * outside every boundary, a hang the user gave up on, a tab killed for memory). Then the app starts with the
 * default view and offers the saved state as text, instead of loading the same state and failing again.
 *
 * The mark lives in sessionStorage: it is per tab and survives a reload, so another tab booting at the same
 * moment is never mistaken for a failed boot of this one.
 */
export const BOOT_MARK_KEY = 'eml-playground/booting/v1';
/**
 * How long the app must stay up after its first commit before the boot counts as successful. Large trees are
 * drawn in tasks queued right after that commit (src/ui/budgets.ts); they run before this timer can fire, so a
 * restored state that hangs them keeps the mark.
 */
export const BOOT_SETTLE_MS = 500;

type MarkStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Whether the previous boot in this tab failed; then marks this boot as under way. Never throws. */
export function beginBoot(storage: MarkStorage | null, now = Date.now()): { lastBootFailed: boolean } {
  if (!storage) return { lastBootFailed: false };
  let lastBootFailed: boolean;
  try {
    lastBootFailed = storage.getItem(BOOT_MARK_KEY) !== null;
  } catch {
    return { lastBootFailed: false };
  }
  try {
    storage.setItem(BOOT_MARK_KEY, String(now));
  } catch {
    // Storage full or disabled: the boot proceeds without the safety net.
  }
  return { lastBootFailed };
}

/** The app rendered and stayed up: the next load may restore the saved state again. */
export function endBoot(storage: MarkStorage | null): void {
  try {
    storage?.removeItem(BOOT_MARK_KEY);
  } catch {
    // Nothing to do: a stale mark only costs one recovery notice.
  }
}
