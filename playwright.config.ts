import { defineConfig } from '@playwright/test';

// Debian's Chromium (apt-get install -y chromium), never a Playwright browser download.
// Playwright already adds --no-sandbox, --enable-unsafe-swiftshader, --disable-background-networking,
// --disable-component-update, --disable-sync and --no-first-run; the closed network here also wants --disable-quic.
const PORT = Number(process.env.E2E_PORT ?? 4174);

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--disable-quic', '--enable-unsafe-swiftshader', '--enable-unsafe-webgpu'],
    },
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `npx vite build && npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
