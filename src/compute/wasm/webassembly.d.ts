/**
 * The little of the WebAssembly JavaScript API that digitkit uses. TypeScript
 * declares it only with the DOM library, which this Node-and-browser package
 * does not compile against; Node and browsers provide it at run time.
 */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports: object);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number; shared?: boolean });
    /** A SharedArrayBuffer for a shared memory. */
    readonly buffer: ArrayBufferLike;
    grow(pages: number): number;
  }
  function validate(bytes: Uint8Array): boolean;
}
