/**
 * The cold load alone (issue 4): `npx tsx bench/ui/cold-load.ts <port> [runs] [--trace]`
 * against the current dist/ (run `vite build` first). Prints first contentful paint and
 * the first node card per run set (median of fresh contexts, as the UI bench), and with
 * --trace the main thread's and the worker's slices of one more cold load up to the first
 * node card (CDP Tracing), from navigation start, with their CPU time. With --marks, each of `runs` more cold loads
 * prints its phases (ms from navigation start): the main bundle's download, the worker's
 * creation and first message, first contentful paint and the first node card. With
 * --profile (best against `vite build --minify false`), one more cold load under the CDP
 * Profiler: the main thread's self time per function and per script up to the first node.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { coldMarks, coldProfile, coldTrace } from './cold-probes';
import { coldLoad, startPreview } from './ui.bench';

const args = process.argv.slice(2);
const port = Number(args[0] ?? 4314);
const runs = Number(args[1] ?? 3);
const server = await startPreview(port);
const browser = await chromium.launch({
  ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const url = `http://127.0.0.1:${port}/`;
try {
  for (let i = 0; i < runs; i++) console.log(JSON.stringify(await coldLoad(browser, url)));
  if (args.includes('--marks')) for (let i = 0; i < runs; i++) console.log(JSON.stringify(await coldMarks(browser, url)));
  if (args.includes('--profile')) console.log(await coldProfile(browser, url));
  if (args.includes('--trace')) console.log(await coldTrace(browser, url));
} finally {
  await browser.close();
  server.kill();
}

