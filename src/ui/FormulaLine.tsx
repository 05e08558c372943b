/**
 * A formula that scrolls sideways when it is wider than its panel (`.formula-main`). It is a tab stop with a name:
 * a region that scrolls must be reachable by keyboard (axe's scrollable-region-focusable), or the end of a long
 * fitted formula is hidden from anyone without a mouse or a touch screen. Focused, the arrow keys scroll it.
 */
import type { ReactNode } from 'react';

interface Props {
  /** What the group is called, e.g. "Fitted formula". */
  label: string;
  testId: string;
  /** A block (a display formula) rather than a line of text. */
  block?: boolean;
  children: ReactNode;
}

export function FormulaLine({ label, testId, block = false, children }: Props) {
  const Tag = block ? 'div' : 'p';
  return (
    <Tag className="formula-main" data-testid={testId} tabIndex={0} role="group" aria-label={label}>
      {children}
    </Tag>
  );
}
