import { chromium } from 'playwright-core';
import { largeScenario } from './scenario-gen';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await p.goto(`http://127.0.0.1:${process.argv[2]}/`);
await p.waitForFunction(() => window.__podscape?.snapshot() != null);
await p.evaluate((text) => window.__podscape!.load(text).then(() => undefined), largeScenario({ nodes: 1000, pods: 30000 }));
const t0 = Date.now();
const seen: string[] = [];
for (let i = 0; i < 40; i++) {
  const r = await p.evaluate(() => `${document.querySelectorAll('[data-node]').length}/${document.querySelectorAll('[data-workload]').length}`);
  seen.push(`${Date.now() - t0}ms ${r}`);
  if (r === '1000/1000') break;
  await p.waitForTimeout(250);
}
console.log('nodes/workload rows after the load call resolved:', seen.join('; '));
console.log(await p.evaluate(() => ({
  names: [...document.querySelectorAll('[data-node]')].every((e, i) => e.getAttribute('data-node') === `node-${String(i).padStart(5, '0')}`),
  meters: document.querySelectorAll('[data-node] [role=meter]').length,
  blocks: document.querySelectorAll('.canvas-block').length,
})));
await p.screenshot({ path: '/tmp/final-top.png' });
await p.locator('#workloads-heading').scrollIntoViewIfNeeded();
await p.waitForTimeout(500);
await p.screenshot({ path: '/tmp/final-workloads.png' });
await p.locator('[data-node="node-00999"]').scrollIntoViewIfNeeded();
await p.waitForTimeout(500);
await p.screenshot({ path: '/tmp/final-last.png' });
await browser.close();
