/**
 * HOG extraction of all 70,000 MNIST images (60,000 training + 10,000 test,
 * 0..255 bytes), digitkit's `hogBatch` against scikit-image's `hog` on the
 * same images in the same run (when /usr/bin/python3 has scikit-image), for
 * the usual setting and for the one the MNIST examples chose; checks that
 * both give the same features.
 *
 *   npm run bench:hog [-- --repeat N]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ImageSet, hogBatch, loadMnistSync, type HogParams } from '../src/index.js';
import { median } from '../src/bench/bench-report.js';

const { values } = parseArgs({ options: { repeat: { type: 'string', default: '3' }, help: { type: 'boolean', short: 'h', default: false } } });
if (values.help) {
  console.log('usage: npm run bench:hog [-- --repeat N]   (median of N runs; default 3)');
  process.exit(0);
}
const repeat = Number(values.repeat);
if (!Number.isInteger(repeat) || repeat < 1) {
  console.error(`bench:hog: option --repeat must be an integer >= 1, got ${values.repeat}`);
  process.exit(2);
}

const train = loadMnistSync({ split: 'train-full' }).images;
const test = loadMnistSync({ split: 'test' }).images;
const all = new Uint8Array(train.data.length + test.data.length);
all.set(train.data);
all.set(test.data, train.data.length);
const images = new ImageSet(all, train.count + test.count, 28, 28);

const SETTINGS: [string, HogParams][] = [
  ['usual: 9 bins, 7×7 cells, 2×2 blocks, L2-Hys', { orientations: 9, pixelsPerCell: [7, 7], cellsPerBlock: [2, 2], blockNorm: 'L2-Hys' }],
  ['chosen: 9 bins, 4×4 cells, 3×3 blocks, L1-sqrt', { orientations: 9, pixelsPerCell: [4, 4], cellsPerBlock: [3, 3], blockNorm: 'L1-sqrt' }],
];

const dir = mkdtempSync(join(tmpdir(), 'digitkit-hog-'));
try {
  writeFileSync(join(dir, 'images.u8'), all);
  console.log(`HOG of ${images.count} MNIST images (28×28), median of ${repeat} runs`);
  for (const [name, p] of SETTINGS) {
    const times: number[] = [];
    let ours = hogBatch(images, p);
    for (let r = 0; r < repeat; r++) {
      const t0 = performance.now();
      ours = hogBatch(images, p);
      times.push((performance.now() - t0) / 1000);
    }
    const mine = median(times);
    let line = `  ${name}: digitkit ${mine.toFixed(2)} s`;
    try {
      const script = fileURLToPath(new URL('./skimage_hog.py', import.meta.url));
      const out = JSON.parse(execFileSync('/usr/bin/python3', [script, dir, JSON.stringify(p), String(repeat)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 }).trim());
      const bytes = readFileSync(join(dir, 'features.f64'));
      const theirs = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      let maxDiff = 0;
      for (let i = 0; i < theirs.length; i++) maxDiff = Math.max(maxDiff, Math.abs(theirs[i] - ours.data[i]));
      line += `, scikit-image ${out.version} ${median(out.seconds).toFixed(2)} s; digitkit / scikit-image: ${(mine / median(out.seconds)).toFixed(3)}; ` +
        `largest difference between the two ${maxDiff.toExponential(1)} over ${theirs.length} values`;
    } catch (err) {
      const e = err as { code?: string; stderr?: string };
      line += e.code === 'ENOENT' ? ' (scikit-image skipped: /usr/bin/python3 not found)'
        : ` (scikit-image skipped: ${(e.stderr ?? String(err)).trim().split('\n').pop()})`;
    }
    console.log(line);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
