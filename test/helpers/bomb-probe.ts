/**
 * Run in a fresh process by the bomb tests: builds a decompression bomb,
 * hands it to a digitkit reader, and prints how long the refusal took and how
 * much the process's peak memory grew, as one JSON line.
 *
 *   node --import tsx test/helpers/bomb-probe.ts png|idx|mnist-gz|download-endless|download-bomb
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chunk } from './png-chunks.js';
import { gzipBomb, zlibBomb } from './deflate-bomb.js';
import { downloadMnist, loadMnistSync, parseIdxImages, readPng } from '../../src/index.js';

const MATCHES = 1_040_000; // 256 MB of zeros
const kind = process.argv[2];
const IDX_HEADER = [0, 0, 8, 3, 0, 0, 39, 16, 0, 0, 0, 28, 0, 0, 0, 28]; // 10,000 images of 28×28: MNIST's test file
let input: Uint8Array = new Uint8Array(0);
let read: (b: Uint8Array) => unknown | Promise<unknown>;
const dir = mkdtempSync(join(tmpdir(), 'digitkit-bomb-'));
let server: ReturnType<typeof createServer> | null = null;
if (kind === 'png') {
  const ihdr = Uint8Array.of(0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0); // 1×1 grey, 8 bits
  const parts = [Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), chunk('IHDR', ihdr), chunk('IDAT', zlibBomb(MATCHES)), chunk('IEND', new Uint8Array(0))];
  input = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) input.set(p, (at += p.length) - p.length);
  read = readPng;
} else if (kind === 'idx') {
  // An IDX image file whose header declares one 28×28 image, then 256 MB of zeros; its trailer claims the full length.
  read = (b) => parseIdxImages(b, { source: 'bomb.gz' });
  input = gzipBomb(MATCHES, [0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28]);
} else if (kind === 'mnist-gz') {
  // MNIST's test images as a 1.7 MB .gz that inflates to 256 MB, in a folder loadMnistSync reads.
  writeFileSync(join(dir, 't10k-images-idx3-ubyte.gz'), gzipBomb(MATCHES, IDX_HEADER));
  writeFileSync(join(dir, 't10k-labels-idx1-ubyte'), Uint8Array.of(0, 0, 8, 1, 0, 0, 39, 16, ...new Array(10000).fill(0)));
  read = () => loadMnistSync({ split: 'test', dir, sources: ['dir'] });
} else {
  // A server that streams zeros without end, or serves a gzip bomb, as MNIST's test images.
  const bomb = gzipBomb(MATCHES, IDX_HEADER);
  server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    if (kind === 'download-bomb') return void res.end(bomb);
    const zeros = new Uint8Array(1 << 16);
    const more = () => {
      while (res.write(zeros));
    };
    res.on('drain', more);
    res.on('error', () => {});
    more();
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  read = () => downloadMnist({ cacheDir: dir, baseUrl, timeoutMs: 20000 });
}
const before = process.resourceUsage().maxRSS;
const t0 = performance.now();
let error = '';
try {
  await read(input);
} catch (err) {
  error = (err as Error).message;
}
const ms = performance.now() - t0;
const peakGrowthMB = (process.resourceUsage().maxRSS - before) / 1024;
server?.closeAllConnections();
server?.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ ms, peakGrowthMB, error }));
