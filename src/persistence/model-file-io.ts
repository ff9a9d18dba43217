/**
 * Saving and loading models as files: the binary model file (any size; see
 * `persistence/model-file.ts` for its layout) or the JSON of `toJSON()`
 * (readable, but at most one JavaScript string, 512 MB).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { constants } from 'node:buffer';
import { describe } from '../core/errors.js';
import type { Model } from '../base/protocol.js';
import { checkOptions } from '../core/options.js';
import { decodeModelFile, encodeModelFile, hex, isModelFile, MODEL_FILE_MAGIC, readPrecision, type ModelToBytesOptions } from './model-file.js';
import { loadModel } from '../base/registry.js';
import { describeFsError, writeChunksAtomic } from '../core/node-files.js';

/** How a model file is written: `'binary'`, the digitkit model file, or `'json'`. */
export type ModelFileFormat = 'binary' | 'json';

/** Options of {@link saveModelFile}. */
export interface SaveModelFileOptions extends ModelToBytesOptions {
  /** The format; by default `'json'` for a path ending in `.json`, else `'binary'`. */
  format?: ModelFileFormat;
}

/** What {@link saveModelFile} wrote. */
export interface SavedModelFile {
  format: ModelFileFormat;
  /** The file's size in bytes. */
  bytes: number;
}

/** The format {@link saveModelFile} picks for `path`: JSON for `.json` (any case), else binary. */
export function modelFileFormat(path: string): ModelFileFormat {
  return extname(path).toLowerCase() === '.json' ? 'json' : 'binary';
}

/**
 * Writes `model` to `path` (through a temporary file and a rename, so `path`
 * never holds half a model): as the binary model file, or as JSON when the
 * path ends in `.json` or `format` is `'json'`. `loadModelFile` reads either.
 *
 * ```ts
 * saveModelFile(model, 'mnist-knn-hog.dkm');   // k-NN on HOG of all 60,000 MNIST images: 972 MB
 * saveModelFile(model, 'small.dkm', { precision: 'float16' });  // large float arrays rounded to half precision
 * const again = loadModelFile('mnist-knn-hog.dkm') as Pipeline;
 * ```
 * @throws TypeError for a bad argument; RangeError when a JSON file is asked
 *   for a model whose JSON is over one string's limit; the file system's error
 *   (with the path) when the file cannot be written.
 */
export function saveModelFile(model: Model, path: string, options: SaveModelFileOptions = {}): SavedModelFile {
  const where = 'saveModelFile';
  if (typeof path !== 'string' || path === '') throw new TypeError(`${where}: argument 'path' must be a non-empty string, got ${describe(path)}`);
  const o = checkOptions(options, where, ['format', 'precision']) as SaveModelFileOptions;
  const format = o.format ?? modelFileFormat(path);
  if (format !== 'binary' && format !== 'json') throw new TypeError(`${where}: option 'format' must be 'binary' or 'json', got ${describe(format)}`);
  const precision = readPrecision(o, where);
  if (format === 'json' && precision !== 'float64') throw new TypeError(`${where}: option 'precision' applies to the binary model file, not JSON (JSON keeps every digit)`);
  if (typeof (model as Model | null)?.toJSON !== 'function') {
    throw new TypeError(`${where}: argument 'model' must be a digitkit model (with toJSON()), got ${describe(model)}`);
  }
  if (format === 'binary') {
    const { chunks, size } = encodeModelFile(model, where, precision);
    writeChunksAtomic(path, chunks);
    return { format, bytes: size };
  }
  let text: string;
  try {
    text = JSON.stringify(model.toJSON());
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    throw new RangeError(`${where}: the model is too large for JSON (${err.message}; one string holds at most ${constants.MAX_STRING_LENGTH} characters); save it as a binary model file: a path not ending in .json, or { format: 'binary' }`);
  }
  const bytes = new TextEncoder().encode(text);
  writeChunksAtomic(path, [bytes]);
  return { format, bytes: bytes.length };
}

/**
 * Reads a model saved by {@link saveModelFile}, `digitkit train` or
 * `JSON.stringify(model.toJSON())`. The format is found from the content,
 * not the name: the binary model file's magic bytes, or JSON (starting `{`).
 * @throws Error naming the path when the file cannot be read; TypeError when it is neither
 *   kind of model file; RangeError for another format version, a truncated or corrupt binary
 *   file; `loadModel`'s and the model's own `fromJSON` errors for a bad model.
 */
export function loadModelFile(path: string): unknown {
  const where = 'loadModelFile';
  if (typeof path !== 'string' || path === '') throw new TypeError(`${where}: argument 'path' must be a non-empty string, got ${describe(path)}`);
  const bytes = readWhole(path, where);
  const what = `the file ${path}`;
  if (isModelFile(bytes)) return decodeModelFile(bytes, where, what);
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0; // a UTF-8 byte-order mark
  while (start < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[start])) start++;
  if (bytes[start] !== 0x7b) {
    throw new TypeError(
      `${where}: ${what} is not a digitkit model: expected a binary model file (starting ${hex(MODEL_FILE_MAGIC)}) ` +
        `or a model's JSON (starting '{'), got ${bytes.length} bytes${bytes.length ? ` starting ${hex(bytes.subarray(0, 8))}` : ''}`,
    );
  }
  if (bytes.length > constants.MAX_STRING_LENGTH) {
    throw new RangeError(`${where}: ${what} is JSON of ${bytes.length} bytes; expected at most ${constants.MAX_STRING_LENGTH} (one JavaScript string)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8').decode(bytes));
  } catch (err) {
    throw new TypeError(`${where}: ${what} is not a digitkit model: expected a model's JSON, got text that is not valid JSON (${(err as Error).message})`);
  }
  return loadModel(json);
}

/** The whole file in a fresh (so 8-byte aligned) Uint8Array; files over 2 GB too. */
function readWhole(path: string, where: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new Error(`${where}: cannot read the file ${path}: ${describeFsError(err)}`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new Error(`${where}: cannot read the file ${path}: it is a folder`);
    if (stat.size > constants.MAX_LENGTH) throw new RangeError(`${where}: the file ${path} has ${stat.size} bytes; expected at most ${constants.MAX_LENGTH}`);
    const bytes = new Uint8Array(stat.size);
    let at = 0;
    while (at < bytes.length) {
      const n = readSync(fd, bytes, at, Math.min(bytes.length - at, 2 ** 30), at);
      if (n === 0) break;
      at += n;
    }
    return at === bytes.length ? bytes : bytes.subarray(0, at);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EISDIR') throw new Error(`${where}: cannot read the file ${path}: it is a folder`);
    throw err;
  } finally {
    closeSync(fd);
  }
}
