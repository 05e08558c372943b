/** The app shell's state: what the user typed and where to evaluate it. Derived results are not stored. */
import { create } from 'zustand';
import type { Semantics } from '../eml/evaluate/semantics.ts';

export interface PlaygroundState {
  expression: string;
  x: number;
  y: number;
  semantics: Semantics;
  setExpression: (text: string) => void;
  setX: (x: number) => void;
  setY: (y: number) => void;
  setSemantics: (s: Semantics) => void;
}

export const usePlayground = create<PlaygroundState>()((set) => ({
  expression: 'eml(1, eml(eml(1, x), 1))',
  x: 2,
  y: 3,
  semantics: 'complex',
  setExpression: (expression) => set({ expression }),
  setX: (x) => set({ x }),
  setY: (y) => set({ y }),
  setSemantics: (semantics) => set({ semantics }),
}));
