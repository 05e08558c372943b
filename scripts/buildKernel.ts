/**
 * `npm run build:kernel [-- --check]`: compiles src/training/kernel/realKernel.wat into realKernel.wasm.ts.
 * `--check` writes nothing and exits 1 when the committed module is not the source's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { scriptOptions } from '../src/cli/options.ts';
import { KERNEL_MODULE, kernelModuleText } from './kernelSource.ts';

const USAGE = 'npm run build:kernel -- [--check]';
const options = scriptOptions(
  process.argv.slice(2),
  { check: { type: 'boolean' }, help: { type: 'boolean' } },
  USAGE,
  (v) => ({ check: v.check === true }),
);

const text = await kernelModuleText();
if (options.check) {
  const current = readFileSync(KERNEL_MODULE, 'utf8') === text;
  console.log(current ? 'realKernel.wasm.ts is current' : 'realKernel.wasm.ts is stale: run npm run build:kernel');
  process.exit(current ? 0 : 1);
}
writeFileSync(KERNEL_MODULE, text);
console.log(`wrote ${KERNEL_MODULE}`);
