/**
 * The backend switch: `DIGITKIT_BACKEND=js` runs every kernel on its plain
 * TypeScript path (no WebAssembly module is compiled), `wasm` (the default)
 * uses the WebAssembly SIMD kernels where the platform has them. Both give
 * the same results (the tests run on both); the switch is for testing and
 * for comparing speed. Worker threads inherit the variable.
 */

/** The kernels' implementation. */
export type Backend = 'wasm' | 'js';

/**
 * The backend `DIGITKIT_BACKEND` asks for (read at each kernel's creation), `'wasm'` when unset.
 * @throws RangeError naming the variable for another value.
 */
export function activeBackend(): Backend {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.DIGITKIT_BACKEND;
  if (value === undefined || value === '' || value === 'wasm') return 'wasm';
  if (value === 'js') return 'js';
  throw new RangeError(`digitkit: environment variable DIGITKIT_BACKEND must be 'js' or 'wasm', got ${JSON.stringify(value)}`);
}
