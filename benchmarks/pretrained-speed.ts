/**
 * The shipped model's costs, as a user meets them:
 * - its size on disk and in the packed tarball (`npm pack --dry-run`);
 * - loading it: `pretrainedModel()` in fresh Node processes (the module
 *   imported first, so the figure is the file's read and parse alone), median of N;
 * - reading a one-digit picture after loading: `readDigits` on a 56×56 grey PNG
 *   (a drawn 7, or MNIST test digits when MNIST is in reach), median of 200 calls after 20 warm-up calls.
 *
 *   npm run bench:pretrained [-- --repeat N]
 *
 * Speed is measured here, not asserted by the tests.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { encode } from 'fast-png';
import { loadMnistSync, pretrainedModel, readDigits } from '../src/index.js';
import { median } from '../src/bench/bench-report.js';

const { values } = parseArgs({ options: { repeat: { type: 'string', default: '7' } } });
const repeat = Number(values.repeat);
if (!Number.isInteger(repeat) || repeat < 1) throw new RangeError(`bench:pretrained: option --repeat must be an integer >= 1, got ${values.repeat}`);
const root = fileURLToPath(new URL('..', import.meta.url));
const file = new URL('../models/mnist-hog-pca-svc.dkm', import.meta.url);

const pack = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }))[0] as {
  size: number;
  files: { path: string; size: number }[];
};
const modelFiles = pack.files.filter((f) => f.path.startsWith('models/'));
console.log(`model file: ${statSync(file).size} bytes; models/ in the package: ${modelFiles.map((f) => `${f.path} ${f.size} B`).join(', ')}`);
console.log(`packed tarball: ${pack.size} bytes in all`);

const script = `
  const { pretrainedModel } = await import(${JSON.stringify(new URL('../src/index.ts', import.meta.url).href)});
  const t = performance.now();
  pretrainedModel();
  console.log(performance.now() - t);`;
const loads: number[] = [];
for (let i = 0; i < repeat; i++) {
  loads.push(Number(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' }).trim()));
}
console.log(`load (pretrainedModel() in a fresh process): median ${median(loads).toFixed(1)} ms of ${repeat} (${loads.map((t) => t.toFixed(0)).join(', ')})`);

/** 56×56 grey PNGs, dark ink on white: MNIST test digits scaled 2× when MNIST is here, else a drawn 7. */
function pictures(): Uint8Array[] {
  let images: ArrayLike<number>[];
  try {
    const test = loadMnistSync({ split: 'test', limit: 20 }).images;
    images = Array.from({ length: 20 }, (_, i) => test.image(i));
  } catch {
    const seven = new Uint8Array(784);
    for (let x = 6; x < 22; x++) seven[5 * 28 + x] = seven[6 * 28 + x] = 255;
    for (let k = 0; k < 17; k++) seven[(7 + k) * 28 + Math.round(20 - k * 0.55)] = seven[(7 + k) * 28 + Math.round(20 - k * 0.55) + 1] = 255;
    images = [seven];
  }
  return images.map((im) => {
    const data = new Uint8Array(56 * 56);
    for (let y = 0; y < 56; y++) for (let x = 0; x < 56; x++) data[y * 56 + x] = 255 - im[(y >> 1) * 28 + (x >> 1)];
    return encode({ width: 56, height: 56, data, channels: 1, depth: 8 });
  });
}
const pngs = pictures();
const model = pretrainedModel();
for (let i = 0; i < 20; i++) readDigits(pngs[i % pngs.length], model);
const reads: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  readDigits(pngs[i % pngs.length], model);
  reads.push(performance.now() - t);
}
reads.sort((a, b) => a - b);
console.log(`one-digit picture (56×56 PNG) read after loading: median ${median(reads).toFixed(2)} ms, p90 ${reads[179].toFixed(2)} ms (200 calls)`);
