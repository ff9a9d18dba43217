/**
 * Starting a worker thread on one of digitkit's own modules, from the
 * compiled package (`dist/…/x.js`) or from the TypeScript sources (`src/…/x.ts`,
 * as the tests, examples and benchmarks run), where the worker needs tsx's
 * loader registered before it imports the module.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * The URL of module `name` (a path without extension, relative to
 * `importerUrl`, the caller's `import.meta.url`): `.ts` beside a `.ts`
 * importer (the sources, under tsx), else `.js`.
 */
export function moduleUrl(importerUrl: string, name: string): URL {
  return new URL(`${name}${importerUrl.endsWith('.ts') ? '.ts' : '.js'}`, importerUrl);
}

/**
 * A worker running the module `name` (see {@link moduleUrl}), with
 * `workerData` and, when given, `resourceLimits` for its JavaScript heap.
 */
export function startWorker(importerUrl: string, name: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const url = moduleUrl(importerUrl, name);
  if (!importerUrl.endsWith('.ts')) return new Worker(url, { workerData, resourceLimits });
  // Only a source checkout runs .ts files, and it has tsx (a dev dependency).
  // tsx's ESM API registers its loader in the worker (an inherited `--import tsx` does not, in Node 20).
  // require.resolve picks the API's CommonJS build; its ESM build sits beside it.
  const api = pathToFileURL(createRequire(importerUrl).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const bootstrap = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits });
}
