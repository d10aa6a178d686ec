import { chromium } from 'playwright-core';
import { largeScenario } from './scenario-gen';
const port = process.argv[2] ?? '4305';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const width of [1280, 1700, 700]) {
  const page = await browser.newPage({ viewport: { width, height: 720 } });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => (window as any).__podscape?.snapshot() != null);
  await page.evaluate((text) => (window as any).__podscape.load(text).then(() => undefined), largeScenario({ nodes: 1000, pods: 30000 }));
  await page.waitForTimeout(4000);
  const before = await page.evaluate(() => [...document.querySelectorAll('.canvas-block')].map((b) => b.getBoundingClientRect().height));
  const content = await page.evaluate(() => {
    const c = document.querySelector('.canvas-node') as HTMLElement;
    const cap = c.querySelector('.pod-canvas-caption')!.getBoundingClientRect();
    const cs = getComputedStyle(c);
    return { card: c.getBoundingClientRect().height, contentBottom: cap.bottom + parseFloat(cs.paddingBottom) + parseFloat(cs.borderBottomWidth) - c.getBoundingClientRect().top, cols: getComputedStyle(document.querySelector('.canvas-block')!).gridTemplateColumns };
  });
  const after: number[] = [];
  const n = before.length;
  for (let i = 0; i < n; i++) {
    await page.evaluate((i) => document.querySelectorAll('.canvas-block')[i].scrollIntoView(), i);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    after.push(await page.evaluate((i) => document.querySelectorAll('.canvas-block')[i].getBoundingClientRect().height, i));
  }
  const diffs = before.map((b, i) => +(after[i] - b).toFixed(3));
  console.log(width, JSON.stringify(content), 'blocks', n, 'diffs', JSON.stringify(diffs), 'sample', before.slice(0, 3));
  if (process.env.SHOT) await page.screenshot({ path: `/tmp/uikill2/shot-${width}.png` });
  await page.close();
}
await browser.close();
