/** The documentation screen's address: `#docs`, `#docs/<page>` or `#docs/<page>/<heading anchor>`. */
export interface DocsRoute {
  page: string | null;
  anchor: string | null;
}

export function docsRouteOf(hash: string): DocsRoute | null {
  const m = /^#docs(?:\/([\w-]+)(?:\/([\w-]+))?)?$/.exec(hash);
  return m ? { page: m[1] ?? null, anchor: m[2] ?? null } : null;
}
