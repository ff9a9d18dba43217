/**
 * Compiling digitkit's WebAssembly modules (their bytes are carried in
 * TypeScript, base64), once each; null where WebAssembly or its SIMD
 * instructions are missing, so that callers fall back to plain TypeScript.
 */
const modules = new Map<string, WebAssembly.Module | null>();

/** The compiled module of `base64` bytes, or null where it cannot run. */
export function wasmModule(base64: string): WebAssembly.Module | null {
  if (!modules.has(base64)) {
    let mod: WebAssembly.Module | null = null;
    try {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes)) mod = new WebAssembly.Module(bytes);
    } catch {
      mod = null;
    }
    modules.set(base64, mod);
  }
  return modules.get(base64)!;
}

/** An instance of `mod` whose memory holds at least `bytes` bytes, with its exports. */
export function instantiate(mod: WebAssembly.Module, bytes: number): { memory: WebAssembly.Memory; exports: Record<string, unknown> } {
  const instance = new WebAssembly.Instance(mod, {});
  const memory = instance.exports.memory as WebAssembly.Memory;
  const pages = Math.ceil(bytes / 65536) - memory.buffer.byteLength / 65536;
  if (pages > 0) memory.grow(pages);
  return { memory, exports: instance.exports };
}

/** An instance of `mod` (a shared-memory variant) on `memory`, with its exports. */
export function instantiateOn(mod: WebAssembly.Module, memory: WebAssembly.Memory): Record<string, unknown> {
  return new WebAssembly.Instance(mod, { env: { memory } }).exports;
}
