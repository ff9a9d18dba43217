/**
 * Makes the README's screenshot of the page, docs/web-page.png: '2048' drawn
 * from the browser tests' stroke paths, in Debian's Chromium at a 520-pixel
 * wide window.
 *
 *   npx tsx scripts/screenshot-web.ts
 */
import { chromium } from 'playwright-core';
import { buildPage } from './build-web.js';
import { startDigitServer } from '../src/web/server.js';
import { DIGIT_STROKES, type Stroke } from '../test/fixtures/strokes.js';

await buildPage();
const server = await startDigitServer({ port: 0 });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 520, height: 900 } });
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => (globalThis as unknown as { document: { body: { dataset: Record<string, string> } } }).document.body.dataset.ready === 'true');
  const box = (await page.locator('#draw').boundingBox())!;
  const k = box.width / 560;
  const writings = [1, 2, 2, 0];
  const strokes: Stroke[] = [...'2048'].flatMap((c, i) => DIGIT_STROKES[+c][writings[i]].map((s) => s.map(([x, y]) => [20 + i * 125 + x * 150, 60 + y * 150] as [number, number])));
  for (const s of strokes) {
    await page.mouse.move(box.x + s[0][0] * k, box.y + s[0][1] * k);
    await page.mouse.down();
    for (const [x, y] of s.slice(1)) await page.mouse.move(box.x + x * k, box.y + y * k);
    await page.mouse.up();
  }
  await page.waitForFunction(() => (globalThis as unknown as { document: { body: { dataset: Record<string, string> } } }).document.body.dataset.reading === 'false');
  // The drawing, the text and the per-digit cards; the boxed copy of the drawing is left out to keep it small.
  await page.evaluate(() => ((globalThis as unknown as { document: { getElementById(id: string): { hidden: boolean } } }).document.getElementById('shown-figure').hidden = true));
  await page.screenshot({ path: 'docs/web-page.png', fullPage: true });
  console.log('wrote docs/web-page.png');
} finally {
  await browser.close();
  await server.close();
}
