// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { usePlayground } from '../../store/store.ts';
import { TreeView } from './TreeView.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLDivElement;
let root: Root;
beforeEach(() => {
  usePlayground
    .getState()
    .load({ ...usePlayground.getState().doc, text: 'EML[1,EML[EML[1,x],1]]', inputKind: 'eml', x: 2 });
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root.render(<TreeView />));
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

const svg = () => host.querySelector('svg[role="tree"]') as SVGSVGElement;
const key = (k: string) => act(() => void svg().dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true })));
const activeItem = () => document.getElementById(svg().getAttribute('aria-activedescendant') ?? '');
const button = (name: string) => [...host.querySelectorAll('button')].find((b) => b.textContent === name)!;

describe('<TreeView />', () => {
  it('renders the default tree as an accessible tree of circles and leaf boxes', () => {
    expect(host.querySelectorAll('[role="treeitem"]').length).toBe(7);
    expect(host.querySelectorAll('circle.shape').length).toBe(3);
    expect(host.querySelector('[aria-level="4"][aria-label="ln side: variable x"]')).not.toBeNull();
    expect(host.querySelector('[role="treeitem"][aria-expanded="true"]')?.getAttribute('data-path')).toBe('');
    expect([...host.querySelectorAll('.edge-label')].map((t) => t.textContent)).toContain('exp');
  });

  it('walks with the arrow keys, selects with Space and shows the node’s value', () => {
    act(() => svg().focus());
    key('ArrowDown');
    expect(activeItem()?.getAttribute('data-path')).toBe('L');
    key('ArrowRight');
    key('ArrowDown');
    key('ArrowRight');
    expect(activeItem()?.getAttribute('data-path')).toBe('RR');
    key('ArrowLeft');
    key('ArrowDown');
    key('ArrowRight');
    expect(activeItem()?.getAttribute('data-path')).toBe('RLR');
    key(' ');
    expect(usePlayground.getState().selectedPath).toBe('RLR');
    expect(activeItem()?.getAttribute('aria-selected')).toBe('true');
    expect(host.querySelector('[data-testid="node-value"]')?.textContent).toBe('2');
    key('ArrowUp');
    expect(activeItem()?.getAttribute('data-path')).toBe('RL');
  });

  it('collapses and expands a named block with Enter', () => {
    act(() => svg().focus());
    key('Enter');
    expect(host.querySelectorAll('[role="treeitem"]').length).toBe(2);
    expect(host.querySelector('.node-block .node-label')?.textContent).toBe('ln');
    key('Enter');
    expect(host.querySelectorAll('[role="treeitem"]').length).toBe(7);
  });

  it('edits the selected node through the store (undoable)', () => {
    act(() => usePlayground.getState().select('RLR'));
    act(() => button('Replace with 1').click());
    expect(usePlayground.getState().doc.text).toBe('eml(1, eml(eml(1, 1), 1))');
    act(() => usePlayground.getState().undo());
    expect(usePlayground.getState().doc.text).toBe('EML[1,EML[EML[1,x],1]]');
  });

  it('keeps typed text and shows a positioned error for a bad sub-expression', () => {
    act(() => usePlayground.getState().select('RLR'));
    const input = host.querySelector('input.expr-input') as HTMLInputElement;
    act(() => {
      const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      set.call(input, 'eml(1 x)');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => button('Replace with typed').click());
    expect(host.querySelector('.parse-error')?.textContent).toMatch(/column 7/);
    expect((host.querySelector('input.expr-input') as HTMLInputElement).value).toBe('eml(1 x)');
    expect(usePlayground.getState().doc.text).toBe('EML[1,EML[EML[1,x],1]]');
  });

  it('draws a flag badge and explains it', () => {
    act(() => usePlayground.getState().update({ x: 0 })); // ln side 0 at the node eml(1, x)… inside ln: ln(0)
    const badge = host.querySelector('.flag-badge title');
    expect(badge?.textContent).toMatch(/ln 0/);
    const flagged = badge!.closest('[role="treeitem"]')!.getAttribute('data-path')!;
    act(() => usePlayground.getState().hover(flagged));
    expect(host.querySelector('.flag-list')?.textContent).toMatch(/ln gives −∞/);
  });

  it('the first click on a node details that node, not the root the focus lands on (issue 15)', () => {
    const heading = () => host.querySelector('.node-details h3')?.textContent;
    const click = (path: string) => {
      const node = host.querySelector(`[role="treeitem"][data-path="${path}"]`)!;
      // A real click: pointerdown focuses the drawing, then click, then pointerup.
      act(() => void node.dispatchEvent(new Event('pointerdown', { bubbles: true })));
      act(() => svg().focus());
      act(() => void node.dispatchEvent(new MouseEvent('click', { bubbles: true })));
      act(() => void node.dispatchEvent(new Event('pointerup', { bubbles: true })));
    };
    click('RL');
    expect(usePlayground.getState().selectedPath).toBe('RL');
    expect(heading()).toBe('Node at ln › exp');
    expect(usePlayground.getState().hoverPath).toBe('RL');
    click('RLR');
    expect(heading()).toBe('Node at ln › exp › ln');
    act(() => svg().blur());
    key('Tab'); // nothing: keyboard focus below shows the keyboard cursor instead
    act(() => svg().focus());
    expect(heading()).toBe('Node at ln › exp › ln'); // the cursor followed the last click
  });

  it('Shared subtrees draws each distinct subtree once with ×n badges, and hides selection and editing', () => {
    // ln x: EML[1, EML[EML[1, x], 1]] shares its leaf 1 three times: 5 distinct nodes for K 7.
    const toggle = host.querySelector('input[type="checkbox"]') as HTMLInputElement;
    expect(toggle.parentElement?.textContent).toBe('Shared subtrees (DAG)');
    act(() => toggle.click());
    expect(usePlayground.getState().sharedSubtrees).toBe(true);
    const dag = host.querySelector('[data-drawing="dag"]')!;
    expect(dag.querySelectorAll('.dag-node').length).toBe(5);
    expect([...dag.querySelectorAll('.dag-badge')].map((b) => b.textContent)).toEqual(['×3']);
    expect(host.querySelector('[data-testid="dag-status"]')?.textContent).toContain(
      'K 7 as a tree · 5 distinct nodes as a DAG (3 eml nodes)',
    );
    expect(svg().closest('.tree-stage')?.hasAttribute('hidden')).toBe(true);
    expect(host.textContent).toContain('turn “Shared subtrees” off to select or edit one');
    act(() => toggle.click());
    expect(host.querySelector('[data-drawing="dag"]')).toBeNull();
    expect(svg().closest('.tree-stage')?.hasAttribute('hidden')).toBe(false);
  });
});
