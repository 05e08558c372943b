/**
 * Skip links, the first stops of the Tab order: one per region of the screen, so a keyboard user reaches the tree
 * (or any region) in two or three Tabs. Regions are found by their data-region attribute (App.tsx), not by heading
 * text. The links move focus themselves: following their href would change the hash, which is the app's route.
 */
import type { MouseEvent } from 'react';

export interface SkipTarget {
  /** The data-region value of the target. */
  readonly region: string;
  readonly label: string;
}

/** Focuses a region: its main drawing when it has a focusable one (the tree), else the region itself. */
export function focusRegion(region: string): boolean {
  const el = document.querySelector<HTMLElement>(`[data-region="${region}"]`);
  if (!el) return false;
  const inner = el.querySelector<HTMLElement | SVGElement>('[data-drawing][tabindex="0"]');
  const target = inner ?? el;
  if (!inner && !el.hasAttribute('tabindex')) el.tabIndex = -1;
  target.focus();
  target.scrollIntoView({ block: 'start' });
  return true;
}

export function SkipLinks({ targets }: { targets: readonly SkipTarget[] }) {
  const go = (e: MouseEvent, region: string) => {
    if (focusRegion(region)) e.preventDefault();
  };
  return (
    <nav aria-label="Skip links">
      <ul className="skip-links">
        {targets.map((t) => (
          <li key={t.region}>
            <a href={`#region-${t.region}`} onClick={(e) => go(e, t.region)}>
              Skip to {t.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
