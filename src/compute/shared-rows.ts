/**
 * Large arrays of rows that digitkit makes (a dataset's features, an SVC's
 * support vectors) are placed on shared WebAssembly memory where the platform
 * has it. They are ordinary Float64Arrays to everyone, but the WebAssembly
 * kernels of every worker thread read them where they are: no second copy
 * of the training set for a parallel fit, of the support vectors for a
 * parallel prediction, or of the queries.
 */

import { wasmApi, type WasmMemory } from './wasm/webassembly-api.js';

/** A WebAssembly memory page, in bytes. */
export const PAGE = 65536;
/** From this size on (1 MB) an array is worth placing; smaller ones are copied in no time. */
const MIN_BYTES = 1 << 20;
/** Room for the kernels' scratch space, beyond the rows (64 MB: a few threads' worth, reused call after call). */
export const SCRATCH_HEADROOM_PAGES = 1024;
/** wasm32's address space, in pages (4 GB). */
const MAX_PAGES = 65536;

const homes = new WeakMap<ArrayBufferLike, WasmMemory>();

/**
 * A zeroed Float64Array of `length` values: on a shared WebAssembly memory of
 * its own when it is large and the platform allows, else a plain one.
 */
export function allocateRows(length: number): Float64Array {
  const bytes = 8 * length;
  const pages = Math.ceil(bytes / PAGE);
  if (bytes >= MIN_BYTES && pages + SCRATCH_HEADROOM_PAGES <= MAX_PAGES && typeof SharedArrayBuffer === 'function' && wasmApi) {
    try {
      const memory = new wasmApi.Memory({ initial: pages, maximum: pages + SCRATCH_HEADROOM_PAGES, shared: true });
      homes.set(memory.buffer, memory);
      return new Float64Array(memory.buffer, 0, length);
    } catch {
      // no room for another WebAssembly memory: a plain array does as well
    }
  }
  return new Float64Array(length);
}

/**
 * A zeroed Float64Array of `length` values, on a plain (fixed-size) SharedArrayBuffer when it is large and the
 * platform has one, else a plain array: rows that worker threads read in JavaScript, with no copy, but that no
 * WebAssembly kernel reads where they are (a k-NN's training rows, an image transformer's output). V8 released the
 * WebAssembly memories of a pipeline's intermediate steps late: the HOG features of MNIST's 70,000 images peaked at
 * 2,552 MB on them, at 2,115 on SharedArrayBuffers.
 */
export function allocateSharedRows(length: number): Float64Array {
  return new Float64Array(sharedWhenLarge(8 * length, 8 * length));
}

/**
 * {@link allocateSharedRows} for rows kept as bytes (a k-NN's byte rows): shared when the float64 rows they
 * stand for (`8 × length` bytes) would be.
 */
export function allocateSharedBytes(length: number): Uint8Array {
  return new Uint8Array(sharedWhenLarge(length, 8 * length));
}

/** A zeroed buffer of `bytes`: a SharedArrayBuffer when `weight` (the float rows' size) reaches {@link MIN_BYTES} and the platform has one. */
function sharedWhenLarge(bytes: number, weight: number): ArrayBuffer | SharedArrayBuffer {
  return weight >= MIN_BYTES && typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

/** The shared WebAssembly memory `data` lives on (made by {@link allocateRows}), or null. */
export function memoryOf(data: Float64Array): WasmMemory | null {
  return homes.get(data.buffer) ?? null;
}

/**
 * A new shared WebAssembly memory of at least `bytes`, growable to wasm32's
 * limit (for the kernels' scratch space); null when `bytes` is beyond it.
 */
export function newSharedMemory(bytes: number): WasmMemory | null {
  const pages = Math.ceil(bytes / PAGE);
  if (pages > MAX_PAGES) return null;
  if (!wasmApi) return null;
  return new wasmApi.Memory({ initial: Math.max(1, pages), maximum: MAX_PAGES, shared: true });
}
