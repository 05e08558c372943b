/**
 * What the browser performance scripts (perf:playground, perf:tasks) share: the port from PERF_PORT, a build of
 * the app served by `vite preview`, Debian's Chromium, a fresh page, and the median of a list.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The preview server's port: PERF_PORT, or `fallback`; a bad value stops the script with a message. */
export function perfPort(fallback: number): number {
  const port = Number(process.env.PERF_PORT ?? fallback);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    console.error(`error: PERF_PORT must be a port number from 1 to 65535, not "${process.env.PERF_PORT}"`);
    process.exit(2);
  }
  return port;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Progress on stderr, so that --json output on stdout stays clean. */
export const perfLog = (script: string) => (m: string) => process.stderr.write(`${script}: ${m}\n`);

const root = join(import.meta.dirname, '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the preview server did not answer at ${url}`);
}

/**
 * Builds into a folder of its own and serves that on `port`; returns the function that stops the server and
 * removes the folder. A folder of its own because the e2e runs build into dist/ in the same checkout, and a
 * rebuild under a running preview would replace the chunks the page is about to load.
 */
export async function serveBuild(port: number): Promise<() => void> {
  const outDir = mkdtempSync(join(tmpdir(), 'perf-build-'));
  await new Promise<void>((resolve, reject) => {
    const build = spawn(bin('vite'), ['build', '--logLevel', 'error', '--outDir', outDir, '--emptyOutDir'], {
      cwd: root,
      stdio: 'inherit',
    });
    build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
  const server = spawn(
    bin('vite'),
    ['preview', '--outDir', outDir, '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { cwd: root, stdio: 'ignore' },
  );
  await waitForServer(`http://127.0.0.1:${port}/`);
  return () => {
    server.kill();
    rmSync(outDir, { recursive: true, force: true });
  };
}

/** Debian's Chromium (CHROMIUM_PATH where it lives elsewhere), never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-quic'],
  });
}

/** A page in a context of its own: empty storage, so no autosaved document is restored into it. */
export async function freshPage(browser: Browser, viewport = { width: 1400, height: 1000 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  return context.newPage();
}
