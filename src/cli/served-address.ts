/**
 * The address a `digitkit serve` child process listens at, read from the line
 * it prints on standard output (`the page is at http://127.0.0.1:PORT/ …`):
 * for the tests, the load benchmark and the package check, which start it with
 * `--port 0`.
 */
import type { ChildProcess } from 'node:child_process';

/**
 * Resolves with `http://HOST:PORT` once `child` prints where it listens;
 * rejects when it exits first or says nothing of it within `timeoutMs`.
 * `child` must have been spawned with its standard output piped.
 */
export function servedAddress(child: ChildProcess, timeoutMs = 20000): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`digitkit serve did not say where it listens within ${timeoutMs} ms: ${out}`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /page is at (http:\/\/[^/\s]+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`digitkit serve exited with ${code}: ${out}`));
    });
  });
}
