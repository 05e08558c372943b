/**
 * The complex-plane picture as one image: the canvas that holds the current drawing (GPU or float64) with the
 * departure overlay on top. The PNG export and the e2e pixel checks read this, so they see what the user sees.
 */

/** The view's canvases on the page, or null when the view is not shown. */
export function findPlaneCanvases(root: ParentNode = document) {
  const view = root.querySelector<HTMLElement>('[data-plane-view]');
  if (!view) return null;
  const renderer = view.dataset.renderer === 'gpu' ? 'gpu' : 'cpu';
  const image = view.querySelector<HTMLCanvasElement>(`canvas[data-plane-layer="${renderer}"]`);
  const overlay = view.querySelector<HTMLCanvasElement>('canvas[data-plane-layer="departs"]');
  return image ? { image, overlay } : null;
}

/** The composed picture at the image's own resolution. */
export function composePlaneImage(root: ParentNode = document): HTMLCanvasElement {
  const found = findPlaneCanvases(root);
  if (!found) throw new Error('there is no complex-plane drawing on the page to export');
  const out = document.createElement('canvas');
  out.width = found.image.width;
  out.height = found.image.height;
  const ctx = out.getContext('2d')!;
  ctx.drawImage(found.image, 0, 0);
  if (found.overlay && !found.overlay.hidden) ctx.drawImage(found.overlay, 0, 0, out.width, out.height);
  return out;
}

export function planePng(root: ParentNode = document): Promise<Blob> {
  const canvas = composePlaneImage(root);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'),
  );
}
