/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The Content-Security-Policy of the built app. Only in builds: the dev server injects inline scripts for hot
 * reload. Inline styles stay allowed because KaTeX and React style props use them; scripts may only come from
 * the app itself, and workers from the app or blob: URLs.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'eml-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  };
}

/**
 * Offline and installable (issue #15: a classroom with bad Wi-Fi is the common case). vite-plugin-pwa writes the
 * web app manifest and a Workbox service worker that precaches every file of the build: the app, the tour, the
 * docs, KaTeX's fonts, the workers and the tfjs wasm binaries, so the playground, the tour and fitting work with
 * no network after the first visit. The worker registers from an external script (registerSW.js), which the CSP
 * allows; a new build replaces the old one at the next visit (autoUpdate). Any navigation, whatever its query
 * (?present, ?embed), is answered with the precached index.html.
 */
const pwa = VitePWA({
  registerType: 'autoUpdate',
  injectRegister: 'script-defer',
  includeAssets: ['favicon.svg'],
  manifest: {
    name: 'EML Playground',
    short_name: 'EML',
    description: 'Explore, learn and fit formulas built from one operator: eml(x, y) = exp(x) − ln(y).',
    start_url: '.',
    scope: '.',
    display: 'standalone',
    background_color: '#fbfbf8',
    theme_color: '#1f3b63',
    icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
  },
  workbox: {
    globPatterns: ['**/*.{js,mjs,css,html,svg,png,ico,wasm,woff2,woff,ttf,json,md,txt}'],
    // The tfjs wasm binaries and the training worker bundle are several MB each; all of them must be cached.
    maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
    navigateFallback: 'index.html',
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: true,
  },
});

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), pwa],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
