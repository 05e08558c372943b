/**
 * A paste that would make the draft long (over LARGE_DRAFT_CHARS) is taken from the clipboard by the app instead of
 * being inserted by the browser: inserting 1 MB into a textarea costs the browser 350–650 ms of layout here, on the
 * main thread, before the app runs at all, and the box shows such a draft as an excerpt anyway (LargeDraft.tsx).
 * Shorter pastes are left to the browser (its undo history keeps them).
 */
import type { ClipboardEvent } from 'react';

/** Drafts longer than this are shown as an excerpt (LargeDraft.tsx) and pasted by the app. */
export const LARGE_DRAFT_CHARS = 100_000;

export function takeLargePaste(e: ClipboardEvent<HTMLTextAreaElement>, onText: (text: string) => void): void {
  const pasted = e.clipboardData?.getData('text/plain') ?? '';
  const box = e.currentTarget;
  const before = box.value.slice(0, box.selectionStart ?? box.value.length);
  const after = box.value.slice(box.selectionEnd ?? box.value.length);
  if (before.length + pasted.length + after.length <= LARGE_DRAFT_CHARS) return;
  e.preventDefault();
  // As a textarea would store it: line breaks normalised to \n.
  onText(before + pasted.replace(/\r\n?/g, '\n') + after);
}
