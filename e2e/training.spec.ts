/**
 * The training engine in Chromium: tfjs WebGL in a worker agrees with native float64 over 50 steps, and the
 * native worker pool (on its WebAssembly SIMD kernel) recovers eml_depth4 exactly in under 10 s. The spec builds its own small test page
 * (e2e/training/) with Vite's API and serves it with `vite preview`, so the app's config and UI stay untouched.
 */
import { expect, test } from '@playwright/test';
import { build, preview, type PreviewServer } from 'vite';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const PORT = Number(process.env.E2E_TRAINING_PORT ?? Number(process.env.E2E_PORT ?? 4174) + 1);
let server: PreviewServer;

test.beforeAll(async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'eml-training-e2e-'));
  const root = resolve('e2e/training');
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    worker: { format: 'es' },
    build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000 },
  });
  server = await preview({
    root,
    configFile: false,
    logLevel: 'warn',
    build: { outDir },
    preview: { port: PORT, strictPort: true, host: '127.0.0.1' },
  });
});

test.afterAll(async () => {
  await server?.close();
});

test('tfjs WebGL in a worker agrees with native float64 over the first 50 steps', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await expect(page.locator('#status')).toHaveText('ready');
  const r = await page.evaluate(() => window.__training.agree('webgl'));
  expect(r.error).toBeUndefined();
  expect(r.backend).toBe('webgl fused');
  expect(r.tfjs.length).toBe(100);
  for (let i = 0; i < r.native.length; i++)
    expect(Math.abs(r.tfjs[i] - r.native[i]) / Math.abs(r.native[i])).toBeLessThan(1e-3);
});

test('eml_depth4 is recovered exactly in under 10 s', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await expect(page.locator('#status')).toHaveText('ready');
  const r = await page.evaluate(() => window.__training.recoverDepth4(2));
  console.log(
    `eml_depth4: first exact recovery after ${(r.ms / 1000).toFixed(2)} s (${r.engine}, ${r.workers} worker(s)): ${r.tree}`,
  );
  expect(r.exact).toBe(true);
  expect(r.tree).toBe('EML[1,EML[EML[1,EML[x,y]],1]]');
  // The native engine's WebAssembly SIMD kernel compiles in Chromium's workers (else it reports plain float64).
  expect(r.engine).toBe('native:float64 simd');
  expect(r.ms).toBeLessThan(10_000);
});
