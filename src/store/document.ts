/**
 * The document: the few user choices from which everything else on the screen is derived. History, autosave and
 * the share URL all carry exactly this, so they cannot drift apart.
 */
import { DEFAULT_COMPILE_MODE, type CompileMode } from '../eml/compiler/compile.ts';
import type { Semantics } from '../eml/evaluate/semantics.ts';
import type { InputKind } from '../eml/input.ts';
import type { PlaneWindow } from '../eml/plane/raster.ts';
import { DEFAULT_PLANE_WINDOW } from '../eml/plane/window.ts';

export interface PlaygroundDocument {
  /** The applied expression text (EML or ordinary math). */
  text: string;
  inputKind: InputKind;
  compileMode: CompileMode;
  clean: boolean;
  semantics: Semantics;
  x: number;
  y: number;
  /** Plot range of x. */
  xMin: number;
  xMax: number;
  /** The Complex plane's window of x (its y is `y`, the slider shared with the Plot). */
  planeWindow: PlaneWindow;
}

export const DEFAULT_DOCUMENT: PlaygroundDocument = Object.freeze({
  text: 'EML[1,EML[EML[1,x],1]]',
  inputKind: 'auto',
  compileMode: DEFAULT_COMPILE_MODE,
  clean: false,
  semantics: 'complex',
  x: 2,
  y: 3,
  xMin: -4,
  xMax: 4,
  planeWindow: DEFAULT_PLANE_WINDOW,
});
