/**
 * How much the page's main thread allocates while a large cluster loads (issue 4, (c)):
 * one load per fresh page under CDP's sampling heap profiler (collected objects kept, so the
 * sum is what was allocated, not what survived), then the total and the functions that
 * allocated most (self). Also the long tasks (PerformanceObserver) and the heap after.
 * Needs a preview server already up (`vite preview --port <port>`).
 * Usage: npx tsx bench/ui/alloc-load.ts <port> [nodes] [pods] [runs]
 */
import { chromium } from 'playwright-core';
import { largeScenario } from './scenario-gen';

const [port = '4317', nodes = '5000', pods = '150000', runs = '1'] = process.argv.slice(2);
interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const yamlText = largeScenario({ nodes: Number(nodes), pods: Number(pods) });
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
for (let run = 0; run < Number(runs); run++) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => window.__podscape?.snapshot() != null);
  await page.evaluate((text) => void ((window as unknown as { __yaml: string }).__yaml = text), yamlText);
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask' });
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  const cpu0 = Number((await cdp.send('Performance.getMetrics').catch(() => ({ metrics: [] }))).metrics?.find?.((m: { name: string }) => m.name === 'TaskDuration')?.value ?? 0);
  const t0 = Date.now();
  await page.evaluate(() => window.__podscape!.load((window as unknown as { __yaml: string }).__yaml).then(() => undefined));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  const wall = Date.now() - t0;
  await page.waitForTimeout(3000);
  const { profile } = (await cdp.send('HeapProfiler.stopSampling')) as unknown as { profile: { head: ProfileNode } };
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  const self = new Map<string, number>();
  let total = 0;
  const walk = (n: ProfileNode) => {
    total += n.selfSize;
    const where = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\//, '')}:${n.callFrame.lineNumber + 1}`;
    self.set(where, (self.get(where) ?? 0) + n.selfSize);
    n.children.forEach(walk);
  };
  walk(profile.head);
  void cpu0;
  console.log(`run ${run + 1}: load ${wall} ms; allocated ${mib(total)} MiB (sampled); heap after ${mib(heap.usedSize)} MiB; long tasks over 50 ms: ${longTasks.filter((d) => d > 50).length} [${longTasks.map((d) => d.toFixed(0)).join(', ')}]`);
  for (const [where, bytes] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${mib(bytes).padStart(7)} MiB  ${where}`);
  await page.close();
}
await browser.close();
