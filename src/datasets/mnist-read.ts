/**
 * Reading one MNIST file from disk: gunzip if needed, parse, verify its
 * SHA-256, and keep the parsed result in memory for later calls.
 */
import { statSync } from 'node:fs';
import { DatasetError } from './dataset-error.js';
import { isGzip, parseIdxImages, parseIdxLabels } from './idx.js';
import type { ImageSet } from './image-set.js';
import { MNIST_CHECKSUMS, MNIST_SIZES } from './mnist-files.js';
import type { MnistFileName } from './mnist-files.js';
import { gunzipNode, readBytes } from '../core/node-files.js';
import { sha256Hex } from './sha256.js';

/** A parsed file and the hashes it was checked with. */
interface Entry {
  size: number;
  mtimeMs: number;
  /** SHA-256 of the file's bytes and, for a gzip file, of its content; undefined when not verified. */
  hashes: string[] | undefined;
  value: ImageSet | Int32Array;
}

const cache = new Map<string, Entry>();

/** Forgets the parsed MNIST files kept in memory (about 55 MB per file pair read). */
export function clearMnistCache(): void {
  cache.clear();
}

/** The SHA-256 values a file may have: the caller's, or the known ones of the original and of its content. */
export function acceptedChecksums(name: MnistFileName, custom: Partial<Record<MnistFileName, string[]>>): string[] {
  return custom[name] ?? [MNIST_CHECKSUMS[name].gz, MNIST_CHECKSUMS[name].raw];
}

/**
 * Throws unless the SHA-256 of `file` (or of `content`, its decompressed form)
 * is one of `accepted`. `content` is computed only when the file's own hash fails.
 * @returns the hashes that were computed.
 */
export function verifyChecksum(
  path: string,
  file: Uint8Array,
  content: (() => Uint8Array) | undefined,
  accepted: readonly string[],
  where: string,
): string[] {
  const fileHash = sha256Hex(file);
  if (accepted.includes(fileHash)) return [fileHash];
  const contentHash = content === undefined ? undefined : sha256Hex(content());
  if (contentHash !== undefined && accepted.includes(contentHash)) return [fileHash, contentHash];
  const got = contentHash === undefined ? fileHash : `${fileHash} (file) / ${contentHash} (decompressed)`;
  throw new DatasetError(
    `${where}: ${path}: checksum mismatch: expected SHA-256 ${accepted.join(' or ')}, got ${got}; the file is corrupt or not the original, delete or replace it`,
    path,
  );
}

/**
 * Reads, parses and (when `verify`) checks one MNIST file, raw or gzip.
 * Results are cached per path, size and modification time.
 * @throws DatasetError naming the path on any problem with the file.
 */
export function readMnistFile(
  path: string,
  name: MnistFileName,
  options: { verify: boolean; accepted: readonly string[]; where: string },
): ImageSet | Int32Array {
  const { verify, accepted, where } = options;
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new DatasetError(`${where}: ${path}: file not found`, path);
  }
  const hit = cache.get(path);
  const fresh = hit !== undefined && hit.size === stat.size && hit.mtimeMs === stat.mtimeMs;
  if (fresh && (!verify || (hit.hashes !== undefined && hit.hashes.some((h) => accepted.includes(h))))) {
    return hit.value;
  }
  const file = readBytes(path, where);
  const gz = isGzip(file);
  const content = gz ? gunzipNode(file, path, where, MNIST_SIZES[name].raw) : file;
  const isImages = name.includes('images');
  let value: ImageSet | Int32Array;
  try {
    value = isImages ? parseIdxImages(content, { source: path, width: 28, height: 28 }) : parseIdxLabels(content, { source: path });
  } catch (err) {
    if (err instanceof DatasetError) throw new DatasetError(`${where}: ${err.message}`, path);
    throw err;
  }
  const hashes = verify ? verifyChecksum(path, file, gz ? () => content : undefined, accepted, where) : undefined;
  cache.set(path, { size: stat.size, mtimeMs: stat.mtimeMs, hashes, value });
  return value;
}
