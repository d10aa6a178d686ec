// temporary experiment (not committed): cold loads, optionally blocking the worker's script
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startPreview } from './ui.bench';
const [portArg, runsArg, block] = process.argv.slice(2);
const port = Number(portArg);
const server = await startPreview(port);
const browser = await chromium.launch({ ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}), args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const url = `http://127.0.0.1:${port}/`;
const all: Record<string, number>[] = [];
try {
  for (let i = 0; i < Number(runsArg); i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    if (block) await page.route(new RegExp(block), (r) => r.abort());
    await page.addInitScript(`window.__marks = {}; new MutationObserver((_, o) => { if (document.querySelector('[data-node]')) { window.__marks.firstNode = performance.now(); o.disconnect(); } }).observe(document, { childList: true, subtree: true });`);
    await page.goto(url);
    await page.waitForFunction(() => (window as any).__marks.firstNode !== undefined);
    const m = await page.evaluate(() => {
      const out: Record<string, number> = { firstNode: (window as any).__marks.firstNode };
      out.fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      out.htmlEnd = nav.responseEnd;
      for (const e of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
        const mm = /assets\/([a-z.-]+?)-[^/-]*\.(js|css)$/.exec(e.name);
        if (mm) { out[`${mm[1]}Start`] = e.requestStart; out[`${mm[1]}End`] = e.responseEnd; }
      }
      return out;
    });
    all.push(Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round(v)])));
    await context.close();
  }
} finally { await browser.close(); server.kill(); }
const keys = Object.keys(all[0]);
const med = (k: string) => { const v = all.map((x) => x[k]).filter((x) => x !== undefined).sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; };
for (const r of all) console.log(JSON.stringify(r));
console.log('MEDIAN', JSON.stringify(Object.fromEntries(keys.map((k) => [k, med(k)]))));
