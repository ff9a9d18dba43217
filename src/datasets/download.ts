/**
 * Downloading MNIST files into a cache directory, each checked against its
 * SHA-256 before it is stored.
 */
import { join } from 'node:path';
import { DatasetError } from './dataset-error.js';
import { isGzip } from './idx.js';
import type { MnistFileName } from './mnist-files.js';
import { gunzipNode, writeFileAtomic } from '../core/node-files.js';
import { verifyChecksum } from './mnist-read.js';

/** How to download one file. */
export interface DownloadFileOptions {
  /** Base URLs tried in order; the file is fetched from `base + name + '.gz'`. */
  baseUrls: readonly string[];
  /** SHA-256 values the downloaded bytes (or their decompressed content) may have. */
  accepted: readonly string[];
  /** Time limit of each request in milliseconds. */
  timeoutMs: number;
  /** The call, for error messages. */
  where: string;
}

/**
 * Downloads `name.gz` into `cacheDir`, trying each base URL in turn.
 *
 * The bytes are fetched into memory and their checksum verified before
 * anything is written; the file is then written to a temporary name and
 * renamed, so the cache never holds a partial or unverified file.
 *
 * @returns the path of the stored file (`cacheDir/name.gz`, or `cacheDir/name` if the server sent raw bytes).
 * @throws DatasetError listing every URL tried and what went wrong with each.
 */
export async function downloadMnistFile(name: MnistFileName, cacheDir: string, options: DownloadFileOptions): Promise<string> {
  const { baseUrls, accepted, timeoutMs, where } = options;
  const failures: string[] = [];
  for (const base of baseUrls) {
    const url = `${base}${name}.gz`;
    let bytes: Uint8Array;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) {
        failures.push(`${url}: HTTP ${response.status} ${response.statusText}`.trimEnd());
        continue;
      }
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (err) {
      const cause = (err as { cause?: { message?: string } }).cause?.message;
      failures.push(`${url}: ${(err as Error).message}${cause ? ` (${cause})` : ''}`);
      continue;
    }
    const gz = isGzip(bytes);
    try {
      verifyChecksum(url, bytes, gz ? () => gunzipNode(bytes, url, where) : undefined, accepted, where);
    } catch (err) {
      failures.push((err as Error).message.replace(`${where}: `, ''));
      continue;
    }
    const path = join(cacheDir, gz ? `${name}.gz` : name);
    try {
      writeFileAtomic(path, bytes);
    } catch (err) {
      throw new DatasetError(`${where}: cannot write ${path}: ${(err as Error).message}`, path);
    }
    return path;
  }
  throw new DatasetError(`${where}: could not download ${name}.gz; nothing was stored in ${cacheDir}. Tried:\n  - ${failures.join('\n  - ')}`, cacheDir);
}
