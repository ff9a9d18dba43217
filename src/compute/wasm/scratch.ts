/**
 * Scratch space for WebAssembly kernels on a shared memory. Kernels on
 * several threads read the same rows but each needs room of its own to write
 * in, in that same memory. The room is grown once per slot and reused call
 * after call: `reserveScratch` readies a slot per thread before a call, each
 * thread's kernel claims one (`claimScratch`), and `releaseScratch` frees them
 * when the call is done (its threads, kept for later calls, drop their kernels
 * then and attach new ones for the next call).
 */
import { PAGE } from '../shared-rows.js';
import type { WasmMemory } from './webassembly-api.js';

/**
 * Slots a memory keeps: `[state, byte offset, bytes]` each, after a counter
 * of calls. State 0: none; 1: free; > 1: taken by that call.
 */
const MAX_SLOTS = 64;
const FREE = 1;
const tables = new WeakMap<WasmMemory, Int32Array>();

/** What a kernel over shared rows needs for its scratch space (it can be posted to a worker). */
export interface ScratchSpace {
  memory: WasmMemory;
  /** Bytes of scratch one kernel needs. */
  scratchBytes: number;
  /** The memory's slot table, on shared memory. */
  slots: Int32Array;
  /** The call its kernels attach for (0: none reserved; each grows space of its own). */
  tag: number;
}

/** The slot table of `memory`, made on first use. */
export function slotTable(memory: WasmMemory): Int32Array {
  let t = tables.get(memory);
  if (!t) {
    t = new Int32Array(new SharedArrayBuffer(4 * (1 + 3 * MAX_SLOTS)));
    tables.set(memory, t);
  }
  return t;
}

/**
 * Readies a free slot for each of `threads` kernels (growing the memory where
 * none is free) and returns `shared` tagged for this call, to be posted to the
 * threads; null when the memory cannot grow that far. Call
 * {@link releaseScratch} with the result once the call's threads are done with it.
 */
export function reserveScratch<T extends ScratchSpace>(shared: T, threads: number): T | null {
  const { slots, memory, scratchBytes } = shared;
  let free = 0;
  for (let k = 0; k < MAX_SLOTS; k++) if (Atomics.load(slots, 1 + 3 * k) === FREE && slots[3 + 3 * k] >= scratchBytes) free++;
  for (let k = 0; k < MAX_SLOTS && free < threads; k++) {
    if (Atomics.load(slots, 1 + 3 * k) !== 0) continue;
    const at = grow(memory, scratchBytes);
    if (at < 0) return null;
    slots[2 + 3 * k] = at;
    slots[3 + 3 * k] = scratchBytes;
    Atomics.store(slots, 1 + 3 * k, FREE);
    free++;
  }
  return { ...shared, tag: FREE + 1 + Atomics.add(slots, 0, 1) };
}

/** Frees the slots that the kernels of a call (`reserveScratch`'s result) took. */
export function releaseScratch(call: ScratchSpace): void {
  for (let k = 0; k < MAX_SLOTS; k++) Atomics.compareExchange(call.slots, 1 + 3 * k, call.tag, FREE);
}

/**
 * The byte offset of scratch space for one kernel: a free slot reserved for
 * its call, else new space grown for it (never reused); −1 when the memory
 * cannot grow that far.
 */
export function claimScratch(shared: ScratchSpace): number {
  const { slots, tag, scratchBytes } = shared;
  for (let k = 0; tag && k < MAX_SLOTS; k++) {
    if (slots[3 + 3 * k] >= scratchBytes && Atomics.compareExchange(slots, 1 + 3 * k, FREE, tag) === FREE) return slots[2 + 3 * k];
  }
  return grow(shared.memory, scratchBytes);
}

/** Grows `memory` by `bytes` (whole pages); the byte offset of the new space, or −1. */
function grow(memory: WasmMemory, bytes: number): number {
  try {
    return memory.grow(Math.ceil(bytes / PAGE)) * PAGE;
  } catch {
    return -1;
  }
}
