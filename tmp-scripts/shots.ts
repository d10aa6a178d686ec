import { chromium } from 'playwright-core';
import { largeScenario } from '/work/wt/polish/bench/ui/scenario-gen';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await page.goto('http://127.0.0.1:4305/');
await page.waitForFunction(() => (window as any).__podscape?.snapshot() != null);
for (const [nodes, pods] of [[300, 9000], [1000, 30000]]) {
  const t0 = Date.now();
  await page.evaluate((y) => (window as any).__podscape.load(y), largeScenario({ nodes, pods }));
  await page.waitForFunction((n) => document.querySelectorAll('[data-node]').length === n, nodes, { timeout: 120000 });
  console.log(nodes, 'loaded in', Date.now() - t0, 'ms');
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/polish/shot-${nodes}.png` });
  await page.mouse.wheel(0, 5000);
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/polish/shot-${nodes}-scrolled.png` });
  await page.evaluate(() => window.scrollTo(0, 0));
}
await browser.close();
