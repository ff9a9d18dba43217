/**
 * The little of the WebAssembly JavaScript API that digitkit uses, typed
 * here as a module: TypeScript declares `WebAssembly` only with the DOM
 * library, which this Node-and-browser package does not compile against (and
 * a consumer's project may not either), so the published declarations must
 * not name it. Node and browsers provide it at run time.
 */

/** A compiled WebAssembly module. */
export interface WasmModule {
  readonly __wasmModule?: never;
}

/** A WebAssembly memory: its bytes, growable by pages of 64 KB. */
export interface WasmMemory {
  /** A SharedArrayBuffer for a shared memory. */
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  validate(bytes: Uint8Array): boolean;
}

/** The platform's WebAssembly API, or undefined where it has none. */
export const wasmApi: WasmApi | undefined = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
