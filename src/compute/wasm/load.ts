/**
 * Compiling digitkit's WebAssembly modules (their bytes are carried in
 * TypeScript, base64), once each; null where WebAssembly or its SIMD
 * instructions are missing, so that callers fall back to plain TypeScript.
 */
import { activeBackend } from '../backend.js';
import { wasmApi, type WasmMemory, type WasmModule } from './webassembly-api.js';

const modules = new Map<string, WasmModule | null>();

/** The compiled module of `base64` bytes, or null where it cannot run or `DIGITKIT_BACKEND=js` asks for TypeScript. */
export function wasmModule(base64: string): WasmModule | null {
  if (activeBackend() === 'js') return null;
  if (!modules.has(base64)) {
    let mod: WasmModule | null = null;
    try {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      if (wasmApi?.validate(bytes)) mod = new wasmApi.Module(bytes);
    } catch {
      mod = null;
    }
    modules.set(base64, mod);
  }
  return modules.get(base64)!;
}

/** An instance of `mod` whose memory holds at least `bytes` bytes, with its exports. */
export function instantiate(mod: WasmModule, bytes: number): { memory: WasmMemory; exports: Record<string, unknown> } {
  const instance = new wasmApi!.Instance(mod, {});
  const memory = instance.exports.memory as WasmMemory;
  const pages = Math.ceil(bytes / 65536) - memory.buffer.byteLength / 65536;
  if (pages > 0) memory.grow(pages);
  return { memory, exports: instance.exports };
}

/** An instance of `mod` (a shared-memory variant) on `memory`, with its exports. */
export function instantiateOn(mod: WasmModule, memory: WasmMemory): Record<string, unknown> {
  return new wasmApi!.Instance(mod, { env: { memory } }).exports;
}
