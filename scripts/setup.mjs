#!/usr/bin/env node
/**
 * The two set-up commands of README: `npm start` and `npm test`. Each installs what is missing first, so a fresh
 * clone needs nothing else. Plain Node (no TypeScript) because it must run before dependencies exist.
 */
import { spawnSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, accessSync, constants } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = join(root, 'node_modules', '.eml-playground-lock-hash');

function run(cmd, args, opts = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.error) console.error(`could not run ${cmd}: ${r.error.message}`);
  return r.status ?? 1;
}

/** `npm ci` when node_modules is absent or was installed from a different package-lock.json. */
function ensureNodeModules() {
  const lock = readFileSync(join(root, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex');
  const current = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : null;
  if (existsSync(join(root, 'node_modules')) && current === hash) return;
  console.log(current ? 'package-lock.json changed: reinstalling dependencies' : 'installing dependencies (npm ci)');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) {
    console.error('npm ci failed: check the network access to the npm registry, then run the command again.');
    process.exit(1);
  }
  writeFileSync(stampFile, hash + '\n');
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const which = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim();

/** End-to-end tests use Debian's Chromium, never a browser download. Returns its path. */
function ensureChromium() {
  if (process.env.CHROMIUM_PATH) {
    if (isExecutable(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
    console.error(
      `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable file. Point it at a Chromium binary or unset it.`,
    );
    process.exit(1);
  }
  if (isExecutable('/usr/bin/chromium')) return '/usr/bin/chromium';
  if (!which('apt-get')) {
    console.error(
      'Chromium is missing and apt-get is not available. Install Chromium and set CHROMIUM_PATH=/path/to/chromium.',
    );
    process.exit(1);
  }
  const asRoot = process.getuid?.() === 0;
  const sudo = asRoot ? [] : which('sudo') ? ['sudo', '-n'] : null;
  if (!sudo) {
    console.error('Chromium is missing: run `apt-get install -y chromium` as root, or set CHROMIUM_PATH.');
    process.exit(1);
  }
  console.log("Chromium is missing: installing Debian's chromium package with apt-get");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const [cmd, ...pre] = [...sudo, 'apt-get'];
  if (
    run(cmd, [...pre, 'update', '-qq'], { env }) !== 0 ||
    run(cmd, [...pre, 'install', '-y', '-qq', 'chromium'], { env }) !== 0 ||
    !isExecutable('/usr/bin/chromium')
  ) {
    console.error('Installing chromium with apt-get failed; install it by hand or set CHROMIUM_PATH.');
    process.exit(1);
  }
  return '/usr/bin/chromium';
}

const bin = (name) => join(root, 'node_modules', '.bin', name);

function start() {
  ensureNodeModules();
  if (run(bin('vite'), ['build']) !== 0) process.exit(1);
  const port = process.env.PORT ?? '4173';
  const host = process.env.HOST ?? '127.0.0.1';
  const server = spawn(bin('vite'), ['preview', '--port', port, '--strictPort', '--host', host], {
    cwd: root,
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  let announced = false;
  server.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (!announced && /Local:/.test(String(chunk))) {
      announced = true;
      console.log(`\nEML Playground is running at http://${host}:${port}/  (Ctrl+C stops it)`);
    }
  });
  server.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
}

function test() {
  ensureNodeModules();
  const chromium = ensureChromium();
  const stages = [
    ['type-check', bin('tsc'), ['-p', 'tsconfig.json']],
    ['format check (Prettier; `npm run format` fixes)', bin('prettier'), ['--check', '.']],
    ['lint (ESLint)', bin('eslint'), ['.']],
    ['unit and property tests (Vitest)', bin('vitest'), ['run']],
    ['end-to-end tests (Playwright, Chromium headless)', bin('playwright'), ['test']],
  ];
  const results = stages.map(([name, cmd, args]) => {
    console.log(`\n=== ${name} ===`);
    return [name, run(cmd, args, { env: { ...process.env, CHROMIUM_PATH: chromium, CI: process.env.CI ?? '1' } })];
  });
  console.log('\n=== summary ===');
  for (const [name, code] of results) console.log(`${code === 0 ? 'PASS' : 'FAIL'}  ${name}`);
  process.exit(results.some(([, code]) => code !== 0) ? 1 : 0);
}

const mode = process.argv[2];
if (mode === 'start') start();
else if (mode === 'test') test();
else {
  console.error('usage: node scripts/setup.mjs start|test');
  process.exit(2);
}
