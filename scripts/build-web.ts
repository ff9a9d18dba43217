/**
 * Builds the page of `digitkit serve` and `digitkit web` into `dist/web-page/`:
 * `src/web/page/main.ts` and its worker bundled by esbuild for browsers (with
 * `digitkit/browser`'s code inside, no CDN), and the HTML and CSS copied.
 * `npm run build` runs it; the browser tests call {@link buildPage}.
 *
 *   npx tsx scripts/build-web.ts [--out DIR]
 */
import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const pageSrc = join(root, 'src', 'web', 'page');

/** Bundles the page into `out` (default `dist/web-page`); returns each file's size in bytes. */
export async function buildPage(out = join(root, 'dist', 'web-page')): Promise<Record<string, number>> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [join(pageSrc, 'main.ts'), join(pageSrc, 'worker.ts')],
    outdir: out,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    // package.json's sideEffects names dist/ files; bundled from src/, the hook modules that register
    // themselves (svc-hooks, pipeline-hooks…) would be dropped, and the SVC would lose its probabilities.
    ignoreAnnotations: true,
  });
  for (const f of ['index.html', 'style.css']) copyFileSync(join(pageSrc, f), join(out, f));
  const sizes: Record<string, number> = {};
  for (const f of ['index.html', 'style.css', 'main.js', 'worker.js']) sizes[f] = statSync(join(out, f)).size;
  return sizes;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--out');
  const sizes = await buildPage(i > 0 ? process.argv[i + 1] : undefined);
  console.log(`page built: ${Object.entries(sizes).map(([f, n]) => `${f} ${(n / 1024).toFixed(1)} KB`).join(', ')}`);
}
