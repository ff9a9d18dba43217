/**
 * Downloading MNIST files into a cache directory, each checked against its
 * SHA-256 before it is stored.
 */
import { join } from 'node:path';
import { DatasetError } from './dataset-error.js';
import { isGzip } from './idx.js';
import { MNIST_SIZES, type MnistFileName } from './mnist-files.js';
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
  // The file as published, or decompressed by the server: never more than its raw size.
  const cap = Math.max(MNIST_SIZES[name].gz, MNIST_SIZES[name].raw);
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
      bytes = await readCapped(response, cap, url);
    } catch (err) {
      if (err instanceof TooLarge) {
        failures.push(err.message);
        continue;
      }
      const cause = (err as { cause?: { message?: string } }).cause?.message;
      failures.push(`${url}: ${(err as Error).message}${cause ? ` (${cause})` : ''}`);
      continue;
    }
    const gz = isGzip(bytes);
    try {
      verifyChecksum(url, bytes, gz ? () => gunzipNode(bytes, url, where, MNIST_SIZES[name].raw) : undefined, accepted, where);
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

class TooLarge extends Error {}

/**
 * The response's body, refused as soon as it passes `cap` bytes (a declared
 * Content-Length over it is refused before reading): an endless or oversized
 * response cannot fill memory.
 */
async function readCapped(response: Response, cap: number, url: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > cap) throw new TooLarge(`${url}: the response declares ${declared} bytes, more than the ${cap} bytes of this file`);
  const parts: Uint8Array[] = [];
  let n = 0;
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.length;
    if (n > cap) {
      await reader.cancel();
      throw new TooLarge(`${url}: the response passed ${cap} bytes, the size of this file, and was stopped`);
    }
    parts.push(value);
  }
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
